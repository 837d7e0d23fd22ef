package io.egressguard.core;

/** The agent's version, from the jar manifest. */
public final class Version {

    private Version() {}

    public static String get() {
        String v = Version.class.getPackage() == null ? null : Version.class.getPackage().getImplementationVersion();
        if (v == null) {
            v = readManifestVersion();
        }
        return v == null ? "dev" : v;
    }

    private static String readManifestVersion() {
        try {
            java.security.CodeSource cs = Version.class.getProtectionDomain().getCodeSource();
            if (cs == null) {
                return null;
            }
            java.io.File f = new java.io.File(cs.getLocation().toURI());
            if (!f.isFile()) {
                return null;
            }
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(f)) {
                java.util.jar.Manifest m = jar.getManifest();
                return m == null ? null : m.getMainAttributes().getValue("Implementation-Version");
            }
        } catch (Exception e) {
            return null;
        }
    }
}

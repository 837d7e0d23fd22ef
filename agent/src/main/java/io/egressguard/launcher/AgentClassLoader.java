package io.egressguard.launcher;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent core and its relocated dependencies from the {@code inst/} folder of the agent jar.
 *
 * <p>Its parent is the platform class loader: the core sees the JDK (including {@code java.net.http})
 * and, through the boot class path, the bootstrap hooks, but never the application's classes. The
 * application, in turn, cannot load anything from here because the class files are stored as
 * {@code .classdata}, which no other class loader will define.
 */
final class AgentClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String PREFIX = "inst/";

    private final JarFile jar;
    private final URL jarUrl;
    private final ProtectionDomain protectionDomain;

    AgentClassLoader(File agentJar) throws IOException {
        super("egress-guard", ClassLoader.getPlatformClassLoader());
        this.jar = new JarFile(agentJar, false);
        this.jarUrl = agentJar.toURI().toURL();
        this.protectionDomain = new ProtectionDomain(new CodeSource(jarUrl, (Certificate[]) null), null, this, null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".classdata");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = readAll(in, (int) entry.getSize());
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        definePackageFor(name);
        return defineClass(name, bytes, 0, bytes.length, protectionDomain);
    }

    private void definePackageFor(String className) {
        int dot = className.lastIndexOf('.');
        if (dot < 0) {
            return;
        }
        String pkg = className.substring(0, dot);
        if (getDefinedPackage(pkg) == null) {
            try {
                definePackage(pkg, null, null, null, null, null, null, null);
            } catch (IllegalArgumentException raced) {
                // another thread defined it first; that is fine
            }
        }
    }

    /**
     * Class files are stored as {@code .classdata}; asking this loader for {@code X.class} still finds
     * them, which is how Byte Buddy reads the advice classes without loading them.
     */
    @Override
    protected URL findResource(String name) {
        String stored = name.endsWith(".class") ? name.substring(0, name.length() - 6) + ".classdata" : name;
        JarEntry entry = jar.getJarEntry(PREFIX + stored);
        if (entry == null) {
            return null;
        }
        try {
            return new URL("jar:" + jarUrl + "!/" + PREFIX + stored);
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singleton(url));
    }

    private static byte[] readAll(InputStream in, int sizeHint) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint > 0 ? sizeHint : 4096);
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}

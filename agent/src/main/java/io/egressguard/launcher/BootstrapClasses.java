package io.egressguard.launcher;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Makes the hook classes under {@code bootstrap/} in the agent jar part of the boot class loader, so
 * that advice woven into any class, in any class loader, can call them.
 *
 * <p>They are defined directly in the boot loader rather than by appending the agent jar to the boot
 * class path: appending switches off class data sharing for every class outside the boot loader,
 * which makes the application start slower and makes the JVM print a warning. Appending a small jar of
 * just these classes remains as a fallback for a JVM where direct definition is not possible.
 */
final class BootstrapClasses {

    private static final String FOLDER = "bootstrap/";
    private static final String SUFFIX = ".classdata";

    private BootstrapClasses() {}

    static void install(Instrumentation inst, JarFile jar) throws IOException {
        Map<String, byte[]> classes = read(jar);
        try {
            defineInBootLoader(inst, classes);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            appendAsJar(inst, classes);
        }
    }

    private static Map<String, byte[]> read(JarFile jar) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry e = entries.nextElement();
            String n = e.getName();
            if (n.startsWith(FOLDER) && n.endsWith(SUFFIX)) {
                String className = n.substring(FOLDER.length(), n.length() - SUFFIX.length()).replace('/', '.');
                try (InputStream in = jar.getInputStream(e)) {
                    classes.put(className, in.readAllBytes());
                }
            }
        }
        if (classes.isEmpty()) {
            throw new IOException("the agent jar has no bootstrap classes");
        }
        return classes;
    }

    private static void defineInBootLoader(Instrumentation inst, Map<String, byte[]> classes)
            throws ReflectiveOperationException {
        Module base = Object.class.getModule();
        Module self = BootstrapClasses.class.getModule();
        inst.redefineModule(base, Set.of(), Map.of("jdk.internal.misc", Set.of(self)), Map.of(), Set.of(), Map.of());
        Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
        Method define = unsafeClass.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        // A class can only be defined once the types it extends exist; retry until all are in.
        List<String> pending = new ArrayList<>(classes.keySet());
        while (!pending.isEmpty()) {
            List<String> failed = new ArrayList<>();
            Throwable last = null;
            for (String name : pending) {
                if (alreadyInBootLoader(name)) {
                    continue;
                }
                byte[] b = classes.get(name);
                try {
                    define.invoke(unsafe, name, b, 0, b.length, null, null);
                } catch (InvocationTargetException e) {
                    if (!(e.getCause() instanceof NoClassDefFoundError)) {
                        throw e;
                    }
                    failed.add(name);
                    last = e.getCause();
                }
            }
            if (failed.size() == pending.size()) {
                throw new IllegalStateException("cannot define bootstrap classes " + failed, last);
            }
            pending = failed;
        }
    }

    private static boolean alreadyInBootLoader(String name) {
        try {
            Class.forName(name, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void appendAsJar(Instrumentation inst, Map<String, byte[]> classes) throws IOException {
        File tmp = File.createTempFile("egress-guard-bootstrap", ".jar");
        tmp.deleteOnExit();
        try (JarOutputStream out = new JarOutputStream(new FileOutputStream(tmp))) {
            for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey().replace('.', '/') + ".class"));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(tmp));
    }
}

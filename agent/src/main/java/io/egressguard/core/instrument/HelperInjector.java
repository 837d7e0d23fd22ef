package io.egressguard.core.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Defines helper classes (for example an OkHttp {@code Interceptor}) in the class loader of the
 * library they work with, so that they can implement its interfaces. Each loader gets them once.
 */
final class HelperInjector {

    private final ClassLoader agentLoader;
    private final ModuleAccess modules;
    private final Map<ClassLoader, Set<String>> injected = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile Method defineClass;

    HelperInjector(ClassLoader agentLoader, ModuleAccess modules) {
        this.agentLoader = agentLoader;
        this.modules = modules;
    }

    void inject(ClassLoader loader, List<String> classNames) throws Exception {
        Set<String> done = injected.computeIfAbsent(loader, k -> Collections.synchronizedSet(new java.util.HashSet<>()));
        synchronized (done) {
            for (String name : classNames) {
                if (done.contains(name)) {
                    continue;
                }
                byte[] bytes = read(name);
                try {
                    define().invoke(loader, name, bytes, 0, bytes.length, null);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    if (!(e.getCause() instanceof LinkageError)) { // already defined by an earlier attempt
                        throw e;
                    }
                }
                done.add(name);
            }
        }
    }

    private Method define() throws Exception {
        Method m = defineClass;
        if (m == null) {
            modules.openToCore(Object.class.getModule(), "java.lang");
            m = ClassLoader.class.getDeclaredMethod("defineClass", String.class, byte[].class, int.class, int.class,
                    java.security.ProtectionDomain.class);
            m.setAccessible(true);
            defineClass = m;
        }
        return m;
    }

    private byte[] read(String className) throws IOException {
        try (InputStream in = agentLoader.getResourceAsStream(className.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new IOException("helper class " + className + " is missing from the agent jar");
            }
            return in.readAllBytes();
        }
    }
}

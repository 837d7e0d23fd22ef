package io.egressguard.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.SimpleRemapper;

/**
 * A deliberately odd build of a client library, made at test time: a copy of a real jar in which one
 * class has a method renamed (with every call to it inside that class), as a future release might. The
 * library still works; only an instrumentation that expects the old shape is surprised.
 */
public final class OddJar {

    private OddJar() {}

    /**
     * @param method {@code owner.name(descriptor)} in internal form, as ASM's SimpleRemapper keys it,
     *     e.g. {@code org/apache/http/protocol/HttpRequestExecutor.doSendRequest(Lorg/apache/http/HttpRequest;...)L...;}
     */
    public static Path withMethodRenamed(Path jar, String method, String newName, Path dir) throws IOException {
        String owner = method.substring(0, method.indexOf('.'));
        SimpleRemapper remapper = new SimpleRemapper(Map.of(method, newName));
        Path out = dir.resolve("odd-" + jar.getFileName());
        boolean found = false;
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar));
                OutputStream file = Files.newOutputStream(out);
                JarOutputStream jarOut = in.getManifest() == null ? new JarOutputStream(file)
                        : new JarOutputStream(file, in.getManifest())) {
            for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                byte[] bytes = readAll(in);
                if (e.getName().equals(owner + ".class")) {
                    ClassReader reader = new ClassReader(bytes);
                    ClassWriter writer = new ClassWriter(0);
                    reader.accept(new ClassRemapper(writer, remapper), 0);
                    bytes = writer.toByteArray();
                    found = true;
                }
                if (e.getName().endsWith(".SF") || e.getName().endsWith(".RSA") || e.getName().endsWith(".DSA")) {
                    continue; // a signature would no longer match
                }
                jarOut.putNextEntry(new JarEntry(e.getName()));
                jarOut.write(bytes);
                jarOut.closeEntry();
            }
        }
        if (!found) {
            throw new IllegalStateException(owner + " is not in " + jar);
        }
        return out;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}

package io.egressguard.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code egress-guard doctor} on real and hand-made jars: what is present, and what is guarded. */
class DoctorTest {

    private static byte[] jar(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cli(new PrintStream(out, true), new PrintStream(err, true), System.in, false).run(args);
        return status + "\n" + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRealOkHttpJarOnTheClassPathIsReportedGuarded() throws Exception {
        Path okhttp = Paths.get(okhttp3.OkHttpClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String report = run("doctor", okhttp.toString());
        assertTrue(report.startsWith("0\n"), report);
        assertTrue(report.matches("(?s).*OkHttp +4\\.12\\.0 +guarded.*"), report);
        assertTrue(report.contains("java.net.http.HttpClient") && report.contains("Backstop: active"), report);
    }

    @Test
    void versionsOutsideTheRangeAndUnknownClientsAreSaidSoAndFatJarsAreLookedInto(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("logback-classic-1.1.11.jar"), jar(Map.of("ch/qos/logback/classic/Logger.class", "")));
        Files.write(dir.resolve("jetty-client.jar"), jar(Map.of("org/eclipse/jetty/client/HttpClient.class", "",
                "META-INF/maven/org.eclipse.jetty/jetty-client/pom.properties", "version=11.0.24\n")));
        Files.write(dir.resolve("okhttp-2.7.5.jar"), jar(Map.of("com/squareup/okhttp/OkHttpClient.class", "")));
        Files.write(dir.resolve("langchain4j-1.19.0.jar"), jar(Map.of("dev/langchain4j/service/AiServices.class", "")));
        byte[] nested = jar(Map.of("org/apache/hc/client5/http/impl/classic/CloseableHttpClient.class", "",
                "META-INF/maven/org.apache.httpcomponents.client5/httpclient5/pom.properties", "version=5.4.1\n"));
        try (OutputStream f = Files.newOutputStream(dir.resolve("app.jar")); ZipOutputStream zip = new ZipOutputStream(f)) {
            zip.putNextEntry(new ZipEntry("BOOT-INF/lib/httpclient5-5.4.1.jar"));
            zip.write(nested);
            zip.closeEntry();
        }
        String report = run("doctor", dir.toString());
        assertTrue(report.startsWith("0\n"), report);
        assertTrue(report.matches("(?s).*Logback +1\\.1\\.11 +NOT redacted: version 1\\.1\\.11 is outside 1\\.2 to 1\\.5.*"), report);
        assertTrue(report.matches("(?s).*Jetty HttpClient +11\\.0\\.24 +NOT guarded: version 11\\.0\\.24 is outside 12\\.0 to 12\\.1.*"), report);
        assertTrue(report.matches("(?s).*OkHttp 2 +2\\.7\\.5 +not guarded: backstop only.*"), report);
        assertTrue(report.matches("(?s).*LangChain4j +1\\.19\\.0 +tool calls recognised.*"), report);
        assertTrue(report.matches("(?s).*Apache HttpClient 5 +5\\.4\\.1 +guarded.*"), report);
    }

    @Test
    void rangesCompareNumericallyAndUpToTheBoundsParts() {
        assertTrue(Doctor.compare("4.10.0", "4.9") > 0);
        assertEquals(0, Doctor.compareUpTo("5.5.1", "5.5"), "5.5.1 is within 'up to 5.5'");
        assertTrue(Doctor.compareUpTo("5.6.0", "5.5") > 0);
        assertEquals("4.12.0", Doctor.versionFromName("x.jar!/BOOT-INF/lib/okhttp-4.12.0.jar"));
    }

    @Test
    void aMissingPathIsAClearError() {
        String report = run("doctor", "/no/such/place.jar");
        assertTrue(report.startsWith("1\n") && report.contains("/no/such/place.jar: no such file or folder"), report);
        assertTrue(run("doctor").startsWith("64\n"));
    }

    @Test
    void everyKnownLibraryHasAMarkerAndEitherARangeOrANote() {
        for (Doctor.Known k : Doctor.KNOWN) {
            assertTrue(k.markerClass.endsWith(".class") && k.groupArtifact.contains(":"), k.name);
            assertTrue((k.from != null && k.to != null) || k.note != null, k.name);
        }
    }
}

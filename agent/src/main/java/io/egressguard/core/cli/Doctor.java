package io.egressguard.core.cli;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * {@code egress-guard doctor}: which HTTP clients, log frameworks and tracing SDKs an application carries,
 * which of them the agent guards or redacts (by version), and what is left to the backstop. It reads the
 * application's jars (a class path, a folder of jars, or a Spring Boot fat jar) and never runs them.
 */
final class Doctor {

    /** What the agent knows about one library: how to recognise it and which versions it covers. */
    static final class Known {
        final String name;
        final String kind;
        final String groupArtifact;
        final String markerClass;
        final String from;
        final String to;
        final String note;

        Known(String name, String kind, String groupArtifact, String markerClass, String from, String to, String note) {
            this.name = name;
            this.kind = kind;
            this.groupArtifact = groupArtifact;
            this.markerClass = markerClass;
            this.from = from;
            this.to = to;
            this.note = note;
        }
    }

    /** Guarded range: {@code from} to {@code to} (inclusive on the listed parts); null range: not guarded. */
    static final List<Known> KNOWN = List.of(
            new Known("OkHttp", "http", "com.squareup.okhttp3:okhttp", "okhttp3/OkHttpClient.class", "3.12", "5.5", null),
            new Known("OkHttp 2", "http", "com.squareup.okhttp:okhttp", "com/squareup/okhttp/OkHttpClient.class", null, null,
                    "not guarded: backstop only"),
            new Known("Apache HttpClient 4", "http", "org.apache.httpcomponents:httpclient",
                    "org/apache/http/impl/client/CloseableHttpClient.class", "4.5", "4.5", null),
            new Known("Apache HttpClient 5", "http", "org.apache.httpcomponents.client5:httpclient5",
                    "org/apache/hc/client5/http/impl/classic/CloseableHttpClient.class", "5.0", "5.6", null),
            new Known("Reactor Netty HTTP", "http", "io.projectreactor.netty:reactor-netty-http",
                    "reactor/netty/http/client/HttpClient.class", "1.1", "1.3", null),
            new Known("Spring WebFlux WebClient", "http", "org.springframework:spring-webflux",
                    "org/springframework/web/reactive/function/client/WebClient.class", "6.0", "6.2",
                    "guarded through Reactor Netty; other connectors: backstop only"),
            new Known("Jetty HttpClient", "http", "org.eclipse.jetty:jetty-client", "org/eclipse/jetty/client/HttpClient.class",
                    "12.0", "12.1", null),
            new Known("Vert.x HTTP client", "http", "io.vertx:vertx-core", "io/vertx/core/http/HttpClient.class",
                    "4.5", "5.0", "HttpClient and WebClient"),
            new Known("AsyncHttpClient", "http", "org.asynchttpclient:async-http-client",
                    "org/asynchttpclient/AsyncHttpClient.class", null, null, "not guarded: backstop only"),
            new Known("Google HTTP Client", "http", "com.google.http-client:google-http-client",
                    "com/google/api/client/http/HttpTransport.class", null, null,
                    "guarded through the transport it uses (java.net or Apache); others: backstop only"),
            new Known("Netty native transport", "transport", "io.netty:netty-transport-native-epoll",
                    "io/netty/channel/epoll/Epoll.class", null, null,
                    "bypasses the JDK's sockets: the backstop does not see it"),
            new Known("Logback", "log", "ch.qos.logback:logback-classic", "ch/qos/logback/classic/Logger.class",
                    "1.2", "1.5", null),
            new Known("Log4j 2", "log", "org.apache.logging.log4j:log4j-core",
                    "org/apache/logging/log4j/core/LoggerContext.class", "2.17", "2.26", null),
            new Known("OpenTelemetry SDK", "trace", "io.opentelemetry:opentelemetry-sdk-trace",
                    "io/opentelemetry/sdk/trace/SdkTracerProvider.class", "1.27", "1.68", null),
            new Known("LangChain4j", "tools", "dev.langchain4j:langchain4j", "dev/langchain4j/service/AiServices.class",
                    "1.0", "1.19", null),
            new Known("Spring AI", "tools", "org.springframework.ai:spring-ai-model",
                    "org/springframework/ai/tool/method/MethodToolCallback.class", "1.1", "2.0", null),
            new Known("MCP Java SDK", "tools", "io.modelcontextprotocol.sdk:mcp-core",
                    "io/modelcontextprotocol/client/McpAsyncClient.class", "1.0", "2.2", null));

    /** One library found in the application. */
    static final class Found {
        final Known known;
        final String version;
        final String where;

        Found(Known known, String version, String where) {
            this.known = known;
            this.version = version;
            this.where = where;
        }

        String status() {
            if (known.from == null) {
                return known.note;
            }
            if (version == null) {
                return "guarded if its version is " + known.from + " to " + known.to + " (version not found)";
            }
            boolean inRange = compare(version, known.from) >= 0 && compareUpTo(version, known.to) <= 0;
            String verb = known.kind.equals("http") ? "guarded" : known.kind.equals("tools") ? "tool calls recognised"
                    : "redacted";
            return inRange ? verb + (known.note != null ? " (" + known.note + ")" : "")
                    : "NOT " + verb + ": version " + version + " is outside " + known.from + " to " + known.to
                            + " (the agent skips it with a warning at start-up; backstop only)";
        }
    }

    private Doctor() {}

    /** Prints the report for the given class path entries, folders and jars; returns the libraries found. */
    static List<Found> report(List<String> paths, PrintStream out) throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String p : paths) {
            for (String entry : p.split(File.pathSeparator)) {
                if (entry.isEmpty()) {
                    continue;
                }
                Path path = Paths.get(entry);
                if (Files.isDirectory(path)) {
                    try (var list = Files.list(path)) {
                        list.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(jars::add);
                    }
                } else if (Files.isRegularFile(path)) {
                    jars.add(path);
                } else {
                    throw new IOException(entry + ": no such file or folder");
                }
            }
        }
        // an application jar started with 'java -jar' names its libraries in its manifest's Class-Path
        for (int i = 0; i < jars.size(); i++) {
            for (Path dependency : manifestClassPath(jars.get(i))) {
                if (!jars.contains(dependency)) {
                    jars.add(dependency);
                }
            }
        }
        Map<String, Found> found = new LinkedHashMap<>();
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                scan(zip, jar.getFileName().toString(), found);
                // a Spring Boot fat jar (or a war) keeps its libraries as jars inside itself
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry e = entries.nextElement();
                    if (e.getName().endsWith(".jar") && (e.getName().startsWith("BOOT-INF/lib/")
                            || e.getName().startsWith("WEB-INF/lib/"))) {
                        try (InputStream in = zip.getInputStream(e)) {
                            scanNested(in.readAllBytes(), jar.getFileName() + "!/" + e.getName(), found);
                        }
                    }
                }
            } catch (java.util.zip.ZipException bad) {
                throw new IOException(jar + ": not a jar (" + bad.getMessage() + ")");
            }
        }
        print(jars.size(), found, out);
        return new ArrayList<>(found.values());
    }

    private static List<Path> manifestClassPath(Path jar) {
        List<Path> out = new ArrayList<>();
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile())) {
            java.util.jar.Manifest m = j.getManifest();
            String cp = m == null ? null : m.getMainAttributes().getValue(java.util.jar.Attributes.Name.CLASS_PATH);
            if (cp != null) {
                Path base = jar.toAbsolutePath().getParent();
                for (String entry : cp.trim().split("\\s+")) {
                    Path p = base.resolve(entry).normalize();
                    if (Files.isRegularFile(p)) {
                        out.add(p);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a jar, or no manifest: nothing to follow; the scan itself reports a broken file
        }
        return out;
    }

    private static void scan(ZipFile zip, String where, Map<String, Found> found) throws IOException {
        for (Known k : KNOWN) {
            if (zip.getEntry(k.markerClass) != null && !found.containsKey(k.name)) {
                String[] ga = k.groupArtifact.split(":");
                ZipEntry pom = zip.getEntry("META-INF/maven/" + ga[0] + "/" + ga[1] + "/pom.properties");
                String version = null;
                if (pom != null) {
                    try (InputStream in = zip.getInputStream(pom)) {
                        version = version(in);
                    }
                }
                found.put(k.name, new Found(k, version != null ? version : versionFromName(where), where));
            }
        }
    }

    private static void scanNested(byte[] jar, String where, Map<String, Found> found) throws IOException {
        Map<String, byte[]> poms = new LinkedHashMap<>();
        List<String> classes = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().endsWith("pom.properties")) {
                    poms.put(e.getName(), in.readAllBytes());
                } else if (e.getName().endsWith(".class")) {
                    classes.add(e.getName());
                }
            }
        }
        for (Known k : KNOWN) {
            if (classes.contains(k.markerClass) && !found.containsKey(k.name)) {
                String[] ga = k.groupArtifact.split(":");
                byte[] pom = poms.get("META-INF/maven/" + ga[0] + "/" + ga[1] + "/pom.properties");
                String version = pom == null ? null : version(new ByteArrayInputStream(pom));
                found.put(k.name, new Found(k, version != null ? version : versionFromName(where), where));
            }
        }
    }

    private static String version(InputStream pomProperties) throws IOException {
        Properties p = new Properties();
        p.load(pomProperties);
        return p.getProperty("version");
    }

    /** {@code okhttp-4.12.0.jar} gives 4.12.0; null when the name holds no version. */
    static String versionFromName(String where) {
        String name = where.substring(where.lastIndexOf('/') + 1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-(\\d+(?:\\.\\d+)+)").matcher(name);
        return m.find() ? m.group(1) : null;
    }

    /** Compares dotted versions by their numeric parts ({@code 4.10} after {@code 4.9}). */
    static int compare(String a, String b) {
        int[] x = parts(a);
        int[] y = parts(b);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? x[i] : 0, i < y.length ? y[i] : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** As {@link #compare}, but only on as many parts as {@code bound} has: 5.5.1 is "up to 5.5". */
    static int compareUpTo(String version, String bound) {
        int[] x = parts(version);
        int[] y = parts(bound);
        for (int i = 0; i < y.length; i++) {
            int c = Integer.compare(i < x.length ? x[i] : 0, y[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int[] parts(String v) {
        String[] s = v.split("[.\\-]");
        List<Integer> out = new ArrayList<>();
        for (String p : s) {
            if (!p.matches("\\d+")) {
                break;
            }
            out.add(Integer.parseInt(p));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void print(int jars, Map<String, Found> found, PrintStream out) {
        out.println("Egress Guard doctor: " + jars + " jar(s) read" + (jars == 0
                ? " (none found: give the application's jar, its class path, or a folder of jars)" : ""));
        out.println();
        out.println("HTTP clients");
        String jdk = "JDK " + Runtime.version().feature();
        out.printf("  %-34s %-10s %s%n", "java.net.http.HttpClient", jdk, "guarded (JDK 11 and later)");
        out.printf("  %-34s %-10s %s%n", "java.net.HttpURLConnection", jdk, "guarded (JDK 11 and later)");
        section(found, "http", out);
        section(found, "transport", out);
        out.println();
        out.println("Logs and traces");
        out.printf("  %-34s %-10s %s%n", "java.util.logging, System.out/err", jdk, "redacted");
        section(found, "log", out);
        section(found, "trace", out);
        out.println();
        out.println("Agent frameworks (tool calls recognised; any other tool loop: name its methods in tools[].entry-points)");
        section(found, "tools", out);
        out.println();
        out.println("Backstop: active unless the agent runs with backstop=false. It checks what every other client"
                + " writes at the socket and TLS layer and blocks a handle or secret headed to a peer no rule allows;"
                + " it never injects.");
    }

    private static void section(Map<String, Found> found, String kind, PrintStream out) {
        for (Found f : found.values()) {
            if (f.known.kind.equals(kind)) {
                out.printf("  %-34s %-10s %s%n", f.known.name, f.version == null ? "?" : f.version, f.status());
            }
        }
    }
}

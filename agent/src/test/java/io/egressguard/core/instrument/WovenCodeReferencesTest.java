package io.egressguard.core.instrument;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressguard.core.instrumentation.console.ConsoleInstrumentation;
import io.egressguard.core.instrumentation.apachehttp4.ApacheHttp4Instrumentation;
import io.egressguard.core.instrumentation.apachehttp5.ApacheHttp5Instrumentation;
import io.egressguard.core.instrumentation.jdkhttp.JdkHttpClientInstrumentation;
import io.egressguard.core.instrumentation.jul.JulInstrumentation;
import io.egressguard.core.instrumentation.log4j2.Log4j2Instrumentation;
import io.egressguard.core.instrumentation.logback.LogbackInstrumentation;
import io.egressguard.core.instrumentation.otel.OtelSdkInstrumentation;
import io.egressguard.core.instrumentation.jetty.JettyClientInstrumentation;
import io.egressguard.core.instrumentation.langchain4j.LangChain4jToolsInstrumentation;
import io.egressguard.core.instrumentation.okhttp.OkHttpInstrumentation;
import io.egressguard.core.instrumentation.reactornetty.ReactorNettyInstrumentation;
import io.egressguard.core.instrumentation.toolcontext.EntryPointInstrumentation;
import io.egressguard.core.instrumentation.toolcontext.ExecutorContextInstrumentation;
import io.egressguard.core.instrumentation.toolcontext.ReactorContextInstrumentation;
import io.egressguard.core.instrumentation.urlconnection.UrlConnectionInstrumentation;
import io.egressguard.core.instrumentation.vertx.VertxHttpClientInstrumentation;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * Advice is copied into library and JDK classes, and helpers are defined in the application's class
 * loaders. There the core is invisible, so a reference to any core class (or to a dependency of the
 * agent) would fail at run time, in the application. This test reads their bytecode and allows only
 * the JDK, the bootstrap hooks, the instrumented library, and the helpers themselves.
 */
class WovenCodeReferencesTest {

    private static final List<Instrumentation> ALL = List.of(
            new JdkHttpClientInstrumentation(), new UrlConnectionInstrumentation(), new OkHttpInstrumentation(),
            new ApacheHttp4Instrumentation(), new ApacheHttp5Instrumentation(),
            new ReactorNettyInstrumentation(), new JettyClientInstrumentation(), new VertxHttpClientInstrumentation(),
            new ConsoleInstrumentation(), new JulInstrumentation(), new LogbackInstrumentation(),
            new Log4j2Instrumentation(), new OtelSdkInstrumentation(),
            new io.egressguard.core.instrumentation.backstop.BackstopInstrumentation(),
            new ExecutorContextInstrumentation(), new ReactorContextInstrumentation(),
            new EntryPointInstrumentation(java.util.Map.of("com.acme.Tools#read", "issues.read")),
            new LangChain4jToolsInstrumentation(), new LangChain4jToolsInstrumentation.ToolService(),
            new io.egressguard.core.instrumentation.mcp.McpInstrumentation(),
            new io.egressguard.core.instrumentation.springai.SpringAiToolsInstrumentation());

    @Test
    void adviceAndHelpersReferOnlyToWhatTheirClassLoaderCanSee() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Instrumentation i : ALL) {
            Set<String> own = new TreeSet<>();
            for (String h : i.helperClasses()) {
                own.add(h.replace('.', '/'));
            }
            List<String> classes = new ArrayList<>(own);
            for (TypeAdvice t : i.types()) {
                for (TypeAdvice.MethodAdvice m : t.advice()) {
                    classes.add(m.adviceClass.replace('.', '/'));
                }
            }
            for (String c : classes) {
                checked++;
                for (String ref : references(c)) {
                    boolean ok = ref.startsWith("java/") || ref.startsWith("io/egressguard/bootstrap/")
                            || ref.startsWith("okhttp3/") || ref.startsWith("okio/") || ref.startsWith("io/opentelemetry/") || own.contains(ref) || ref.equals(c)
                            || ref.startsWith("io/netty/") || ref.startsWith("reactor/") || ref.startsWith("org/reactivestreams/")
                            || ref.startsWith("org/apache/http/") || ref.startsWith("org/apache/hc/") || ref.startsWith("javax/net/ssl/")
                            || ref.startsWith("io/vertx/")
                            || ref.startsWith("dev/langchain4j/")
                            || ref.startsWith("io/modelcontextprotocol/")
                            || ref.startsWith("org/springframework/ai/")
                            // advice annotations are read by Byte Buddy when weaving and never copied
                            || (!own.contains(c) && ref.startsWith("net/bytebuddy/asm/Advice"))
                            || (!own.contains(c) && ref.startsWith("net/bytebuddy/implementation/bytecode/assign/Assigner"))
                            || (!own.contains(c) && ref.equals("io/egressguard/core/instrument/GuardKey"));
                    if (!ok) {
                        problems.add(c + " refers to " + ref);
                    }
                }
            }
        }
        assertTrue(checked >= 14, "found the advice and helper classes");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theCheckCatchesACoreReference() throws IOException {
        // the test above must be able to fail: the core's own adapters do refer to core classes
        assertFalse(references("io/egressguard/core/instrumentation/urlconnection/UrlConnectionAdapter").stream()
                .allMatch(r -> r.startsWith("java/") || r.startsWith("io/egressguard/bootstrap/")));
    }

    private static Set<String> references(String internalName) throws IOException {
        Set<String> refs = new TreeSet<>();
        try (InputStream in = WovenCodeReferencesTest.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            if (in == null) {
                throw new IOException("no class file for " + internalName);
            }
            ClassReader reader = new ClassReader(in);
            Remapper collector = new Remapper() {
                @Override
                public String map(String name) {
                    refs.add(name);
                    return name;
                }
            };
            reader.accept(new ClassRemapper(new ClassVisitor(Opcodes.ASM9) {}, collector), 0);
        }
        return refs;
    }
}

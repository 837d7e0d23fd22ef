package io.egressguard.core;

import io.egressguard.bootstrap.Backstop;
import io.egressguard.bootstrap.Guard;
import io.egressguard.bootstrap.JdkBridge;
import io.egressguard.bootstrap.Redaction;
import io.egressguard.bootstrap.ToolContext;
import io.egressguard.core.audit.AuditLog;
import io.egressguard.core.config.AgentOptions;
import io.egressguard.core.config.OptionsException;
import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.InstrumentationStatus;
import io.egressguard.core.instrument.ModuleAccess;
import io.egressguard.core.instrument.Weaver;
import io.egressguard.core.instrumentation.backstop.BackstopInstrumentation;
import io.egressguard.core.instrumentation.console.ConsoleInstrumentation;
import io.egressguard.core.instrumentation.apachehttp4.ApacheHttp4Instrumentation;
import io.egressguard.core.instrumentation.apachehttp5.ApacheHttp5Instrumentation;
import io.egressguard.core.instrumentation.jdkhttp.JdkHttpClientAdapter;
import io.egressguard.core.instrumentation.jetty.JettyClientInstrumentation;
import io.egressguard.core.instrumentation.jdkhttp.JdkHttpClientInstrumentation;
import io.egressguard.core.instrumentation.jul.JulInstrumentation;
import io.egressguard.core.instrumentation.langchain4j.LangChain4jToolsInstrumentation;
import io.egressguard.core.instrumentation.log4j2.Log4j2Instrumentation;
import io.egressguard.core.instrumentation.mcp.McpInstrumentation;
import io.egressguard.core.instrumentation.logback.LogbackInstrumentation;
import io.egressguard.core.instrumentation.okhttp.OkHttpInstrumentation;
import io.egressguard.core.instrumentation.otel.OtelSdkInstrumentation;
import io.egressguard.core.instrumentation.reactornetty.ReactorNettyInstrumentation;
import io.egressguard.core.instrumentation.toolcontext.EntryPointInstrumentation;
import io.egressguard.core.instrumentation.toolcontext.ExecutorContextInstrumentation;
import io.egressguard.core.instrumentation.toolcontext.ReactorContextInstrumentation;
import io.egressguard.core.instrumentation.urlconnection.UrlConnectionAdapter;
import io.egressguard.core.instrumentation.urlconnection.UrlConnectionInstrumentation;
import io.egressguard.core.instrumentation.vertx.VertxHttpClientInstrumentation;
import io.egressguard.core.policy.PolicyEngine;
import io.egressguard.core.redact.RedactionService;
import io.egressguard.core.redact.TextRedactor;
import io.egressguard.core.rules.RuleFileException;
import io.egressguard.core.rules.RuleFileParser;
import io.egressguard.core.rules.RedactionSettings;
import io.egressguard.core.rules.RuleSet;
import io.egressguard.core.rules.SecretRule;
import io.egressguard.core.scan.detect.DetectorCatalog;
import io.egressguard.core.store.SecretStore;
import io.egressguard.core.store.StoreException;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts the guard inside the application's JVM: reads the settings, opens the store, loads the
 * rules, installs the engine and weaves the HTTP clients, then prints one line saying so.
 *
 * <p>Any problem with the setup stops the JVM at start-up (exit status 78) with one line that says what
 * is wrong and how to fix it: an application that asked for the guard must not run without it. With
 * {@code failMode=open} it runs instead, unguarded, and says so loudly.
 */
public final class AgentInstaller {

    public static final int EXIT_CONFIG = 78;

    private AgentInstaller() {}

    public static void install(String agentArgs, java.lang.instrument.Instrumentation inst, boolean atStartup,
            File agentJar) {
        PrintStream err = System.err;
        Reporter reporter;
        AgentOptions options;
        try {
            options = AgentOptions.load(agentArgs);
        } catch (OptionsException e) {
            refuse(err, e.getMessage(), atStartup, failOpenRequested(agentArgs));
            return;
        }
        reporter = new Reporter(err, options.debug());
        boolean failOpen = options.failMode() == AgentOptions.FailMode.OPEN;
        try {
            Installed installed = start(options, inst, reporter);
            if (!options.quiet()) {
                reporter.info(installed.startupLine(options));
            }
        } catch (SetupException e) {
            refuse(err, e.getMessage(), atStartup, failOpen);
        }
    }

    /** What a running guard consists of, for the start-up line. */
    private static final class Installed {
        final RuleSet rules;
        final int secretsInStore;
        final InstrumentationStatus status;
        final List<Instrumentation> instrumentations;
        final AuditLog audit;
        final String identity;

        Installed(RuleSet rules, int secretsInStore, InstrumentationStatus status,
                List<Instrumentation> instrumentations, AuditLog audit, String identity) {
            this.identity = identity;
            this.rules = rules;
            this.secretsInStore = secretsInStore;
            this.status = status;
            this.instrumentations = instrumentations;
            this.audit = audit;
        }

        /** The instrumentations of one start-up group ("client", "sink", "tools") that are not failed, by name. */
        String names(String group) {
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            Map<String, InstrumentationStatus.State> states = status.snapshot();
            for (Instrumentation i : instrumentations) {
                if (i.startupGroup().equals(group) && states.containsKey(i.name())
                        && states.get(i.name()) != InstrumentationStatus.State.FAILED) {
                    // a framework once, however many hooks it takes: "langchain4j-tool-service" is langchain4j
                    names.add(group.equals("tools")
                            ? i.name().replaceAll("-tool-service$|-tools$", "").replaceAll("^tool-entry-points.*", "entry points")
                            : i.name());
                }
            }
            return String.join(", ", names);
        }

        /** Libraries whose shape the agent did not expect: named in the start-up line, after the warnings. */
        String notGuarded() {
            List<String> names = new java.util.ArrayList<>();
            status.snapshot().forEach((name, state) -> {
                if (state == InstrumentationStatus.State.FAILED) {
                    names.add(name);
                }
            });
            return names.isEmpty() ? "" : "; NOT guarded: " + String.join(", ", names) + " (see the warnings above)";
        }

        String startupLine(AgentOptions options) {
            StringBuilder sb = new StringBuilder();
            sb.append("Egress Guard ").append(Version.get()).append(" active: rules ").append(options.rules())
                    .append(" (").append(rules.secrets().size()).append(rules.secrets().size() == 1 ? " secret, " : " secrets, ")
                    .append(rules.destinationCount()).append(rules.destinationCount() == 1 ? " destination" : " destinations")
                    .append("), store ").append(options.store()).append(" (").append(secretsInStore)
                    .append(secretsInStore == 1 ? " secret" : " secrets").append("), identity ").append(identity)
                    .append(", audit ").append(audit.file())
                    .append("; guarding ").append(names("client")).append("; redacting ").append(names("sink"))
                    .append("; tools of ").append(names("tools"))
                    .append(notGuarded());
            return sb.toString();
        }
    }

    /** A setup problem with a message fit to be the one line the user sees. */
    static final class SetupException extends Exception {
        private static final long serialVersionUID = 1L;

        SetupException(String message) {
            super(message);
        }
    }

    private static Installed start(AgentOptions options, java.lang.instrument.Instrumentation inst, Reporter reporter)
            throws SetupException {
        SecretStore store;
        try {
            store = SecretStore.open(options.store(), options.keyset());
        } catch (StoreException e) {
            throw new SetupException(e.getMessage());
        }
        RuleSet rules;
        try {
            rules = RuleFileParser.load(options.rules(), store.names());
        } catch (RuleFileException e) {
            // a value pasted into the rule file by mistake is not printed back
            throw new SetupException(io.egressguard.core.redact.StoreValuesInText.redact(store, e.getMessage()));
        }
        Set<String> ruleNames = new LinkedHashSet<>();
        for (SecretRule s : rules.secrets()) {
            ruleNames.add(s.name());
        }
        Set<String> warnedShort = java.util.concurrent.ConcurrentHashMap.newKeySet();
        KnownSecrets secrets;
        try {
            secrets = KnownSecrets.load(store, ruleNames, reporter, warnedShort, null);
        } catch (StoreException e) {
            throw new SetupException(e.getMessage());
        }
        AuditLog audit;
        try {
            byte[] key = store.auditKey();
            if (key == null) {
                throw new SetupException(options.store() + ": this store has no audit key; create it again with"
                        + " 'egress-guard store init'");
            }
            audit = AuditLog.open(options.audit(), key);
            Arrays.fill(key, (byte) 0);
        } catch (StoreException e) {
            throw new SetupException(e.getMessage());
        } catch (IOException e) {
            throw new SetupException(options.audit() + ": cannot open the audit log: " + e.getMessage()
                    + " (set audit=PATH to a writable file)");
        }
        long capabilityKey = newCapabilityKey();
        RedactionSettings redactionSettings = rules.redaction();
        TextRedactor.FormatDetection detection = redactionSettings.detectors()
                ? DetectorCatalog.scanner(redactionSettings.disabledDetectors())::find : TextRedactor.NO_DETECTION;
        RedactionService redaction = new RedactionService(new TextRedactor(secrets.matcher, detection),
                styles(rules.redaction()), reporter);
        PolicyEngine engine = new PolicyEngine(rules, secrets.values, secrets.matcher, audit, reporter,
                options.stripByDefault(), options.maxBufferedBody(), capabilityKey, redaction, options.identity());
        StoreReloader reloader = options.storeReloadSeconds() == 0 ? null
                : new StoreReloader(options.store(), options.keyset(), ruleNames, reporter, warnedShort, secrets, now -> {
                    engine.updateSecrets(now.values, now.matcher);
                    redaction.update(new TextRedactor(now.matcher, detection));
                }, options.storeReloadSeconds());

        InstrumentationStatus status = new InstrumentationStatus();
        List<Instrumentation> instrumentations = new java.util.ArrayList<>(List.of(
                new JdkHttpClientInstrumentation(), new UrlConnectionInstrumentation(), new OkHttpInstrumentation(),
                new ApacheHttp4Instrumentation(), new ApacheHttp5Instrumentation(), new ReactorNettyInstrumentation(),
                new JettyClientInstrumentation(), new VertxHttpClientInstrumentation(),
                new ConsoleInstrumentation(), new JulInstrumentation(), new LogbackInstrumentation(),
                new Log4j2Instrumentation(), new OtelSdkInstrumentation()));
        if (options.backstop()) {
            instrumentations.add(new BackstopInstrumentation());
        }
        instrumentations.add(new ExecutorContextInstrumentation());
        instrumentations.add(new ReactorContextInstrumentation());
        instrumentations.add(new LangChain4jToolsInstrumentation());
        instrumentations.add(new LangChain4jToolsInstrumentation.ToolService());
        instrumentations.add(new McpInstrumentation());
        instrumentations.add(new io.egressguard.core.instrumentation.springai.SpringAiToolsInstrumentation());
        if (!rules.tools().entryPoints().isEmpty()) {
            instrumentations.addAll(EntryPointInstrumentation.perClass(rules.tools().entryPoints()));
        }
        Weaver weaver = new Weaver(inst, AgentInstaller.class.getClassLoader(), reporter, status, instrumentations,
                capabilityKey);
        ModuleAccess modules = weaver.modules();
        JdkBridge.UrlConnectionHandler urlConnection = null;
        JdkBridge.HttpClientHandler httpClient = null;
        try {
            modules.openToCore(Object.class.getModule(), "sun.net.www", "sun.net.www.http", "sun.net.www.protocol.http");
            urlConnection = new UrlConnectionAdapter();
        } catch (ReflectiveOperationException | RuntimeException e) {
            reporter.warn("httpurlconnection cannot be guarded on this JDK: " + e);
        }
        try {
            ModuleLayer.boot().findModule("java.net.http").ifPresent(m ->
                    modules.openToCore(m, "jdk.internal.net.http", "jdk.internal.net.http.frame"));
            httpClient = new JdkHttpClientAdapter();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            reporter.warn("jdk-httpclient cannot be guarded on this JDK: " + e);
        }
        if (options.backstop()) {
            try {
                modules.openToCore(Object.class.getModule(), "sun.security.ssl");
            } catch (RuntimeException e) {
                reporter.debug("TLS sockets layered over a proxy are checked against the proxy's address: " + e);
            }
            Backstop.install(engine.backstop());
        }
        ToolContext.install(capabilityKey, rules.tools().entryPoints());
        io.egressguard.bootstrap.McpCalls.install(capabilityKey,
                new io.egressguard.core.policy.McpCallPolicy(rules, audit, options.identity()));
        Guard.install(engine);
        JdkBridge.install(urlConnection, httpClient);
        Redaction.install(redaction);
        weaver.install();
        // After weaving, so System.setOut's advice is in place; the reporter keeps the original stderr,
        // so the guard's own lines (and any report of a redaction failure) never pass through redaction.
        ConsoleInstrumentation.redactStandardStreams();
        if (reloader != null) {
            reloader.start();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(audit::close, "egress-guard-audit-flush"));
        Runtime.getRuntime().addShutdownHook(new Thread(redaction::drainConsole, "egress-guard-console-flush"));
        return new Installed(rules, store.names().size(), status, instrumentations, audit, engine.defaultIdentity());
    }

    /** What a known secret becomes in each output: the rule file's choice; handles in prompts, always. */
    private static Map<Redaction.Sink, RedactionService.KnownSecretStyle> styles(RedactionSettings settings) {
        Map<Redaction.Sink, RedactionService.KnownSecretStyle> styles = RedactionService.defaultStyles();
        styles.put(Redaction.Sink.LOG, style(settings.knownSecrets(RedactionSettings.Output.LOGS)));
        styles.put(Redaction.Sink.CONSOLE, style(settings.knownSecrets(RedactionSettings.Output.CONSOLE)));
        styles.put(Redaction.Sink.TRACE, style(settings.knownSecrets(RedactionSettings.Output.TRACES)));
        return styles;
    }

    private static RedactionService.KnownSecretStyle style(RedactionSettings.Replacement r) {
        return r == RedactionSettings.Replacement.HANDLE ? RedactionService.KnownSecretStyle.HANDLE
                : RedactionService.KnownSecretStyle.PLACEHOLDER;
    }

    private static long newCapabilityKey() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        long key = 0;
        while (key == 0) { // 0 is what every request carries unless woven code sets the key
            key = random.nextLong();
        }
        return key;
    }

    private static void refuse(PrintStream err, String message, boolean atStartup, boolean failOpen) {
        if (failOpen) {
            err.println(Reporter.PREFIX + "WARNING: Egress Guard is NOT ACTIVE and this JVM runs UNGUARDED"
                    + " (failMode=open): " + message);
            return;
        }
        if (atStartup) {
            // one line: what is wrong, how to fix it, and that the JVM stops because of it
            err.println(Reporter.PREFIX + "FATAL: " + message + " -- the JVM stops because the guard cannot run;"
                    + " fix this, or start with failMode=open to run unguarded");
            err.flush();
            System.exit(EXIT_CONFIG);
        }
        err.println(Reporter.PREFIX + "FATAL: " + message);
        throw new IllegalStateException("Egress Guard refused to start: " + message);
    }

    /** Whether fail-open was asked for, read leniently so that a typo elsewhere does not hide it. */
    private static boolean failOpenRequested(String agentArgs) {
        if (agentArgs != null) {
            for (String part : agentArgs.split(",")) {
                String p = part.trim().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
                if (p.equals("failmode=open")) {
                    return true;
                }
            }
        }
        String prop = System.getProperty("egressguard.failMode");
        if (prop != null) {
            return prop.trim().equalsIgnoreCase("open");
        }
        String env = System.getenv("EGRESS_GUARD_FAIL_MODE");
        return env != null && env.trim().equalsIgnoreCase("open");
    }
}

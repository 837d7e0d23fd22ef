package io.egressguard.demo;

import io.egressguard.demo.standin.AttackerStandIn;
import io.egressguard.demo.standin.ConversationScript;
import io.egressguard.demo.standin.GitHubStandIn;
import io.egressguard.demo.standin.MaintainerScript;
import io.egressguard.demo.standin.OpenAiStandIn;
import io.egressguard.demo.standin.Received;
import io.egressguard.demo.standin.StandIn;
import io.egressguard.demo.standin.Timeline;
import java.io.File;
import java.io.IOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs the Egress Guard demo end to end on loopback and tells what happened:
 * <ol>
 *   <li>starts three stand-ins: the OpenAI API, a GitHub-like API, and an attacker's collector;</li>
 *   <li>puts two fake secrets into a fresh encrypted store with the agent jar's own CLI, and writes a
 *       rule file that allows each secret only to its own stand-in;</li>
 *   <li>runs the issue-triage agent application in a child JVM with {@code -javaagent}, its
 *       credentials being handles, while the stand-in model walks it through a prompt injection;</li>
 *   <li>runs a second agent, a repo maintainer on LangChain4j, whose two tools ask for the same GitHub
 *       token that the rule file grants to one of them only ({@link MaintainerPart});</li>
 *   <li>prints the story step by step, the audit log, and a self-check; exits 1 if a check failed,
 *       2 if the demo could not run.</li>
 * </ol>
 * Options: {@code --work DIR} keeps every file of the run there (default: a new temporary folder),
 * {@code --agent-jar PATH} (default: ../agent/target/egress-guard-agent.jar from this jar's folder),
 * {@code --without-guard} runs the same applications without the agent, to show that handles alone are
 * worthless (the stand-ins refuse them, and the self-check fails).
 */
public final class DemoLauncher {

    static final String APP_MAIN = "io.egressguard.demo.app.IssueTriageAgent";
    private static final Duration APP_TIMEOUT = Duration.ofMinutes(2);

    private final Report report = new Report(System.out);
    private final SelfCheck checks = new SelfCheck();
    private final DemoLayout layout;
    private final Path work;
    private final boolean guarded;

    private DemoLauncher(DemoLayout layout, Path work, boolean guarded) {
        this.layout = layout;
        this.work = work;
        this.guarded = guarded;
    }

    public static void main(String[] args) {
        try {
            Map<String, String> options = options(args);
            DemoLayout layout = DemoLayout.find(options.get("--agent-jar"));
            Path work = workDir(options.get("--work"));
            boolean passed = new DemoLauncher(layout, work, !options.containsKey("--without-guard")).run();
            System.out.flush();
            System.exit(passed ? 0 : 1);
        } catch (DemoFailure e) {
            System.out.flush();
            System.err.println("demo: " + e.getMessage());
            System.exit(2);
        }
    }

    private boolean run() {
        report.title("Egress Guard demo: AI agents whose credentials are handles");
        report.line("Every file of this run is in " + work);
        Timeline timeline = new Timeline();
        Path logs = work.resolve("standins");
        try (AttackerStandIn attacker = attacker(timeline, logs);
                GitHubStandIn github = new GitHubStandIn("127.0.0.1", timeline, logs, attacker.baseUrl());
                OpenAiStandIn openai = new OpenAiStandIn("127.0.0.1", timeline, logs)) {
            Setup setup = setUp(openai, github, attacker);
            report.section("2. The first agent, " + RulesFile.TRIAGE + " (OpenAI Java SDK), runs: its own output;"
                    + " app! is standard error");
            AppProcess.Result result = AppProcess.run(setup.command(APP_MAIN, null), setup.env, work.resolve("app.stdout.log"),
                    work.resolve("app.stderr.log"), APP_TIMEOUT, System.out);
            report.line("  (exit " + result.exitCode() + ")");
            AppTranscript app = new AppTranscript(result.stdout());

            report.section("3. Step by step, the first agent");
            report.line("The app holds only handles: OPENAI_API_KEY=" + setup.openAiHandle + ", GITHUB_TOKEN="
                    + setup.githubHandle + ".");
            report.line("The model sees neither: it writes ${GITHUB_TOKEN} and the app's http_request tool fills in"
                    + " the handle.");
            new Narrative(report, app, openai, List.of(github, attacker)).print();

            report.section("4. What each server received from the first agent");
            List<Received> toOpenAi = openai.received();
            List<Received> toGitHub = github.received();
            for (StandIn s : List.of(openai, github, attacker)) {
                List<Received> got = s.received();
                report.labelled(2, s.name(), got.size() + " request(s)" + (got.isEmpty() ? "" : ":"));
                got.forEach(r -> report.labelled(4, "step " + r.step(), r.describe()));
            }

            report.section("5. The second agent, " + RulesFile.MAINTAINER + " (LangChain4j): two tools, one token,"
                    + " granted to one tool");
            report.line("Same stand-ins, store and rule file; its own JVM, with identity=" + RulesFile.MAINTAINER + "."
                    + " LangChain4j runs the tool loop;");
            report.line("the guard recognises each @Tool call by itself, and the rule for the GitHub token names "
                    + RulesFile.GRANTED_TOOL + " only.");
            report.command(4, "... java" + (guarded ? " -javaagent:" + layout.agentJar().getFileName() + "=rules="
                    + "rules.yaml,store=store.json,audit=audit.jsonl,identity=" + RulesFile.MAINTAINER
                    : "   (WITHOUT the guard: --without-guard)") + " -cp egress-guard-demo-app.jar:lib/* "
                    + MaintainerPart.APP_MAIN);
            openai.play(new MaintainerScript(), MaintainerScript.STEP_LIST_ISSUES);
            AppProcess.Result maintainerResult = AppProcess.run(setup.command(MaintainerPart.APP_MAIN,
                    "identity=" + RulesFile.MAINTAINER), setup.env, work.resolve("maintainer.stdout.log"),
                    work.resolve("maintainer.stderr.log"), APP_TIMEOUT, System.out);
            report.line("  (exit " + maintainerResult.exitCode() + ")");
            MaintainerPart maintainer = new MaintainerPart(report, new AppTranscript(maintainerResult.stdout()), openai,
                    toOpenAi.size(), github);
            maintainer.print();

            report.section("6. The audit log of both agents (" + setup.audit.getFileName() + ", one line per decision)");
            List<AuditEntries.Entry> audit = AuditEntries.read(setup.audit);
            for (AuditEntries.Entry e : audit) {
                report.labelled(2, "#" + e.seq(), String.format("%-9s", e.decision()) + e.secret() + ", rule " + e.rule()
                        + ": " + e.method() + " " + e.destination() + e.path() + " via " + e.client());
                report.labelled(2, "", "identity " + e.identity() + ", tool " + (e.tool() == null ? "(none)" : e.tool())
                        + ": " + e.reason());
            }
            String verified = verifyAudit(setup);
            report.blank();
            report.command(2, "egress-guard audit verify --store " + setup.store.getFileName() + " "
                    + setup.audit.getFileName() + "   ->  " + verified);

            report.section("7. Self-check");
            check(result, app, toOpenAi, toGitHub, github, attacker, audit, verified);
            maintainer.check(checks, maintainerResult, audit);
            checks.print(report);
            return checks.passed();
        } catch (IOException e) {
            throw new DemoFailure("a stand-in could not start: " + e.getMessage(), e);
        }
    }

    /** The store, the audit log, the handles, and how to start an agent application. */
    private record Setup(Path store, Path audit, String openAiHandle, String githubHandle, String java, String agentOption,
            String classpath, Map<String, String> env) {

        /** The command line of one agent application, with {@code extraOption} (or none) for the guard. */
        List<String> command(String main, String extraOption) {
            List<String> command = new ArrayList<>();
            command.add(java);
            if (agentOption != null) {
                command.add(agentOption + (extraOption == null ? "" : "," + extraOption));
            }
            command.add("-cp");
            command.add(classpath);
            command.add(main);
            return command;
        }
    }

    private Setup setUp(OpenAiStandIn openai, GitHubStandIn github, AttackerStandIn attacker) {
        report.section("1. Setup");
        report.labelled(2, "stand-ins", "OpenAI API  " + openai.apiUrl() + "  (accepts only the real OpenAI key)");
        report.labelled(2, "", "GitHub API  " + github.baseUrl() + "  (accepts only the real GitHub token)");
        report.labelled(2, "", "attacker    " + attacker.baseUrl() + "  (keeps whatever it receives)");

        GuardCli cli = new GuardCli(layout.java(), layout.agentJar(), work.resolve("cli.log"));
        Path store = work.resolve("store.json");
        report.labelled(2, "store", "the secrets go into an encrypted store with the agent jar's CLI,"
                + " values on standard input:");
        report.command(4, "egress-guard store init --store " + store);
        cli.run("store", "init", "--store", store.toString());
        Map<String, String> handles = new LinkedHashMap<>();
        for (String[] s : new String[][] {{DemoSecrets.OPENAI_NAME, DemoSecrets.OPENAI_KEY},
                {DemoSecrets.GITHUB_NAME, DemoSecrets.GITHUB_TOKEN}}) {
            report.command(4, "egress-guard store put " + s[0] + " --stdin --store " + store.getFileName()
                    + "   <<< " + DemoSecrets.label(s[1]) + " (" + s[1].length() + " chars, not shown)");
            cli.runWithInput(s[1], "store", "put", s[0], "--stdin", "--store", store.toString());
            handles.put(s[0], cli.run("handle", s[0]));
            report.command(4, "egress-guard handle " + s[0] + "   ->  " + handles.get(s[0]));
        }

        Path rules = work.resolve("rules.yaml");
        write(rules, RulesFile.yaml(openai.host(), openai.port(), github.host(), github.port()));
        report.labelled(2, "rules", rules.toString() + ":");
        try {
            Files.readAllLines(rules).forEach(l -> report.line("      | " + l));
        } catch (IOException e) {
            throw new DemoFailure("cannot read back " + rules + ": " + e.getMessage(), e);
        }
        report.command(4, "egress-guard rules check --store " + store.getFileName() + " " + rules.getFileName()
                + "   ->  " + cli.run("rules", "check", "--store", store.toString(), rules.toString()));

        Path audit = work.resolve("audit.jsonl");
        String agentOption = "-javaagent:" + layout.agentJar() + "=rules=" + rules + ",store=" + store + ",audit=" + audit;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OPENAI_API_KEY", handles.get(DemoSecrets.OPENAI_NAME));
        env.put("OPENAI_BASE_URL", openai.apiUrl());
        env.put("GITHUB_TOKEN", handles.get(DemoSecrets.GITHUB_NAME));
        env.put("GITHUB_API_URL", github.baseUrl());
        report.labelled(2, "agent 1", guarded ? "a child JVM, the application unchanged, the guard attached with one flag:"
                : "a child JVM, WITHOUT the guard (--without-guard): the handles reach the servers as they are");
        report.command(4, env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ")) + " java" + (guarded ? " -javaagent:" + layout.agentJar().getFileName()
                + "=rules=" + rules.getFileName() + ",store=" + store.getFileName() + ",audit=" + audit.getFileName() : "")
                + " -cp egress-guard-demo-app.jar:lib/* " + APP_MAIN);
        return new Setup(store, audit, handles.get(DemoSecrets.OPENAI_NAME), handles.get(DemoSecrets.GITHUB_NAME),
                layout.java().toString(), guarded ? agentOption : null,
                layout.appClasspath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)), env);
    }

    private String verifyAudit(Setup setup) {
        if (!Files.exists(setup.audit)) {
            return "no audit log" + (guarded ? "" : ": the guard was not attached");
        }
        GuardCli cli = new GuardCli(layout.java(), layout.agentJar(), work.resolve("cli.log"));
        try {
            return cli.run("audit", "verify", "--store", setup.store.toString(), setup.audit.toString());
        } catch (DemoFailure e) {
            return "FAILED: " + Report.abbreviate(e.getMessage(), 400);
        }
    }

    /** The first agent's checks, on what the stand-ins had received when it was done, and the whole run's. */
    private void check(AppProcess.Result result, AppTranscript app, List<Received> toOpenAi, List<Received> toGitHub,
            GitHubStandIn github, AttackerStandIn attacker, List<AuditEntries.Entry> audit, String verified) {
        checks.expect(result.exitCode() == 0 && !app.of(ConversationScript.STEP_ANSWER, "answer").isEmpty(),
                "the application ran to the model's final answer", "exit " + result.exitCode());
        checks.expect(app.anyLineContains("OPENAI_API_KEY=egh.") && app.anyLineContains("GITHUB_TOKEN=egh."),
                "the application held handles, not credentials", null);
        checks.expect(toOpenAi.size() == ConversationScript.STEP_ANSWER && toOpenAi.stream().allMatch(Received::valid),
                "every request to the OpenAI stand-in carried the real OpenAI key, injected by the guard",
                toOpenAi.size() + " request(s), " + toOpenAi.stream().filter(Received::valid).count() + " with the key");
        checks.expect(toOpenAi.stream().noneMatch(r -> r.bodyFinding() != null),
                "the model was never shown a secret or a handle", "searched every request body");
        checks.expect(toGitHub.stream().anyMatch(r -> r.step() == ConversationScript.STEP_LIST_ISSUES && r.valid()
                        && r.method().equals("GET") && r.status() == 200),
                "(a) the GitHub stand-in received the real token on GET /repos/" + ConversationScript.REPO
                        + "/issues and answered", null);
        checks.expect(attacker.received().isEmpty() && app.blockedIn(ConversationScript.STEP_TO_ATTACKER),
                "(b) the request to the attacker was blocked and the attacker received nothing",
                attacker.received().size() + " request(s) at the attacker");
        checks.expect(app.blockedIn(ConversationScript.STEP_INTO_BODY)
                        && Narrative.received(github, ConversationScript.STEP_INTO_BODY).isEmpty()
                        && toGitHub.stream().noneMatch(r -> r.bodyFinding() != null),
                "(c) the request with the handle in its body was blocked; no body with a secret or handle reached"
                        + " the GitHub stand-in", null);
        checks.expect(toGitHub.stream().anyMatch(r -> r.step() == ConversationScript.STEP_COMMENT && r.valid()
                        && r.method().equals("POST") && r.status() == 201),
                "the legitimate comment reached the GitHub stand-in with the real token", null);
        checks.expect(toGitHub.stream().allMatch(Received::valid) && toGitHub.size() == 2,
                "the GitHub stand-in received exactly the two allowed requests", toGitHub.size() + " request(s)");
        long injectedOpenAi = AuditEntries.count(audit, RulesFile.TRIAGE, "injected", DemoSecrets.OPENAI_NAME);
        long injectedGitHub = AuditEntries.count(audit, RulesFile.TRIAGE, "injected", DemoSecrets.GITHUB_NAME);
        long blockedGitHub = AuditEntries.count(audit, RulesFile.TRIAGE, "blocked", DemoSecrets.GITHUB_NAME);
        checks.expect(injectedOpenAi == toOpenAi.size() && injectedGitHub == 2 && blockedGitHub >= 2,
                "the audit log records every injection and both blocks, as identity " + RulesFile.TRIAGE, injectedOpenAi + " injected openai, "
                        + injectedGitHub + " injected github, " + blockedGitHub + " blocked github");
        checks.expect(verified.contains("chain intact"), "the audit log verifies (egress-guard audit verify)", null);
        List<String> leaks = OutputScan.findings(work);
        checks.expect(leaks.isEmpty(), "no secret, raw or encoded (base64, hex, URL), in any file of the run: app"
                        + " output, audit log, stand-in logs, attacker's loot, CLI output",
                leaks.isEmpty() ? OutputScan.fileCount(work) + " files searched" : String.join("; ", leaks));
    }

    private static AttackerStandIn attacker(Timeline timeline, Path logs) throws IOException {
        // Another host for real where the system has it (all of 127/8 is loopback on Linux); else another port.
        try {
            return new AttackerStandIn("127.0.0.2", timeline, logs);
        } catch (BindException e) {
            return new AttackerStandIn("127.0.0.1", timeline, logs);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DemoFailure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path workDir(String option) {
        try {
            if (option == null) {
                return Files.createTempDirectory("egress-guard-demo-").toAbsolutePath();
            }
            Path dir = Paths.get(option).toAbsolutePath();
            if (Files.isDirectory(dir)) {
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new DemoFailure("--work " + dir + " is not empty; give a new or empty folder");
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DemoFailure("cannot create the work folder: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--work") || args[i].equals("--agent-jar")) && i + 1 < args.length) {
                out.put(args[i], args[++i]);
            } else if (args[i].equals("--without-guard")) {
                out.put(args[i], "true");
            } else {
                throw new DemoFailure("usage: java -jar egress-guard-demo.jar [--work DIR] [--agent-jar PATH]"
                        + " [--without-guard]  (unexpected '" + args[i] + "')");
            }
        }
        return out;
    }
}

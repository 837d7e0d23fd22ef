package io.egressguard.core.cli;

import io.egressguard.core.Version;
import io.egressguard.core.audit.AuditLines;
import io.egressguard.core.config.AgentOptions;
import io.egressguard.core.handle.Handles;
import io.egressguard.core.rules.RuleFileException;
import io.egressguard.core.rules.RuleFileParser;
import io.egressguard.core.rules.RuleProblem;
import io.egressguard.core.rules.RuleSet;
import io.egressguard.core.store.SecretStore;
import io.egressguard.core.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar egress-guard-agent.jar COMMAND ...}: store management, handles, rule checking and
 * audit verification. Exit status: 0 success, 1 the command failed (a file cannot be read, no such
 * secret), 2 the input is invalid (a rule file has errors, an audit log was tampered with), 64 the
 * command line is wrong.
 *
 * <p>Nothing this tool prints contains a secret value. Values are read from standard input or a file,
 * never from the command line, and an argument the tool rejects is not echoed in full, because a
 * mistyped command line may hold a value.
 */
public final class Cli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int INVALID = 2;
    static final int USAGE = 64;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final boolean interactive;

    Cli(PrintStream out, PrintStream err, InputStream in, boolean interactive) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.interactive = interactive;
    }

    public static void main(String[] args) {
        int status = new Cli(System.out, System.err, System.in, System.console() != null).run(args);
        System.out.flush();
        System.exit(status);
    }

    int run(String[] argv) {
        Args args = new Args(argv);
        try {
            String command = args.next();
            if (command == null || command.equals("help") || command.equals("--help") || command.equals("-h")) {
                usage(out);
                return OK;
            }
            switch (command) {
                case "version":
                case "--version":
                    out.println("egress-guard " + Version.get());
                    return OK;
                case "handle":
                    return handle(args);
                case "store":
                    return store(args);
                case "rules":
                    return rules(args);
                case "audit":
                    return audit(args);
                case "doctor":
                    return doctor(args);
                default:
                    throw new UsageException("unknown command " + shown(command)
                            + " (commands: store, handle, rules, audit, doctor, attach, version, help)");
            }
        } catch (UsageException e) {
            err.println("egress-guard: " + e.getMessage());
            err.println("run 'java -jar egress-guard-agent.jar help' for the list of commands");
            return USAGE;
        } catch (StoreException e) {
            err.println("egress-guard: " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            // a bug in the tool: say where, without the exception's message, which might quote input
            err.println("egress-guard: internal error " + e.getClass().getName() + " at "
                    + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?") + "; please report it");
            return FAILED;
        }
    }

    private static void usage(PrintStream p) {
        p.println("Egress Guard " + Version.get() + ": credentials injected only at network egress, only where rules allow.");
        p.println();
        p.println("usage: java -jar egress-guard-agent.jar COMMAND [options]");
        p.println();
        p.println("  store init                      create an empty encrypted store and its key file");
        p.println("  store put NAME --stdin          add or replace a secret, value read from standard input");
        p.println("  store put NAME --file PATH      add or replace a secret, value read from a file");
        p.println("  store list                      names, dates and sizes of the secrets (never values)");
        p.println("  store rm NAME                   remove a secret");
        p.println("  store rotate-key                new key, every secret re-encrypted, old key disabled");
        p.println("  handle NAME                     print the handle the application uses instead of the secret");
        p.println("  rules check FILE                check a rule file; every error as file:line:column");
        p.println("                                  (secret names are checked against the store; --no-store skips that)");
        p.println("  audit verify [FILE]             check that no line of the audit log was edited, removed,");
        p.println("                                  inserted or reordered");
        p.println("  doctor CLASSPATH|FOLDER|JAR...  which HTTP clients, log frameworks and tracing SDKs an application");
        p.println("                                  carries, and which of them are guarded or redacted");
        p.println("  attach PID [OPTIONS]            load the agent into a running JVM");
        p.println("  version                         print the version");
        p.println();
        p.println("options of store, rules and audit:");
        p.println("  --store PATH    the store (default: egressguard.store, EGRESS_GUARD_STORE, or "
                + Paths.get(System.getProperty("user.home"), ".egress-guard", "store.json") + ")");
        p.println("  --keyset PATH   its key file (default: egressguard.keyset, EGRESS_GUARD_KEYSET, or keyset.json"
                + " next to the store)");
        p.println("The audit log defaults to egressguard.audit, EGRESS_GUARD_AUDIT, or audit.jsonl next to the store.");
        p.println("A value given with --file or on standard input loses one trailing line break, if it has one.");
        p.println("Values are never accepted on the command line, where other users can see them with 'ps'.");
        p.println("Exit status: 0 done, 1 failed, 2 invalid input (rule file errors, a tampered audit log), 64 usage.");
    }

    /**
     * An argument the tool rejects, as it may appear in a message: short ones in full, long ones cut,
     * because a mistyped command line may hold a secret value.
     */
    static String shown(String arg) {
        if (arg.length() <= 20) {
            return "'" + arg + "'";
        }
        return "'" + arg.substring(0, 3) + "...' (" + arg.length() + " characters, not shown in full in case it is a"
                + " secret)";
    }

    // ---- handle -----------------------------------------------------------------------------------

    private int handle(Args args) throws UsageException {
        String name = args.required("NAME: the secret's name, as in 'handle github'");
        args.noMore();
        checkName(name);
        out.println(Handles.handleFor(name));
        return OK;
    }

    private static void checkName(String name) throws UsageException {
        String why = Handles.nameProblem(name);
        if (why != null) {
            throw new UsageException("invalid secret name " + shown(name) + ": " + why);
        }
    }

    // ---- store ------------------------------------------------------------------------------------

    private int store(Args args) throws UsageException, StoreException {
        String sub = args.required("store command (init, put, list, rm, rotate-key)");
        Path store = args.option("--store") != null ? Paths.get(args.option("--store")) : AgentOptions.defaultStore();
        Path keyset = args.option("--keyset") != null ? Paths.get(args.option("--keyset"))
                : AgentOptions.defaultKeyset(store);
        switch (sub) {
            case "init":
                return init(args, store, keyset);
            case "put":
                return put(args, store, keyset);
            case "list":
                return list(args, store, keyset);
            case "rm": {
                String name = args.required("NAME of the secret to remove");
                args.noMore();
                checkName(name);
                boolean removed = SecretStore.withLock(store, () -> SecretStore.open(store, keyset).remove(name));
                if (!removed) {
                    err.println("egress-guard: no secret named '" + name + "' in " + store
                            + "; 'egress-guard store list' shows the names");
                    return FAILED;
                }
                out.println("removed '" + name + "' from " + store);
                return OK;
            }
            case "rotate-key": {
                args.noMore();
                SecretStore.withLock(store, () -> {
                    SecretStore.open(store, keyset).rotateKey();
                    return null;
                });
                out.println("rotated the key of " + store + ": every secret is re-encrypted under a new key, the old key"
                        + " in " + keyset + " is disabled");
                return OK;
            }
            default:
                throw new UsageException("unknown store command " + shown(sub) + " (init, put, list, rm, rotate-key)");
        }
    }

    private int init(Args args, Path store, Path keyset) throws UsageException, StoreException {
        args.noMore();
        SecretStore.withLock(store, () -> SecretStore.init(store, keyset));
        out.println("created store " + store);
        out.println("created key file " + keyset + " (readable by you only; back it up: without it the store cannot be"
                + " read)");
        return OK;
    }

    private int put(Args args, Path store, Path keyset) throws UsageException, StoreException {
        String name = args.required("NAME: store put NAME --stdin, or store put NAME --file PATH");
        boolean stdin = args.flag("--stdin");
        String file = args.option("--file");
        if (args.next() != null) {
            // not shown: the most likely extra argument is the value itself
            throw new UsageException("'store put' takes the value from --stdin or --file PATH, never from the command"
                    + " line, where anyone on this machine can read it with 'ps'; the extra argument was ignored and"
                    + " nothing was stored");
        }
        checkName(name);
        if (stdin == (file != null)) {
            throw new UsageException("give exactly one of --stdin or --file PATH for the value of '" + name + "'");
        }
        if (stdin && interactive) {
            err.println("reading the value of '" + name + "' from standard input; end with Ctrl-D"
                    + " (echo -n \"$VALUE\" | ... or --file PATH avoid typing it)");
        }
        byte[] value = readValue(stdin ? null : Paths.get(file));
        try {
            if (value.length == 0) {
                err.println("egress-guard: the value is empty; nothing was stored");
                return FAILED;
            }
            SecretStore.withLock(store, () -> {
                SecretStore.open(store, keyset).put(name, value);
                return null;
            });
            out.println("stored '" + name + "' (" + value.length + " bytes) in " + store + "; the application uses the"
                    + " handle " + Handles.handleFor(name));
            if (value.length < SecretStore.MIN_DETECTABLE_LENGTH) {
                err.println("egress-guard: warning: values shorter than " + SecretStore.MIN_DETECTABLE_LENGTH
                        + " bytes are injected but not searched for in outgoing requests");
            }
            return OK;
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }

    private int list(Args args, Path store, Path keyset) throws UsageException, StoreException {
        args.noMore();
        List<SecretStore.EntryInfo> entries = SecretStore.open(store, keyset).list();
        if (entries.isEmpty()) {
            out.println("(no secrets in " + store + "; add one with: egress-guard store put NAME --stdin)");
            return OK;
        }
        int width = "NAME".length();
        for (SecretStore.EntryInfo e : entries) {
            width = Math.max(width, e.name.length());
        }
        String row = "%-" + width + "s  %-20s  %-20s  %6s  %s%n";
        out.printf(row, "NAME", "CREATED", "UPDATED", "BYTES", "HANDLE");
        for (SecretStore.EntryInfo e : entries) {
            out.printf(row, e.name, date(e.created), date(e.updated), e.length, Handles.handleFor(e.name));
        }
        return OK;
    }

    /** A date to the second, in UTC: {@code 2025-06-01 14:03:27Z}. */
    static String date(Instant instant) {
        return DATE.format(instant);
    }

    private byte[] readValue(Path file) throws StoreException {
        byte[] value;
        try {
            value = file == null ? readAll(in) : Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            // the path is not repeated: a value mistakenly given as --file VALUE must not be echoed
            throw new StoreException("the file given with --file does not exist; nothing was stored");
        } catch (IOException e) {
            throw new StoreException((file == null ? "standard input" : "the file given with --file")
                    + " cannot be read (" + e.getClass().getSimpleName() + "); nothing was stored");
        }
        int end = value.length;
        if (end > 0 && value[end - 1] == '\n') {
            end--;
            if (end > 0 && value[end - 1] == '\r') {
                end--;
            }
        }
        if (end == value.length) {
            return value;
        }
        byte[] trimmed = Arrays.copyOf(value, end);
        Arrays.fill(value, (byte) 0);
        return trimmed;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] b = new byte[4096];
        int n;
        while ((n = in.read(b)) > 0) {
            buf.write(b, 0, n);
        }
        Arrays.fill(b, (byte) 0);
        return buf.toByteArray();
    }

    // ---- rules ------------------------------------------------------------------------------------

    private int rules(Args args) throws UsageException {
        String sub = args.required("rules command (check)");
        if (!sub.equals("check")) {
            throw new UsageException("unknown rules command " + shown(sub) + " (check)");
        }
        String storeOption = args.option("--store");
        String keysetOption = args.option("--keyset");
        boolean noStore = args.flag("--no-store");
        String file = args.required("FILE: rules check FILE");
        args.noMore();
        Collection<String> known = null;
        SecretStore opened = null;
        String storeNote;
        Path store = storeOption != null ? Paths.get(storeOption) : AgentOptions.defaultStore();
        if (noStore) {
            storeNote = "secret names not checked against a store (--no-store)";
        } else if (storeOption == null && !Files.exists(store)) {
            storeNote = "secret names not checked: no store at " + store + " (use --store PATH)";
        } else {
            Path keyset = keysetOption != null ? Paths.get(keysetOption) : AgentOptions.defaultKeyset(store);
            try {
                opened = SecretStore.open(store, keyset);
                known = opened.names();
                storeNote = "secret names checked against " + store;
            } catch (StoreException e) {
                err.println("egress-guard: " + e.getMessage());
                err.println("egress-guard: (to check the rule file alone, add --no-store)");
                return FAILED;
            }
        }
        try {
            RuleSet rules = RuleFileParser.load(Paths.get(file), known);
            out.println(file + ": OK, " + count(rules.secrets().size(), "secret") + ", "
                    + count(rules.destinationCount(), "destination") + "; " + storeNote);
            return OK;
        } catch (RuleFileException e) {
            for (RuleProblem p : e.problems()) {
                // a value pasted into the rule file by mistake is not printed back
                err.println(io.egressguard.core.redact.StoreValuesInText.redact(opened, p.toString()));
            }
            err.println(count(e.problems().size(), "error") + " in " + file + "; nothing was loaded");
            return INVALID;
        }
    }

    private int doctor(Args args) throws UsageException {
        List<String> paths = new ArrayList<>();
        for (String p = args.next(); p != null; p = args.next()) {
            paths.add(p);
        }
        if (paths.isEmpty()) {
            throw new UsageException("doctor needs the application's class path, a folder of jars, or its jar,"
                    + " e.g. doctor target/app.jar or doctor \"$(cat cp.txt)\"");
        }
        try {
            Doctor.report(paths, out);
            return OK;
        } catch (java.io.IOException e) {
            err.println("egress-guard: " + e.getMessage());
            return FAILED;
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    // ---- audit ------------------------------------------------------------------------------------

    private int audit(Args args) throws UsageException, StoreException {
        String sub = args.required("audit command (verify)");
        if (!sub.equals("verify")) {
            throw new UsageException("unknown audit command " + shown(sub) + " (verify)");
        }
        Path store = args.option("--store") != null ? Paths.get(args.option("--store")) : AgentOptions.defaultStore();
        Path keyset = args.option("--keyset") != null ? Paths.get(args.option("--keyset"))
                : AgentOptions.defaultKeyset(store);
        String fileArg = args.next();
        args.noMore();
        Path file = fileArg != null ? Paths.get(fileArg) : AgentOptions.defaultAudit(store);
        if (!Files.isRegularFile(file)) {
            err.println("egress-guard: " + file + ": no audit log here; give its path: egress-guard audit verify FILE");
            return FAILED;
        }
        byte[] key = SecretStore.open(store, keyset).auditKey();
        if (key == null) {
            err.println("egress-guard: " + store + " has no audit key, so no audit log can be checked against it");
            return FAILED;
        }
        try {
            AuditLines.Verification v = AuditLines.verify(file, key);
            if (v.ok()) {
                out.println(file + ": OK, " + count((int) v.lines, "line") + ", chain intact"
                        + (v.lines > 0 ? " up to seq " + v.lastSeq + " at " + v.lastTime : "")
                        + " (lines cut from the end cannot be detected: compare the last seq with what you expect)");
                return OK;
            }
            err.println(file + ":" + v.firstBadLine + ": " + v.problem);
            err.println("egress-guard: the audit log " + file + " was changed after it was written;"
                    + " lines before line " + v.firstBadLine + " are intact");
            return INVALID;
        } catch (IOException e) {
            err.println("egress-guard: " + file + ": cannot read the audit log (" + e.getClass().getSimpleName() + ")");
            return FAILED;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    // ---- argument handling --------------------------------------------------------------------------

    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Positional arguments in order, with {@code --name value} (or {@code --name=value}) options and
     * {@code --flag}s anywhere.
     */
    static final class Args {
        private static final Set<String> VALUED = Set.of("--store", "--keyset", "--file");
        private static final Set<String> FLAGS = Set.of("--stdin", "--no-store");

        private final List<String> raw;
        private final List<String> positional = new ArrayList<>();
        private final Map<String, String> options = new HashMap<>();
        private final Set<String> flags = new HashSet<>();
        private boolean parsed;
        private int next;

        Args(String[] argv) {
            this.raw = Arrays.asList(argv);
        }

        private void parse() throws UsageException {
            if (parsed) {
                return;
            }
            parsed = true;
            for (int i = 0; i < raw.size(); i++) {
                String a = raw.get(i);
                int eq = a.indexOf('=');
                String name = a.startsWith("--") && eq > 2 ? a.substring(0, eq) : a;
                if (VALUED.contains(name)) {
                    String value;
                    if (name.length() < a.length()) {
                        value = a.substring(eq + 1);
                    } else if (i + 1 < raw.size()) {
                        value = raw.get(++i);
                    } else {
                        throw new UsageException(a + " needs a value");
                    }
                    if (options.put(name, value) != null) {
                        throw new UsageException(name + " is given twice");
                    }
                } else if (FLAGS.contains(a)) {
                    flags.add(a);
                } else if (a.startsWith("--") && a.length() > 2) {
                    // only the name: whatever follows '=' could be a value
                    throw new UsageException("unknown option " + shown(name) + " (options: --store PATH, --keyset PATH,"
                            + " --stdin, --file PATH, --no-store)");
                } else {
                    positional.add(a);
                }
            }
        }

        String next() throws UsageException {
            parse();
            return next < positional.size() ? positional.get(next++) : null;
        }

        String required(String what) throws UsageException {
            String v = next();
            if (v == null) {
                throw new UsageException("missing " + what);
            }
            return v;
        }

        String option(String name) throws UsageException {
            parse();
            return options.get(name);
        }

        boolean flag(String name) throws UsageException {
            parse();
            return flags.contains(name);
        }

        void noMore() throws UsageException {
            String extra = next();
            if (extra != null) {
                throw new UsageException("unexpected argument " + shown(extra));
            }
        }
    }
}

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
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * {@code java -jar egress-guard-agent.jar COMMAND ...}: store management, handles, rule checking and
 * audit verification. Exit status: 0 success, 1 the command failed, 2 a rule file has errors,
 * 64 the command line is wrong.
 */
public final class Cli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int INVALID = 2;
    static final int USAGE = 64;

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    Cli(PrintStream out, PrintStream err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    public static void main(String[] args) {
        int status = new Cli(System.out, System.err, System.in).run(args);
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
                default:
                    err.println("egress-guard: unknown command '" + command + "'");
                    usage(err);
                    return USAGE;
            }
        } catch (UsageException e) {
            err.println("egress-guard: " + e.getMessage());
            err.println("run 'egress-guard help' for the list of commands");
            return USAGE;
        } catch (StoreException e) {
            err.println("egress-guard: " + e.getMessage());
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
        p.println("  audit verify [FILE]             check that the audit log was not edited");
        p.println("  attach PID [OPTIONS]            load the agent into a running JVM");
        p.println("  version                         print the version");
        p.println();
        p.println("store options: --store PATH (default " + AgentOptions.defaultStore() + "), --keyset PATH"
                + " (default keyset.json next to the store)");
        p.println("A value given with --file or on standard input loses one trailing line break, if it has one.");
        p.println("Values are never accepted on the command line, where other users can see them with 'ps'.");
    }

    // ---- handle -----------------------------------------------------------------------------------

    private int handle(Args args) throws UsageException {
        String name = args.required("NAME");
        args.noMore();
        String why = Handles.nameProblem(name);
        if (why != null) {
            err.println("egress-guard: invalid secret name '" + name + "': " + why);
            return USAGE;
        }
        out.println(Handles.handleFor(name));
        return OK;
    }

    // ---- store ------------------------------------------------------------------------------------

    private int store(Args args) throws UsageException, StoreException {
        String sub = args.required("store command (init, put, list, rm, rotate-key)");
        Path store = args.option("--store") != null ? Paths.get(args.option("--store")) : AgentOptions.defaultStore();
        Path keyset = args.option("--keyset") != null ? Paths.get(args.option("--keyset"))
                : AgentOptions.siblingOfStore(store, "keyset.json");
        switch (sub) {
            case "init": {
                args.noMore();
                SecretStore.withLock(store, () -> SecretStore.init(store, keyset));
                out.println("created store " + store);
                out.println("created key file " + keyset + " (readable by you only; back it up: without it the"
                        + " store cannot be read)");
                return OK;
            }
            case "put": {
                String name = args.required("NAME");
                boolean stdin = args.flag("--stdin");
                String file = args.option("--file");
                String extra = args.next();
                if (extra != null) {
                    throw new UsageException("'" + "store put" + "' takes the value from --stdin or --file, never from the"
                            + " command line (anyone can read it there with 'ps'); unexpected argument given");
                }
                if (stdin == (file != null)) {
                    throw new UsageException("give exactly one of --stdin or --file PATH for the value of '" + name + "'");
                }
                String why = Handles.nameProblem(name);
                if (why != null) {
                    throw new UsageException("invalid secret name '" + name + "': " + why);
                }
                byte[] value = readValue(stdin ? null : Paths.get(file));
                try {
                    if (value.length == 0) {
                        err.println("egress-guard: the value is empty; nothing was stored");
                        return FAILED;
                    }
                    final byte[] v = value;
                    SecretStore.withLock(store, () -> {
                        SecretStore.open(store, keyset).put(name, v);
                        return null;
                    });
                    out.println("stored '" + name + "' (" + value.length + " bytes); the application uses the handle "
                            + Handles.handleFor(name));
                    if (value.length < SecretStore.MIN_DETECTABLE_LENGTH) {
                        err.println("egress-guard: warning: values shorter than " + SecretStore.MIN_DETECTABLE_LENGTH
                                + " bytes are injected but not searched for in outgoing requests");
                    }
                    return OK;
                } finally {
                    Arrays.fill(value, (byte) 0);
                }
            }
            case "list": {
                args.noMore();
                SecretStore s = SecretStore.open(store, keyset);
                List<SecretStore.EntryInfo> entries = s.list();
                if (entries.isEmpty()) {
                    out.println("(no secrets in " + store + ")");
                    return OK;
                }
                out.printf("%-24s %-24s %-24s %8s  %s%n", "NAME", "CREATED", "UPDATED", "BYTES", "HANDLE");
                for (SecretStore.EntryInfo e : entries) {
                    out.printf("%-24s %-24s %-24s %8d  %s%n", e.name, e.created, e.updated, e.length, Handles.handleFor(e.name));
                }
                return OK;
            }
            case "rm": {
                String name = args.required("NAME");
                args.noMore();
                boolean removed = SecretStore.withLock(store, () -> SecretStore.open(store, keyset).remove(name));
                if (!removed) {
                    err.println("egress-guard: no secret named '" + name + "' in " + store);
                    return FAILED;
                }
                out.println("removed '" + name + "'");
                return OK;
            }
            case "rotate-key": {
                args.noMore();
                SecretStore.withLock(store, () -> {
                    SecretStore.open(store, keyset).rotateKey();
                    return null;
                });
                out.println("rotated the key of " + store + ": every secret is re-encrypted, the old key is disabled");
                return OK;
            }
            default:
                throw new UsageException("unknown store command '" + sub + "' (init, put, list, rm, rotate-key)");
        }
    }

    private byte[] readValue(Path file) throws StoreException {
        byte[] value;
        try {
            if (file == null) {
                value = readAll(in);
            } else {
                value = Files.readAllBytes(file);
            }
        } catch (IOException e) {
            throw new StoreException((file == null ? "standard input" : file.toString()) + ": cannot read the value: "
                    + e.getMessage());
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
        return buf.toByteArray();
    }

    // ---- rules ------------------------------------------------------------------------------------

    private int rules(Args args) throws UsageException {
        String sub = args.required("rules command (check)");
        if (!sub.equals("check")) {
            throw new UsageException("unknown rules command '" + sub + "' (check)");
        }
        String storeOption = args.option("--store");
        String keysetOption = args.option("--keyset");
        boolean noStore = args.flag("--no-store");
        String file = args.required("FILE");
        args.noMore();
        Collection<String> known = null;
        String storeNote;
        Path store = storeOption != null ? Paths.get(storeOption) : AgentOptions.defaultStore();
        if (noStore) {
            storeNote = "secret names not checked against a store (--no-store)";
        } else if (storeOption == null && !Files.exists(store)) {
            storeNote = "secret names not checked: no store at " + store + " (use --store PATH)";
        } else {
            Path keyset = keysetOption != null ? Paths.get(keysetOption) : AgentOptions.siblingOfStore(store, "keyset.json");
            try {
                known = SecretStore.open(store, keyset).names();
                storeNote = "secret names checked against " + store;
            } catch (StoreException e) {
                err.println("egress-guard: " + e.getMessage());
                return FAILED;
            }
        }
        try {
            RuleSet rules = RuleFileParser.load(Paths.get(file), known);
            out.println(file + ": OK, " + rules.secrets().size() + " secret(s), " + rules.destinationCount()
                    + " destination(s); " + storeNote);
            return OK;
        } catch (RuleFileException e) {
            for (RuleProblem p : e.problems()) {
                err.println(p);
            }
            err.println(e.problems().size() + (e.problems().size() == 1 ? " error" : " errors") + " in " + file);
            return INVALID;
        }
    }

    // ---- audit ------------------------------------------------------------------------------------

    private int audit(Args args) throws UsageException, StoreException {
        String sub = args.required("audit command (verify)");
        if (!sub.equals("verify")) {
            throw new UsageException("unknown audit command '" + sub + "' (verify)");
        }
        Path store = args.option("--store") != null ? Paths.get(args.option("--store")) : AgentOptions.defaultStore();
        Path keyset = args.option("--keyset") != null ? Paths.get(args.option("--keyset"))
                : AgentOptions.siblingOfStore(store, "keyset.json");
        String fileArg = args.next();
        args.noMore();
        Path file = fileArg != null ? Paths.get(fileArg) : AgentOptions.siblingOfStore(store, "audit.jsonl");
        byte[] key = SecretStore.open(store, keyset).auditKey();
        if (key == null) {
            err.println("egress-guard: " + store + " has no audit key");
            return FAILED;
        }
        try {
            AuditLines.Verification v = AuditLines.verify(file, key);
            if (v.ok()) {
                out.println(file + ": OK, " + v.lines + " line(s), chain intact");
                return OK;
            }
            err.println(file + ":" + v.firstBadLine + ": " + v.problem);
            return FAILED;
        } catch (IOException e) {
            err.println("egress-guard: " + file + ": cannot read the audit log: " + e.getMessage());
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

    /** Positional arguments in order, with {@code --name value} options and {@code --flag}s anywhere. */
    static final class Args {
        private final List<String> positional = new ArrayList<>();
        private final List<String> raw;
        private int next;

        Args(String[] argv) {
            this.raw = Arrays.asList(argv);
        }

        private boolean parsed;
        private final java.util.Map<String, String> options = new java.util.HashMap<>();
        private final java.util.Set<String> flags = new java.util.HashSet<>();
        private static final java.util.Set<String> VALUED = java.util.Set.of("--store", "--keyset", "--file");
        private static final java.util.Set<String> FLAGS = java.util.Set.of("--stdin", "--no-store");

        private void parse() throws UsageException {
            if (parsed) {
                return;
            }
            parsed = true;
            for (int i = 0; i < raw.size(); i++) {
                String a = raw.get(i);
                if (VALUED.contains(a)) {
                    if (i + 1 >= raw.size()) {
                        throw new UsageException(a + " needs a value");
                    }
                    options.put(a, raw.get(++i));
                } else if (FLAGS.contains(a)) {
                    flags.add(a);
                } else if (a.startsWith("--") && a.length() > 2) {
                    throw new UsageException("unknown option '" + a + "'");
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
                throw new UsageException("unexpected argument '" + extra + "'");
            }
        }
    }
}

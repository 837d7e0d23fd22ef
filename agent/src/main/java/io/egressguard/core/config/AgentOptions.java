package io.egressguard.core.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's settings. Each can come from three places; the first that sets it wins:
 * <ol>
 *   <li>the agent argument: {@code -javaagent:egress-guard-agent.jar=rules=PATH,store=PATH};</li>
 *   <li>a system property: {@code -Degressguard.rules=PATH};</li>
 *   <li>an environment variable: {@code EGRESS_GUARD_RULES=PATH}.</li>
 * </ol>
 * Anything else is a mistake that stops the agent with a message saying how to fix it.
 */
public final class AgentOptions {

    /** Every setting the agent understands, with its meaning for {@code --help} and errors. */
    public enum Key {
        RULES("rules", "path of the rule file (YAML)"),
        STORE("store", "path of the encrypted secret store (default ~/.egress-guard/store.json)"),
        KEYSET("keyset", "path of the store's key file (default: keyset.json next to the store)"),
        AUDIT("audit", "path of the audit log (default: audit.jsonl next to the store)"),
        FAIL_MODE("failMode", "closed (default): a broken setup stops the JVM; open: run unguarded, loudly"),
        ON_VIOLATION("onViolation", "block (default) or strip: what happens to a secret of the store that no rule names"
                + " (rules say it with on-violation, in the secret or in 'defaults')"),
        QUIET("quiet", "true: do not print the start-up line"),
        DEBUG("debug", "true: print every decision to standard error (never a secret value)"),
        MAX_BUFFERED_BODY("maxBufferedBody", "largest body, in bytes, checked whole before sending (default 16777216)"),
        BACKSTOP("backstop", "true (default): also check writes at the socket and TLS layer, under every HTTP"
                + " client, and block a handle or secret headed to a peer no rule allows; false: HTTP clients only"),
        STORE_RELOAD("storeReload", "seconds between checks of the store for added, changed or removed secrets"
                + " (default 2; 0: never, secrets are read once at start)"),
        IDENTITY("identity", "the agent identity this JVM acts as, named in every audit line and matched by rules'"
                + " 'identities' (default: the rule file's 'identity', else 'default')");

        final String name;
        final String help;

        Key(String name, String help) {
            this.name = name;
            this.help = help;
        }

        public String optionName() {
            return name;
        }

        public String systemProperty() {
            return "egressguard." + name;
        }

        public String environmentVariable() {
            StringBuilder sb = new StringBuilder("EGRESS_GUARD_");
            for (char c : name.toCharArray()) {
                if (Character.isUpperCase(c)) {
                    sb.append('_');
                }
                sb.append(Character.toUpperCase(c));
            }
            return sb.toString();
        }

        public String help() {
            return help;
        }

        static Key byName(String name) {
            for (Key k : values()) {
                if (k.name.equalsIgnoreCase(name)) {
                    return k;
                }
            }
            return null;
        }
    }

    public enum FailMode { CLOSED, OPEN }

    private final Map<Key, String> values;
    private final Map<Key, String> sources;

    private AgentOptions(Map<Key, String> values, Map<Key, String> sources) {
        this.values = values;
        this.sources = sources;
    }

    /** Reads the settings from the agent argument, system properties and the environment. */
    public static AgentOptions load(String agentArgs) throws OptionsException {
        return load(agentArgs, System.getProperties(), System.getenv());
    }

    static AgentOptions load(String agentArgs, java.util.Properties props, Map<String, String> env)
            throws OptionsException {
        Map<Key, String> values = new LinkedHashMap<>();
        Map<Key, String> sources = new LinkedHashMap<>();
        if (agentArgs != null && !agentArgs.trim().isEmpty()) {
            for (String part : agentArgs.split(",")) {
                String item = part.trim();
                if (item.isEmpty()) {
                    continue;
                }
                int eq = item.indexOf('=');
                if (eq <= 0) {
                    throw new OptionsException("agent option '" + item + "' is not of the form name=value;"
                            + " write for example -javaagent:egress-guard-agent.jar=rules=/etc/egress-guard/rules.yaml");
                }
                String name = item.substring(0, eq).trim();
                Key key = Key.byName(name);
                if (key == null) {
                    Key guess = closest(name);
                    throw new OptionsException("unknown agent option '" + name + "'"
                            + (guess != null ? "; did you mean '" + guess.name + "'?" : "")
                            + " The options are " + knownNames());
                }
                if (values.containsKey(key)) {
                    throw new OptionsException("agent option '" + name + "' is given twice; give it once");
                }
                values.put(key, item.substring(eq + 1).trim());
                sources.put(key, "agent argument");
            }
        }
        for (Key key : Key.values()) {
            if (values.containsKey(key)) {
                continue;
            }
            String v = props.getProperty(key.systemProperty());
            if (v != null) {
                values.put(key, v.trim());
                sources.put(key, "system property " + key.systemProperty());
                continue;
            }
            v = env.get(key.environmentVariable());
            if (v != null) {
                values.put(key, v.trim());
                sources.put(key, "environment variable " + key.environmentVariable());
            }
        }
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith("egressguard.") && !name.startsWith("egressguard.test.")) {
                String setting = name.substring("egressguard.".length());
                Key key = Key.byName(setting);
                if (key == null || !key.name.equals(setting)) {
                    Key guess = key != null ? key : closest(setting);
                    throw new OptionsException("unknown system property '" + name + "'"
                            + (guess != null ? "; did you mean '" + guess.systemProperty() + "'?" : "")
                            + " The settings are " + knownNames() + " (as -Degressguard.NAME=VALUE)");
                }
            }
        }
        for (String name : env.keySet()) {
            if (name.startsWith("EGRESS_GUARD_") && byEnvironmentVariable(name) == null) {
                Key guess = closestEnvironmentVariable(name);
                throw new OptionsException("unknown environment variable '" + name + "'"
                        + (guess != null ? "; did you mean '" + guess.environmentVariable() + "'?" : "")
                        + " The settings are " + knownNames() + " (as EGRESS_GUARD_NAME, e.g. EGRESS_GUARD_FAIL_MODE)");
            }
        }
        AgentOptions options = new AgentOptions(values, sources);
        options.validate();
        return options;
    }

    private void validate() throws OptionsException {
        for (Map.Entry<Key, String> e : values.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new OptionsException("setting '" + e.getKey().name + "' (from " + sources.get(e.getKey())
                        + ") is empty; give it a value or leave it out");
            }
        }
        String fail = values.get(Key.FAIL_MODE);
        if (fail != null && !fail.equalsIgnoreCase("closed") && !fail.equalsIgnoreCase("open")) {
            throw invalid(Key.FAIL_MODE, "must be 'closed' or 'open'");
        }
        String onViolation = values.get(Key.ON_VIOLATION);
        if (onViolation != null && !onViolation.equalsIgnoreCase("block") && !onViolation.equalsIgnoreCase("strip")) {
            throw invalid(Key.ON_VIOLATION, "must be 'block' or 'strip'");
        }
        checkBoolean(Key.QUIET);
        checkBoolean(Key.DEBUG);
        checkBoolean(Key.BACKSTOP);
        String max = values.get(Key.MAX_BUFFERED_BODY);
        if (max != null) {
            try {
                if (Long.parseLong(max) < 0 || Long.parseLong(max) > Integer.MAX_VALUE - 8) {
                    throw invalid(Key.MAX_BUFFERED_BODY, "must be between 0 and " + (Integer.MAX_VALUE - 8));
                }
            } catch (NumberFormatException e) {
                throw invalid(Key.MAX_BUFFERED_BODY, "must be a number of bytes");
            }
        }
        String reload = values.get(Key.STORE_RELOAD);
        if (reload != null) {
            try {
                int seconds = Integer.parseInt(reload);
                if (seconds < 0 || seconds > 86_400) {
                    throw invalid(Key.STORE_RELOAD, "must be between 0 (never) and 86400 seconds");
                }
            } catch (NumberFormatException e) {
                throw invalid(Key.STORE_RELOAD, "must be a whole number of seconds (0: never)");
            }
        }
        String identity = values.get(Key.IDENTITY);
        if (identity != null && !identity.matches("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}")) {
            throw invalid(Key.IDENTITY, "must be a name of letters, digits and . _ - : / @ (e.g. triage-bot)");
        }
        if (!values.containsKey(Key.RULES)) {
            throw new OptionsException("no rule file given; start with -javaagent:egress-guard-agent.jar=rules=PATH"
                    + " (or -Degressguard.rules=PATH, or EGRESS_GUARD_RULES=PATH)");
        }
    }

    private void checkBoolean(Key key) throws OptionsException {
        String v = values.get(key);
        if (v != null && !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw invalid(key, "must be 'true' or 'false'");
        }
    }

    private OptionsException invalid(Key key, String what) {
        return new OptionsException("setting '" + key.name + "' (from " + sources.get(key) + ") is '"
                + values.get(key) + "' but " + what);
    }

    private static Key byEnvironmentVariable(String name) {
        for (Key k : Key.values()) {
            if (k.environmentVariable().equals(name)) {
                return k;
            }
        }
        return null;
    }

    private static Key closestEnvironmentVariable(String name) {
        for (Key k : Key.values()) {
            String candidate = k.environmentVariable();
            if (distance(name, candidate) <= 2 || candidate.replace("_", "").equals(name.replace("_", ""))) {
                return k;
            }
        }
        return null;
    }

    private static Key closest(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Key k : Key.values()) {
            String candidate = k.name.toLowerCase(Locale.ROOT);
            if ((n.length() >= 3 && (candidate.startsWith(n) || n.startsWith(candidate)))
                    || distance(n, candidate) <= Math.min(2, n.length() / 3)) {
                return k;
            }
        }
        return null;
    }

    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                d[i][j] = i == 0 ? j : j == 0 ? i : Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
                        d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
        }
        return d[a.length()][b.length()];
    }

    private static String knownNames() {
        StringBuilder sb = new StringBuilder();
        for (Key k : Key.values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(k.name);
        }
        return sb.toString();
    }

    public Path rules() {
        return Paths.get(values.get(Key.RULES));
    }

    public Path store() {
        String v = values.get(Key.STORE);
        return v != null ? Paths.get(v) : defaultStore();
    }

    public Path keyset() {
        String v = values.get(Key.KEYSET);
        return v != null ? Paths.get(v) : siblingOfStore(store(), "keyset.json");
    }

    public Path audit() {
        String v = values.get(Key.AUDIT);
        return v != null ? Paths.get(v) : siblingOfStore(store(), "audit.jsonl");
    }

    public FailMode failMode() {
        String v = values.get(Key.FAIL_MODE);
        return v != null && v.equalsIgnoreCase("open") ? FailMode.OPEN : FailMode.CLOSED;
    }

    /** True when the default for violations is to strip the offending header rather than block. */
    public boolean stripByDefault() {
        String v = values.get(Key.ON_VIOLATION);
        return v != null && v.equalsIgnoreCase("strip");
    }

    public boolean quiet() {
        return Boolean.parseBoolean(values.get(Key.QUIET));
    }

    public boolean debug() {
        return Boolean.parseBoolean(values.get(Key.DEBUG));
    }

    /** Whether the socket and TLS layers are checked too. */
    public boolean backstop() {
        String v = values.get(Key.BACKSTOP);
        return v == null || Boolean.parseBoolean(v);
    }

    /** Seconds between checks of the store for changes; 0 means the store is read once. */
    public int storeReloadSeconds() {
        String v = values.get(Key.STORE_RELOAD);
        return v != null ? Integer.parseInt(v) : 2;
    }

    /** The identity given as an option, or {@code null} to take the rule file's. */
    public String identity() {
        return values.get(Key.IDENTITY);
    }

    public int maxBufferedBody() {
        String v = values.get(Key.MAX_BUFFERED_BODY);
        return v != null ? Integer.parseInt(v) : 16 * 1024 * 1024;
    }

    public Map<Key, String> explicitValues() {
        return Collections.unmodifiableMap(values);
    }

    /**
     * A setting as the command-line tool sees it: from the system property, else the environment variable,
     * the same order as for the agent; {@code null} when neither sets it.
     */
    public static String environmentSetting(Key key) {
        String v = System.getProperty(key.systemProperty());
        if (v == null || v.trim().isEmpty()) {
            v = System.getenv(key.environmentVariable());
        }
        return v == null || v.trim().isEmpty() ? null : v.trim();
    }

    /** The store when none is given: {@code egressguard.store}, {@code EGRESS_GUARD_STORE}, or ~/.egress-guard/store.json. */
    public static Path defaultStore() {
        String v = environmentSetting(Key.STORE);
        return v != null ? Paths.get(v) : Paths.get(System.getProperty("user.home"), ".egress-guard", "store.json");
    }

    /** The key file of {@code store} when none is given: {@code egressguard.keyset}, {@code EGRESS_GUARD_KEYSET}, or next to the store. */
    public static Path defaultKeyset(Path store) {
        String v = environmentSetting(Key.KEYSET);
        return v != null ? Paths.get(v) : siblingOfStore(store, "keyset.json");
    }

    /** The audit log of {@code store} when none is given: {@code egressguard.audit}, {@code EGRESS_GUARD_AUDIT}, or next to the store. */
    public static Path defaultAudit(Path store) {
        String v = environmentSetting(Key.AUDIT);
        return v != null ? Paths.get(v) : siblingOfStore(store, "audit.jsonl");
    }

    public static Path siblingOfStore(Path store, String fileName) {
        Path parent = store.toAbsolutePath().getParent();
        return parent == null ? Paths.get(fileName) : parent.resolve(fileName);
    }

    @Override
    public String toString() {
        return values.toString().toLowerCase(Locale.ROOT);
    }
}

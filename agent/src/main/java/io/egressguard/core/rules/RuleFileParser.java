package io.egressguard.core.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.egressguard.core.handle.Handles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads rule files, format version 1, and reports every mistake at once, each with its line and column
 * and a hint. The format is documented in {@code rules/README.md}; a short example:
 *
 * <pre>
 * version: 1
 * secrets:
 *   - name: github
 *     allow:
 *       - host: api.github.com
 *         methods: [GET]
 *         paths: ["/repos/**"]
 *     inject:
 *       replace-handle-in: [Authorization]
 * </pre>
 */
public final class RuleFileParser {

    /** Far more than any real rule file; keeps a wrong file from costing seconds and memory at start-up. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private static final Set<String> TOP_KEYS = Set.of("version", "defaults", "secrets", "llm", "redaction", "identity",
            "identities", "tools", "mcp");
    private static final Set<String> MCP_KEYS = Set.of("server", "tools", "identities", "decision");
    private static final Set<String> IDENTITY_KEYS = Set.of("name", "tools");
    private static final Set<String> TOOL_KEYS = Set.of("name", "entry-points");
    private static final Set<String> LLM_KEYS = Set.of("endpoints", "on-secret");
    private static final Set<String> REDACTION_KEYS = Set.of("known-secrets", "detectors", "disable-detectors");
    private static final Set<String> REDACTION_OUTPUTS = Set.of("logs", "console", "traces");
    private static final Set<String> DEFAULTS_KEYS = Set.of("on-violation");
    private static final Set<String> SECRET_KEYS = Set.of("name", "description", "allow", "inject", "on-violation");
    private static final Set<String> ALLOW_KEYS = Set.of("host", "scheme", "port", "paths", "methods", "tools", "identities");
    private static final Set<String> INJECT_KEYS = Set.of("replace-handle-in", "set-header", "format", "username", "template");
    private static final Set<String> FORMATS = Set.of("bearer", "basic", "raw", "template");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");
    private static final Set<String> FORBIDDEN_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection", "upgrade", "te", "trailer", "keep-alive", "proxy-connection");

    private final String fileLabel;
    private final List<RuleProblem> problems = new ArrayList<>();

    private RuleFileParser(String fileLabel) {
        this.fileLabel = fileLabel;
    }

    /**
     * Parses and validates a rule file.
     *
     * @param knownSecrets names in the store, to report rules for secrets that do not exist; or
     *                     {@code null} to skip that check
     */
    public static RuleSet load(Path file, Collection<String> knownSecrets) throws RuleFileException {
        String label = file.toString();
        byte[] bytes;
        try {
            long size = Files.isRegularFile(file) ? Files.size(file) : 0;
            if (size > MAX_FILE_BYTES) {
                throw single(label, "the rule file is " + size + " bytes; a rule file is at most " + MAX_FILE_BYTES
                        + " bytes", "is this the right file? rules are short: one entry per secret and destination");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw single(label, "rule file not found", "check the path; give it as rules=PATH to the agent");
        } catch (AccessDeniedException e) {
            throw single(label, "no permission to read the rule file",
                    "let the user running the JVM read it, e.g. chmod 644 " + label);
        } catch (IOException e) {
            throw single(label, "cannot read the rule file (" + e.getClass().getSimpleName() + ")",
                    "check that it is a readable file, not a folder");
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer decoded = CharBuffer.allocate(bytes.length);
        CoderResult result = utf8.decode(in, decoded, true);
        decoded.flip();
        if (result.isError()) {
            // 'decoded' holds the text up to the bad byte: count lines and columns in it
            int line = 1;
            int column = 1;
            for (int i = 0; i < decoded.length(); i++) {
                if (decoded.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            throw new RuleFileException(List.of(new RuleProblem(label, line, column,
                    "the rule file is not UTF-8 text (byte 0x" + Integer.toHexString(bytes[in.position()] & 0xff) + " here)",
                    "save it as UTF-8")));
        }
        String text = decoded.toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte order mark, as some Windows editors write
        }
        return parse(label, file, new StringReader(text), knownSecrets);
    }

    static RuleSet parse(String label, Path file, Reader reader, Collection<String> knownSecrets)
            throws RuleFileException {
        RuleFileParser parser = new RuleFileParser(label);
        YamlNode.Parsed parsed;
        try {
            parsed = YamlNode.parse(reader);
        } catch (JsonProcessingException e) {
            throw new RuleFileException(List.of(syntaxProblem(label, e)));
        } catch (IOException e) {
            throw single(label, "cannot read the rule file (" + e.getClass().getSimpleName() + ")",
                    "check that it is a readable text file");
        }
        for (String[] d : parsed.duplicateKeys) {
            parser.problem(Integer.parseInt(d[1]), Integer.parseInt(d[2]), "key '" + d[0] + "' appears twice in the same mapping",
                    "keep one; YAML would silently use only one of them");
        }
        RuleSet rules = parser.readRoot(file, parsed.root, knownSecrets);
        if (!parser.problems.isEmpty()) {
            parser.problems.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
                    : Integer.compare(a.column(), b.column()));
            throw new RuleFileException(parser.problems);
        }
        return rules;
    }

    /**
     * A YAML syntax error, placed where the reader can fix it: at the problem, or, when the problem is
     * the end of the file (an unclosed quote or bracket), where the unclosed thing starts.
     */
    private static RuleProblem syntaxProblem(String label, JsonProcessingException e) {
        String hint = "check indentation (spaces, not tabs) and quoting around this place";
        if (e.getCause() instanceof MarkedYAMLException) {
            MarkedYAMLException y = (MarkedYAMLException) e.getCause();
            Mark problemMark = y.getProblemMark();
            Mark contextMark = y.getContextMark();
            String problem = y.getProblem() == null ? "syntax error" : y.getProblem();
            boolean atEnd = problem.contains("end of stream") || problem.contains("<stream end>");
            Mark at = atEnd && contextMark != null ? contextMark : problemMark != null ? problemMark : contextMark;
            String context = y.getContext() == null ? "" : "; " + y.getContext()
                    + (contextMark != null && at != contextMark
                            ? " that starts at line " + (contextMark.getLine() + 1) + ", column " + (contextMark.getColumn() + 1)
                            : "");
            if (at != null) {
                return new RuleProblem(label, at.getLine() + 1, at.getColumn() + 1, "not valid YAML: " + problem + context,
                        atEnd ? "something opened here is never closed" : hint);
            }
        }
        JsonLocation loc = e.getLocation();
        String msg = e.getOriginalMessage();
        int nl = msg.indexOf('\n');
        return new RuleProblem(label, loc == null ? 1 : Math.max(1, loc.getLineNr()),
                loc == null ? 1 : Math.max(1, loc.getColumnNr()), "not valid YAML: " + (nl > 0 ? msg.substring(0, nl) : msg),
                hint);
    }

    private static RuleFileException single(String label, String message, String hint) {
        return new RuleFileException(List.of(new RuleProblem(label, 1, 1, message, hint)));
    }

    private RuleSet readRoot(Path file, YamlNode root, Collection<String> knownSecrets) {
        if (root.kind != YamlNode.Kind.MAP) {
            problem(root, "the rule file must be a mapping with 'version' and 'secrets', but is " + root.describeKind(),
                    "start from one of the examples in rules/");
            return null;
        }
        unknownKeys(root, TOP_KEYS);
        YamlNode version = root.map().get("version");
        if (version == null) {
            problem(root, "missing 'version'", "add 'version: 1' as the first line");
        } else if (!version.isInteger() || !"1".equals(version.scalar())) {
            problem(version, "'version' must be 1, not " + version.describeKind(), "this agent reads format version 1:"
                    + " write 'version: 1', a number without quotes");
        }
        SecretRule.OnViolation defaultViolation = SecretRule.OnViolation.BLOCK;
        YamlNode defaults = root.map().get("defaults");
        if (defaults != null) {
            if (defaults.kind != YamlNode.Kind.MAP) {
                problem(defaults, "'defaults' must be a mapping", "for example 'defaults: {on-violation: block}'");
            } else {
                unknownKeys(defaults, DEFAULTS_KEYS);
                YamlNode v = defaults.map().get("on-violation");
                if (v != null) {
                    SecretRule.OnViolation parsed = onViolation(v);
                    if (parsed != null) {
                        defaultViolation = parsed;
                    }
                }
            }
        }
        List<SecretRule> secrets = new ArrayList<>();
        YamlNode list = root.map().get("secrets");
        if (list == null) {
            problem(root, "missing 'secrets'", "list the secrets this JVM may use under 'secrets:'");
        } else if (list.kind != YamlNode.Kind.LIST) {
            problem(list, "'secrets' must be a list, not " + list.describeKind(), "each item starts with '- name:'");
        } else {
            Map<String, YamlNode> seen = new HashMap<>();
            for (YamlNode item : list.list()) {
                // names are checked first, so that a duplicate is reported even when an entry has other mistakes
                YamlNode nameNode = item.kind == YamlNode.Kind.MAP ? item.map().get("name") : null;
                boolean duplicate = false;
                if (nameNode != null && nameNode.isString()) {
                    String name = nameNode.scalar();
                    YamlNode first = seen.putIfAbsent(name, nameNode);
                    if (first != null) {
                        duplicate = true;
                        problem(nameNode, "secret '" + name + "' is already defined on line " + first.line,
                                "merge both entries: list every destination under one 'allow'");
                    } else if (knownSecrets != null && Handles.nameProblem(name) == null && !knownSecrets.contains(name)) {
                        String guess = closest(name, knownSecrets);
                        problem(nameNode, "secret '" + name + "' is not in the store",
                                (guess != null ? "did you mean '" + guess + "'? or add it" : "add it")
                                        + " with: egress-guard store put " + name + " --stdin");
                    }
                }
                SecretRule rule = readSecret(item, defaultViolation);
                if (rule != null && !duplicate) {
                    secrets.add(rule);
                }
            }
        }
        LlmSettings llm = readLlm(root.map().get("llm"));
        RedactionSettings redaction = readRedaction(root.map().get("redaction"));
        ToolRules tools = readToolRules(root);
        List<McpRule> mcp = readMcp(root.map().get("mcp"));
        return new RuleSet(file, List.copyOf(secrets), llm, redaction, tools, mcp);
    }

    /** {@code identity}, {@code identities} and {@code tools}: who the agent is and what its tools are. */
    private ToolRules readToolRules(YamlNode root) {
        String identity = null;
        YamlNode id = root.map().get("identity");
        if (id != null) {
            identity = identityName(id);
        }
        Map<String, String> identityByTool = new java.util.LinkedHashMap<>();
        YamlNode ids = root.map().get("identities");
        if (ids != null) {
            if (ids.kind != YamlNode.Kind.LIST) {
                problem(ids, "'identities' must be a list, not " + ids.describeKind(),
                        "each item is '- name: release-bot' with 'tools: [releases.create]'");
            } else {
                Set<String> names = new java.util.HashSet<>();
                for (YamlNode item : ids.list()) {
                    if (item.kind != YamlNode.Kind.MAP) {
                        problem(item, "each identity must be a mapping with 'name' and 'tools'",
                                "for example '- {name: release-bot, tools: [releases.create]}'");
                        continue;
                    }
                    unknownKeys(item, IDENTITY_KEYS);
                    YamlNode n = item.map().get("name");
                    String name = n == null ? null : identityName(n);
                    if (n == null) {
                        problem(item, "identity without 'name'", "add 'name: release-bot'");
                    } else if (name != null && !names.add(name)) {
                        problem(n, "identity '" + name + "' is listed twice", "merge the two entries' tools");
                    }
                    YamlNode t = item.map().get("tools");
                    if (t == null) {
                        problem(item, "identity '" + (name == null ? "?" : name) + "' has no 'tools'",
                                "list the tools that act as this identity, e.g. 'tools: [releases.create]'");
                        continue;
                    }
                    if (t.kind == YamlNode.Kind.LIST && t.list().isEmpty()) {
                        problem(t, "identity '" + (name == null ? "?" : name) + "' lists no tool",
                                "list the tools that act as this identity, e.g. 'tools: [releases.create]'");
                    }
                    for (YamlNode tool : scalarList(t, "tools")) {
                        String toolName = toolName(tool, false);
                        if (toolName == null || name == null) {
                            continue;
                        }
                        String before = identityByTool.putIfAbsent(toolName, name);
                        if (before != null && !before.equals(name)) {
                            problem(tool, "tool '" + toolName + "' already acts as identity '" + before + "'",
                                    "a tool acts as one identity; list it under one of them");
                        }
                    }
                }
            }
        }
        Map<String, String> entryPoints = new java.util.LinkedHashMap<>();
        Set<String> toolNames = new LinkedHashSet<>();
        YamlNode tools = root.map().get("tools");
        if (tools != null) {
            if (tools.kind != YamlNode.Kind.LIST) {
                problem(tools, "'tools' must be a list, not " + tools.describeKind(),
                        "each item is '- name: issues.read' with 'entry-points: [\"com.acme.tools.GitHub#readIssues\"]'");
            } else {
                for (YamlNode item : tools.list()) {
                    if (item.kind != YamlNode.Kind.MAP) {
                        problem(item, "each tool must be a mapping with 'name' and 'entry-points'",
                                "for example '- {name: issues.read, entry-points: [\"com.acme.tools.GitHub#readIssues\"]}'");
                        continue;
                    }
                    unknownKeys(item, TOOL_KEYS);
                    YamlNode n = item.map().get("name");
                    String name = n == null ? null : toolName(n, false);
                    if (n == null) {
                        problem(item, "tool without 'name'", "add 'name: issues.read': the name rules use in 'tools'");
                    } else if (name != null && !toolNames.add(name)) {
                        problem(n, "tool '" + name + "' is already defined in this list",
                                "list all its entry points under one entry");
                    }
                    YamlNode eps = item.map().get("entry-points");
                    if (eps == null) {
                        problem(item, "tool '" + (name == null ? "?" : name) + "' has no 'entry-points'",
                                "name the Java method that runs the tool, e.g. \"com.acme.tools.GitHub#readIssues\"");
                        continue;
                    }
                    for (YamlNode ep : scalarList(eps, "entry-points")) {
                        String why = entryPointProblem(ep.scalar());
                        if (why != null) {
                            problem(ep, "invalid entry point '" + ep.scalar() + "': " + why,
                                    "write the class's binary name, '#' and the method name: com.acme.tools.GitHub#readIssues");
                        } else if (name != null) {
                            String before = entryPoints.putIfAbsent(ep.scalar(), name);
                            if (before != null) {
                                problem(ep, "entry point '" + ep.scalar() + "' is already tool '" + before + "'",
                                        "a method runs one tool; remove one of the two");
                            }
                        }
                    }
                }
            }
        }
        if (identity == null && identityByTool.isEmpty() && entryPoints.isEmpty()) {
            return ToolRules.NONE;
        }
        return new ToolRules(identity, java.util.Collections.unmodifiableMap(identityByTool),
                java.util.Collections.unmodifiableMap(entryPoints));
    }

    /**
     * The {@code mcp} section: which tools of which MCP servers may be called, by which identities.
     * {@code null} when absent. Every entry must say {@code decision}: an entry whose meaning depends
     * on a default is easy to misread.
     */
    private List<McpRule> readMcp(YamlNode node) {
        if (node == null) {
            return null;
        }
        String example = "for example '- {server: \"https://mcp.acme.com/mcp\", tools: [search], decision: allow}'";
        if (node.kind != YamlNode.Kind.LIST) {
            problem(node, "'mcp' must be a list, not " + node.describeKind(), example);
            return null;
        }
        if (node.list().isEmpty()) {
            problem(node, "'mcp' is empty; an empty list would deny every MCP tool call",
                    "list the calls to allow, or remove 'mcp' to leave MCP calls unchecked");
            return null;
        }
        List<McpRule> rules = new ArrayList<>();
        Map<String, Integer> idCounts = new HashMap<>();
        for (YamlNode item : node.list()) {
            if (item.kind != YamlNode.Kind.MAP) {
                problem(item, "each 'mcp' entry must be a mapping with 'server' and 'decision'", example);
                continue;
            }
            unknownKeys(item, MCP_KEYS);
            boolean ok = true;
            YamlNode s = item.map().get("server");
            String server = null;
            java.net.URI url = null;
            if (s == null) {
                problem(item, "'mcp' entry without 'server'",
                        "name the server by its URL (\"https://mcp.acme.com/mcp\") or by the name it gives itself");
                ok = false;
            } else if (!s.isString() || s.scalar().isEmpty()) {
                problem(s, "'server' must be a URL or a server name, not " + s.describeKind(), example);
                ok = false;
            } else {
                server = s.scalar();
                if (server.contains("://")) {
                    String why = McpRule.urlProblem(server);
                    if (why != null) {
                        problem(s, "invalid MCP server URL '" + server + "': " + why,
                                "for example \"http://127.0.0.1:8931/mcp\"");
                        ok = false;
                    } else {
                        url = java.net.URI.create(server);
                    }
                } else if (!NAME.matcher(server).matches()) {
                    problem(s, "'" + server + "' is neither a URL nor a server name (letters, digits and . _ - : / @)",
                            "give the URL the client connects to, with http:// or https://");
                    ok = false;
                }
            }
            Set<String> tools = new LinkedHashSet<>();
            YamlNode ts = item.map().get("tools");
            if (ts != null) {
                for (YamlNode t : scalarList(ts, "tools")) {
                    String name = toolName(t, false);
                    if (name == null) {
                        ok = false;
                    } else {
                        tools.add(name);
                    }
                }
                if (ts.kind == YamlNode.Kind.LIST && ts.list().isEmpty()) {
                    problem(ts, "'tools' is empty; an empty list would not mean 'no tool'",
                            "list the server's tools, or remove 'tools' for every tool of the server");
                    ok = false;
                }
            }
            Set<String> identities = new LinkedHashSet<>();
            ok &= readIdentities(item.map().get("identities"), identities,
                    "list the identities, or remove 'identities' for every identity");
            YamlNode d = item.map().get("decision");
            Boolean allow = null;
            if (d == null) {
                problem(item, "'mcp' entry without 'decision'", "add 'decision: allow' or 'decision: deny'");
            } else if (d.isString() && d.scalar().equals("allow")) {
                allow = Boolean.TRUE;
            } else if (d.isString() && d.scalar().equals("deny")) {
                allow = Boolean.FALSE;
            } else {
                problem(d, "'decision' must be allow or deny, not " + d.describeKind(),
                        lowerCaseHint(d, Set.of("allow", "deny"), "allow or deny"));
            }
            if (!ok || allow == null || server == null) {
                continue;
            }
            String baseId = "mcp@" + server;
            int n = idCounts.merge(baseId, 1, Integer::sum);
            rules.add(new McpRule(n == 1 ? baseId : baseId + "#" + n, server, url,
                    java.util.Collections.unmodifiableSet(tools), java.util.Collections.unmodifiableSet(identities),
                    allow, item.line));
        }
        return List.copyOf(rules);
    }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");
    private static final java.util.regex.Pattern JAVA_NAME =
            java.util.regex.Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*");

    /** An identity's name, or {@code null} after reporting why it is not one. */
    /**
     * Reads an optional {@code identities} list into {@code out}; false when an item is not a valid name or
     * the list is empty (each problem reported), true when it is absent or valid.
     */
    private boolean readIdentities(YamlNode is, Set<String> out, String emptyHint) {
        if (is == null) {
            return true;
        }
        boolean ok = true;
        for (YamlNode i : scalarList(is, "identities")) {
            String name = identityName(i);
            if (name == null) {
                ok = false;
            } else {
                out.add(name);
            }
        }
        if (is.kind == YamlNode.Kind.LIST && is.list().isEmpty()) {
            problem(is, "'identities' is empty; an empty list would not mean 'no identity'", emptyHint);
            ok = false;
        }
        return ok;
    }

    private String identityName(YamlNode n) {
        if (!n.isString() || !NAME.matcher(n.scalar()).matches()) {
            problem(n, "an identity is a name of letters, digits and . _ - : / @, not " + n.describeKind(),
                    "for example 'triage-bot'");
            return null;
        }
        if (n.scalar().equals(DestinationRule.OUTSIDE_TOOLS)) {
            problem(n, "'" + DestinationRule.OUTSIDE_TOOLS + "' is not an identity: it stands for requests made outside"
                    + " any tool", "put it in a destination's 'tools' list; name an identity here, e.g. 'triage-bot'");
            return null;
        }
        return n.scalar();
    }

    /** A tool's name, or {@code null} after reporting why it is not one. */
    private String toolName(YamlNode n, boolean outsideAllowed) {
        if (!n.isString() || !NAME.matcher(n.scalar()).matches()) {
            problem(n, "a tool is named with letters, digits and . _ - : / @, not " + n.describeKind(),
                    "for example 'issues.read', as the framework or 'tools:' names it");
            return null;
        }
        if (!outsideAllowed && n.scalar().equals(DestinationRule.OUTSIDE_TOOLS)) {
            problem(n, "'" + DestinationRule.OUTSIDE_TOOLS + "' stands for requests made outside any tool",
                    "it can only be used in the 'tools' list of a destination; name the tool otherwise");
            return null;
        }
        String near = n.scalar().toLowerCase(java.util.Locale.ROOT);
        if (!near.equals(DestinationRule.OUTSIDE_TOOLS) && closest(near, Set.of(DestinationRule.OUTSIDE_TOOLS)) != null) {
            // a misspelt reserved word would silently name a tool that never runs
            problem(n, "'" + n.scalar() + "' looks like a misspelling of '" + DestinationRule.OUTSIDE_TOOLS + "'",
                    "write '" + DestinationRule.OUTSIDE_TOOLS + "' for requests made outside any tool, or rename the tool");
            return null;
        }
        return n.scalar();
    }

    /** Why text is not {@code binary.class.Name#method}, or {@code null}. */
    static String entryPointProblem(String text) {
        int hash = text.indexOf('#');
        if (hash <= 0 || hash != text.lastIndexOf('#') || hash == text.length() - 1) {
            return "expected one '#' between the class and the method";
        }
        for (String part : text.substring(0, hash).split("[.$]", -1)) {
            if (!JAVA_NAME.matcher(part).matches()) {
                return "'" + text.substring(0, hash) + "' is not a Java class name";
            }
        }
        if (!JAVA_NAME.matcher(text.substring(hash + 1)).matches()) {
            return "'" + text.substring(hash + 1) + "' is not a Java method name";
        }
        return null;
    }

    /** The optional {@code redaction} section: known-secret replacement per output, detectors turned off. */
    private RedactionSettings readRedaction(YamlNode node) {
        if (node == null) {
            return RedactionSettings.DEFAULT;
        }
        if (node.kind != YamlNode.Kind.MAP) {
            problem(node, "'redaction' must be a mapping", "for example 'redaction: {known-secrets: {logs: handle}}'");
            return RedactionSettings.DEFAULT;
        }
        unknownKeys(node, REDACTION_KEYS);
        java.util.Map<RedactionSettings.Output, RedactionSettings.Replacement> known =
                new java.util.EnumMap<>(RedactionSettings.Output.class);
        YamlNode ks = node.map().get("known-secrets");
        if (ks != null) {
            if (ks.kind != YamlNode.Kind.MAP) {
                problem(ks, "'known-secrets' must be a mapping of output to replacement",
                        "for example 'known-secrets: {logs: placeholder, console: handle}'");
            } else {
                unknownKeys(ks, REDACTION_OUTPUTS);
                for (java.util.Map.Entry<String, YamlNode> e : ks.map().entrySet()) {
                    if (!REDACTION_OUTPUTS.contains(e.getKey())) {
                        continue;
                    }
                    YamlNode v = e.getValue();
                    String text = v.isString() ? v.scalar() : "";
                    if (text.equals("placeholder") || text.equals("handle")) {
                        known.put(RedactionSettings.Output.valueOf(e.getKey().toUpperCase(java.util.Locale.ROOT)),
                                text.equals("handle") ? RedactionSettings.Replacement.HANDLE
                                        : RedactionSettings.Replacement.PLACEHOLDER);
                    } else {
                        problem(v, "'" + e.getKey() + "' must be placeholder or handle, not " + v.describeKind(),
                                "placeholder writes [REDACTED:name]; handle writes the secret's handle");
                    }
                }
            }
        }
        boolean detectors = true;
        YamlNode d = node.map().get("detectors");
        if (d != null) {
            String text = d.isString() ? "" : d.scalar();
            if (text.equals("true") || text.equals("false")) {
                detectors = text.equals("true");
            } else {
                problem(d, "'detectors' must be true or false, not " + d.describeKind(),
                        "false turns off recognising credentials by their format; known secrets are still redacted");
            }
        }
        java.util.Set<String> disabled = new java.util.LinkedHashSet<>();
        YamlNode list = node.map().get("disable-detectors");
        if (list != null) {
            for (YamlNode id : scalarList(list, "disable-detectors")) {
                String text = id.scalar();
                if (!DETECTOR_IDS.get().contains(text)) {
                    String guess = closest(text, DETECTOR_IDS.get());
                    problem(id, "there is no detector '" + text + "'", (guess != null ? "did you mean '" + guess
                            + "'? " : "") + "the detectors and their ids are listed in rules/DETECTORS.md");
                } else {
                    disabled.add(text);
                }
            }
        }
        return new RedactionSettings(java.util.Map.copyOf(known), detectors, java.util.Set.copyOf(disabled));
    }

    /** The ids a rule file may turn off; supplied by the detector catalog. */
    static final java.util.function.Supplier<Set<String>> DETECTOR_IDS = DetectorIds::all;

    /** The optional {@code llm} section: extra LLM API base URLs, and what a secret in a prompt does. */
    private LlmSettings readLlm(YamlNode llm) {
        if (llm == null) {
            return LlmSettings.DEFAULT;
        }
        if (llm.kind != YamlNode.Kind.MAP) {
            problem(llm, "'llm' must be a mapping", "for example 'llm: {endpoints: [\"https://llm.example/v1\"]}'");
            return LlmSettings.DEFAULT;
        }
        unknownKeys(llm, LLM_KEYS);
        List<java.net.URI> endpoints = new ArrayList<>();
        YamlNode list = llm.map().get("endpoints");
        if (list != null) {
            for (YamlNode e : scalarList(list, "endpoints")) {
                String text = e.scalar();
                java.net.URI u;
                try {
                    u = new java.net.URI(text);
                } catch (java.net.URISyntaxException bad) {
                    problem(e, "'" + text + "' is not a URL", "write a base URL such as https://llm.internal.example/v1");
                    continue;
                }
                String scheme = u.getScheme() == null ? "" : u.getScheme();
                if (!scheme.equals("https") && !scheme.equals("http")) {
                    problem(e, "an LLM endpoint starts with https:// or http://, not '" + text + "'",
                            "write the base URL the SDK is configured with, such as https://llm.internal.example/v1");
                } else if (u.getHost() == null || Hosts.canonical(u.getHost()) == null) {
                    problem(e, "no valid host in '" + text + "'", "write a base URL such as https://llm.internal.example/v1");
                } else if (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
                    problem(e, "an LLM endpoint is a base URL without user, query or fragment: '" + text + "'", null);
                } else {
                    endpoints.add(u);
                }
            }
        }
        boolean block = false;
        YamlNode onSecret = llm.map().get("on-secret");
        if (onSecret != null) {
            String v = onSecret.isString() ? onSecret.scalar() : "";
            if (v.equals("block")) {
                block = true;
            } else if (!v.equals("redact")) {
                problem(onSecret, "'on-secret' must be redact or block, not " + onSecret.describeKind(),
                        "redact (the default) cleans the prompt; block refuses the request");
            }
        }
        return new LlmSettings(List.copyOf(endpoints), block);
    }

    private SecretRule readSecret(YamlNode item, SecretRule.OnViolation defaultViolation) {
        if (item.kind != YamlNode.Kind.MAP) {
            problem(item, "each secret must be a mapping with 'name', 'allow' and 'inject', but this one is "
                    + item.describeKind(), "start each secret with '- name: NAME' and indent its keys below it");
            return null;
        }
        unknownKeys(item, SECRET_KEYS);
        boolean ok = true;
        YamlNode nameNode = item.map().get("name");
        String name = null;
        if (nameNode == null) {
            problem(item, "secret without 'name'", "add 'name: <the name used with store put>'");
            ok = false;
        } else if (!nameNode.isString()) {
            problem(nameNode, "'name' must be a string, not " + nameNode.describeKind(),
                    "the name used with 'egress-guard store put NAME'; quote it if YAML reads it as a number");
            ok = false;
        } else {
            name = nameNode.scalar();
            String why = Handles.nameProblem(name);
            if (why != null) {
                problem(nameNode, "invalid secret name '" + name + "': " + why, "for example 'github' or 'openai-prod'");
                ok = false;
            }
        }
        String description = null;
        YamlNode d = item.map().get("description");
        if (d != null) {
            if (!d.isString()) {
                problem(d, "'description' must be a string, not " + d.describeKind(), "quote it");
            } else {
                description = d.scalar();
            }
        }
        List<DestinationRule> destinations = new ArrayList<>();
        YamlNode allow = item.map().get("allow");
        if (allow == null) {
            problem(item, "secret '" + (name == null ? "?" : name) + "' has no 'allow'",
                    "list at least one destination, e.g. '- host: api.example.com'");
            ok = false;
        } else if (allow.kind != YamlNode.Kind.LIST || allow.list().isEmpty()) {
            problem(allow, "'allow' must be a non-empty list of destinations", "each item starts with '- host:'");
            ok = false;
        } else {
            Map<String, Integer> idCounts = new HashMap<>();
            for (YamlNode dest : allow.list()) {
                DestinationRule r = readDestination(name, dest, idCounts);
                if (r == null) {
                    ok = false;
                } else {
                    destinations.add(r);
                }
            }
        }
        Injection injection = null;
        YamlNode inject = item.map().get("inject");
        if (inject == null) {
            problem(item, "secret '" + (name == null ? "?" : name) + "' has no 'inject'",
                    "say how it is applied: 'replace-handle-in: [Authorization]' or 'set-header: Authorization'");
            ok = false;
        } else {
            injection = readInjection(inject);
            ok &= injection != null;
        }
        SecretRule.OnViolation onViolation = defaultViolation;
        YamlNode v = item.map().get("on-violation");
        if (v != null) {
            SecretRule.OnViolation parsed = onViolation(v);
            if (parsed == null) {
                ok = false;
            } else {
                onViolation = parsed;
            }
        }
        return ok ? new SecretRule(name, description, List.copyOf(destinations), injection, onViolation, item.line) : null;
    }

    private DestinationRule readDestination(String secretName, YamlNode dest, Map<String, Integer> idCounts) {
        if (dest.kind == YamlNode.Kind.SCALAR) {
            problem(dest, "a destination must be a mapping, not " + dest.describeKind(),
                    "write '- host: " + dest.scalar() + "'");
            return null;
        }
        if (dest.kind != YamlNode.Kind.MAP) {
            problem(dest, "a destination must be a mapping with at least 'host', not " + dest.describeKind(),
                    "for example '- host: api.example.com'");
            return null;
        }
        unknownKeys(dest, ALLOW_KEYS);
        boolean ok = true;
        String scheme = "https";
        YamlNode s = dest.map().get("scheme");
        if (s != null) {
            String v = s.isString() ? s.scalar() : "";
            if (!v.equals("https") && !v.equals("http")) {
                problem(s, "'scheme' must be https or http, not " + s.describeKind(), lowerCaseHint(s, Set.of("https", "http"),
                        "leave it out for https; say 'scheme: http' only for a host that has no TLS"));
                ok = false;
            } else {
                scheme = v;
            }
        }
        HostPattern host = null;
        YamlNode h = dest.map().get("host");
        if (h == null) {
            problem(dest, "destination without 'host'", "add 'host: api.example.com' or 'host: \"*.example.com\"'");
            ok = false;
        } else if (!h.isString()) {
            problem(h, "'host' must be one host name, not " + h.describeKind(),
                    h.kind == YamlNode.Kind.SCALAR ? "quote it" : "use one destination per host");
            ok = false;
        } else {
            String why = HostPattern.problem(h.scalar());
            if (why != null) {
                problem(h, "invalid host '" + h.scalar() + "': " + why,
                        "for example 'host: api.example.com', 'host: 10.0.0.7' or 'host: \"*.example.com\"'");
                ok = false;
            } else {
                host = HostPattern.parse(h.scalar());
            }
        }
        int port = "https".equals(scheme) ? 443 : 80;
        YamlNode p = dest.map().get("port");
        if (p != null) {
            int parsed = -1;
            if (p.isInteger()) {
                try {
                    parsed = Integer.parseInt(p.scalar());
                } catch (NumberFormatException e) {
                    parsed = -1;
                }
            }
            if (parsed < 1 || parsed > 65535) {
                problem(p, "'port' must be a number from 1 to 65535, not " + p.describeKind(),
                        p.isString() && p.scalar().matches("[0-9]+") ? "write the number without quotes"
                        : "leave it out for the scheme's default (443 for https, 80 for http)");
                ok = false;
            } else {
                port = parsed;
            }
        }
        List<PathGlob> paths = new ArrayList<>();
        YamlNode ps = dest.map().get("paths");
        if (ps == null) {
            paths.add(PathGlob.ANY);
        } else {
            for (YamlNode g : scalarList(ps, "paths")) {
                String why = PathGlob.problem(g.scalar());
                if (why != null) {
                    problem(g, "invalid path glob '" + g.scalar() + "': " + why, "for example '/repos/*/issues/**'");
                    ok = false;
                } else {
                    paths.add(PathGlob.of(g.scalar()));
                }
            }
            if (paths.isEmpty() && ok) {
                problem(ps, "'paths' is empty, so nothing would ever match", "remove 'paths' to allow every path");
                ok = false;
            }
        }
        Set<String> methods = new LinkedHashSet<>();
        YamlNode ms = dest.map().get("methods");
        if (ms != null) {
            for (YamlNode m : scalarList(ms, "methods")) {
                String method = m.scalar();
                if (!METHODS.contains(method)) {
                    String upper = method.toUpperCase(Locale.ROOT);
                    problem(m, "unknown HTTP method '" + method + "'", METHODS.contains(upper)
                            ? "write it in upper case: " + upper : "use " + String.join(", ", sorted(METHODS)));
                    ok = false;
                } else {
                    methods.add(method);
                }
            }
            if (ms.kind == YamlNode.Kind.LIST && ms.list().isEmpty()) {
                problem(ms, "'methods' is empty; an empty list would not mean 'no method'",
                        "list the methods, e.g. [GET, HEAD], or remove 'methods' to allow every method");
                ok = false;
            }
        }
        Set<String> tools = new LinkedHashSet<>();
        YamlNode ts = dest.map().get("tools");
        if (ts != null) {
            for (YamlNode t : scalarList(ts, "tools")) {
                String name = toolName(t, true);
                if (name == null) {
                    ok = false;
                } else {
                    tools.add(name);
                }
            }
            if (ts.kind == YamlNode.Kind.LIST && ts.list().isEmpty()) {
                problem(ts, "'tools' is empty; an empty list would not mean 'no tool'", "list the tools that may use"
                        + " the secret here (and '" + DestinationRule.OUTSIDE_TOOLS + "' for requests outside any"
                        + " tool), or remove 'tools' to let every request use it");
                ok = false;
            }
        }
        Set<String> identities = new LinkedHashSet<>();
        ok &= readIdentities(dest.map().get("identities"), identities,
                "list the identities, or remove 'identities' to allow every one");
        if (!ok || secretName == null) {
            return null;
        }
        String baseId = secretName + "@" + host; // the canonical pattern: github@api.github.com
        int n = idCounts.merge(baseId, 1, Integer::sum);
        String id = n == 1 ? baseId : baseId + "#" + n;
        return new DestinationRule(id, scheme, host, port, List.copyOf(paths),
                java.util.Collections.unmodifiableSet(methods), java.util.Collections.unmodifiableSet(tools),
                java.util.Collections.unmodifiableSet(identities), dest.line); // in file order, for messages
    }

    private Injection readInjection(YamlNode inject) {
        if (inject.kind != YamlNode.Kind.MAP) {
            problem(inject, "'inject' must be a mapping",
                    "'replace-handle-in: [Authorization]' or 'set-header: Authorization' with 'format: bearer'");
            return null;
        }
        unknownKeys(inject, INJECT_KEYS);
        YamlNode replace = inject.map().get("replace-handle-in");
        YamlNode set = inject.map().get("set-header");
        if (replace != null && set != null) {
            problem(inject, "'inject' has both 'replace-handle-in' and 'set-header'", "choose one");
            return null;
        }
        if (replace == null && set == null) {
            problem(inject, "'inject' needs 'replace-handle-in' or 'set-header'",
                    "'replace-handle-in: [Authorization]' or 'set-header: Authorization' with 'format: bearer'");
            return null;
        }
        if (replace != null) {
            for (String k : List.of("format", "username", "template")) {
                if (inject.map().containsKey(k)) {
                    YamlNode.Key key = inject.key(k);
                    problem(key.line, key.column, "'" + k + "' only applies to 'set-header'",
                            "with 'replace-handle-in' the application writes the header itself around the handle");
                }
            }
            List<String> headers = new ArrayList<>();
            boolean ok = true;
            for (YamlNode h : scalarList(replace, "replace-handle-in")) {
                if (!validHeaderName(h)) {
                    ok = false;
                } else {
                    headers.add(h.scalar());
                }
            }
            if (headers.isEmpty() && ok) {
                problem(replace, "'replace-handle-in' lists no header", "for example [Authorization]");
                return null;
            }
            return ok ? Injection.replaceHandleIn(List.copyOf(headers)) : null;
        }
        if (!set.isString() || !validHeaderName(set)) {
            if (!set.isString()) {
                problem(set, "'set-header' is the name of one header", "for example 'set-header: Authorization'");
            }
            return null;
        }
        YamlNode f = inject.map().get("format");
        Injection.Format format = Injection.Format.RAW;
        if (f == null) {
            problem(inject, "'set-header' needs 'format'", "bearer, basic, raw or template");
            return null;
        }
        if (!f.isString() || !FORMATS.contains(f.scalar())) {
            problem(f, "unknown format " + f.describeKind(), lowerCaseHint(f, FORMATS, "bearer, basic, raw or template"));
            return null;
        }
        format = Injection.Format.valueOf(f.scalar().toUpperCase(Locale.ROOT));
        String username = null;
        YamlNode u = inject.map().get("username");
        if (format == Injection.Format.BASIC) {
            if (u == null || !u.isString()) {
                problem(u == null ? inject : u, "format 'basic' needs 'username' (a string)",
                        "the user name sent with the secret; quote it if YAML reads it as a number");
                return null;
            }
            username = u.scalar();
            if (username.indexOf(':') >= 0) {
                problem(u, "a basic-auth user name cannot contain ':'", "HTTP basic auth separates user and password with ':'");
                return null;
            }
        } else if (u != null) {
            problem(u, "'username' only applies to format 'basic'", "remove it, or use 'format: basic'");
            return null;
        }
        String template = null;
        YamlNode t = inject.map().get("template");
        if (format == Injection.Format.TEMPLATE) {
            if (t == null || !t.isString()) {
                problem(t == null ? inject : t, "format 'template' needs 'template'", "for example 'token {secret}'");
                return null;
            }
            template = t.scalar();
            if (!template.contains("{secret}")) {
                problem(t, "the template does not contain {secret}", "write where the secret goes, e.g. 'token {secret}'");
                return null;
            }
            if (template.indexOf('\r') >= 0 || template.indexOf('\n') >= 0) {
                problem(t, "the template contains a line break, which is not allowed in a header", "write it on one line");
                return null;
            }
        } else if (t != null) {
            problem(t, "'template' only applies to format 'template'", "remove it, or use 'format: template'");
            return null;
        }
        return Injection.setHeader(set.scalar(), format, username, template);
    }

    private boolean validHeaderName(YamlNode h) {
        String name = h.scalar();
        if (name == null || name.isEmpty()) {
            problem(h, "empty header name", "for example Authorization or X-Api-Key");
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                problem(h, "'" + name + "' is not a valid header name", "a header name has no spaces or ':'");
                return false;
            }
        }
        if (FORBIDDEN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            problem(h, "header '" + name + "' is managed by the HTTP client and cannot carry a secret",
                    "use Authorization or the API's own header, such as X-Api-Key");
            return false;
        }
        return true;
    }

    private SecretRule.OnViolation onViolation(YamlNode v) {
        String s = v.isString() ? v.scalar() : "";
        if (s.equals("block")) {
            return SecretRule.OnViolation.BLOCK;
        }
        if (s.equals("strip")) {
            return SecretRule.OnViolation.STRIP;
        }
        problem(v, "'on-violation' must be block or strip, not " + v.describeKind(), lowerCaseHint(v, Set.of("block", "strip"),
                "block stops the request; strip removes the offending header and sends the rest"));
        return null;
    }

    /** A list of strings; a single string is accepted as a list of one. */
    private List<YamlNode> scalarList(YamlNode node, String what) {
        if (node.isString()) {
            return List.of(node);
        }
        if (node.kind != YamlNode.Kind.LIST) {
            problem(node, "'" + what + "' must be a list of strings", "for example [a, b]");
            return List.of();
        }
        List<YamlNode> out = new ArrayList<>();
        for (YamlNode item : node.list()) {
            if (!item.isString()) {
                problem(item, "each item of '" + what + "' must be a string, not " + item.describeKind(),
                        item.kind == YamlNode.Kind.SCALAR ? "quote it" : "for example [a, b]");
            } else {
                out.add(item);
            }
        }
        return out;
    }

    private void unknownKeys(YamlNode map, Set<String> allowed) {
        for (String k : map.map().keySet()) {
            if (!allowed.contains(k)) {
                YamlNode.Key key = map.key(k);
                String guess = closest(k, allowed);
                problem(key.line, key.column, "unknown key '" + k + "'",
                        guess != null ? "did you mean '" + guess + "'?" : "allowed here: " + String.join(", ", sorted(allowed)));
            }
        }
    }

    /** "write it in lower case" when that is the only thing wrong with the value, else the general hint. */
    private static String lowerCaseHint(YamlNode value, Set<String> allowed, String otherwise) {
        if (value.isString() && allowed.contains(value.scalar().toLowerCase(Locale.ROOT))) {
            return "write it in lower case: " + value.scalar().toLowerCase(Locale.ROOT);
        }
        return otherwise;
    }

    private static List<String> sorted(Set<String> set) {
        List<String> l = new ArrayList<>(set);
        l.sort(null);
        return l;
    }

    /** The candidate the user most likely meant, or {@code null} when none is close enough to suggest. */
    private static String closest(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        Set<String> ordered = new TreeSet<>(candidates); // ties go the same way every time
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : ordered) {
            int d = distance(w, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        if (best != null && bestDistance <= Math.max(1, w.length() / 3)) {
            return best;
        }
        for (String c : ordered) {
            // 'header' for 'set-header', 'replace-handle' for 'replace-handle-in'
            if (Math.min(w.length(), c.length()) >= 4 && (c.contains(w) || w.contains(c))) {
                return c;
            }
        }
        return null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private void problem(YamlNode at, String message, String hint) {
        problem(at.line, at.column, message, hint);
    }

    private void problem(int line, int column, String message, String hint) {
        problems.add(new RuleProblem(fileLabel, line, column, message, hint));
    }

    /** For tests and tools: every key the format knows, by section. */
    static Map<String, Set<String>> schemaKeys() {
        Map<String, Set<String>> m = new HashMap<>();
        m.put("top", TOP_KEYS);
        m.put("defaults", DEFAULTS_KEYS);
        m.put("secret", SECRET_KEYS);
        m.put("allow", ALLOW_KEYS);
        m.put("inject", INJECT_KEYS);
        m.put("llm", LLM_KEYS);
        m.put("redaction", REDACTION_KEYS);
        m.put("known-secrets", REDACTION_OUTPUTS);
        m.put("identities", IDENTITY_KEYS);
        m.put("tools", TOOL_KEYS);
        m.put("mcp", MCP_KEYS);
        return m;
    }

}

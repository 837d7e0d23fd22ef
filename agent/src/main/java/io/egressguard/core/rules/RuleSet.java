package io.egressguard.core.rules;

import java.nio.file.Path;
import java.util.List;

/** A parsed, valid rule file. Immutable; a new file means a new instance. */
public final class RuleSet {

    private final Path file;
    private final List<SecretRule> secrets;
    private final LlmSettings llm;
    private final RedactionSettings redaction;
    private final ToolRules tools;
    private final List<McpRule> mcp;

    RuleSet(Path file, List<SecretRule> secrets, LlmSettings llm, RedactionSettings redaction, ToolRules tools) {
        this(file, secrets, llm, redaction, tools, null);
    }

    RuleSet(Path file, List<SecretRule> secrets, LlmSettings llm, RedactionSettings redaction, ToolRules tools,
            List<McpRule> mcp) {
        this.mcp = mcp;
        this.file = file;
        this.tools = tools;
        this.secrets = secrets;
        this.llm = llm;
        this.redaction = redaction;
    }

    /** The {@code redaction} section: what known secrets become per output, detectors turned off. */
    public RedactionSettings redaction() {
        return redaction;
    }

    /** The {@code identity}, {@code identities} and {@code tools} sections. */
    public ToolRules tools() {
        return tools;
    }

    /**
     * The {@code mcp} section, in file order; {@code null} when the file has none (then every MCP tool
     * call is allowed, and none is audited).
     */
    public List<McpRule> mcp() {
        return mcp;
    }

    /** The {@code llm} section: extra LLM endpoints and what a secret in a prompt does. */
    public LlmSettings llm() {
        return llm;
    }

    public Path file() {
        return file;
    }

    public List<SecretRule> secrets() {
        return secrets;
    }

    public SecretRule secret(String name) {
        for (SecretRule s : secrets) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    public int destinationCount() {
        int n = 0;
        for (SecretRule s : secrets) {
            n += s.destinations().size();
        }
        return n;
    }
}

package io.egressguard.core.rules;

import java.util.Map;

/**
 * What the rule file says about agents and their tools: the JVM's identity, the identities selected
 * by the tool that runs (one JVM hosting several agents), and the Java methods that are tool entry
 * points of hand-written tool loops.
 */
public final class ToolRules {

    public static final ToolRules NONE = new ToolRules(null, Map.of(), Map.of());

    private final String identity;
    private final Map<String, String> identityByTool;
    private final Map<String, String> entryPoints;

    ToolRules(String identity, Map<String, String> identityByTool, Map<String, String> entryPoints) {
        this.identity = identity;
        this.identityByTool = identityByTool;
        this.entryPoints = entryPoints;
    }

    /** The top-level {@code identity}, or {@code null} when the file does not name one. */
    public String identity() {
        return identity;
    }

    /** Tool name to the identity it selects, from {@code identities[].tools}. */
    public Map<String, String> identityByTool() {
        return identityByTool;
    }

    /** Entry point ({@code com.acme.tools.GitHub#readIssues}) to tool name, from {@code tools[].entry-points}. */
    public Map<String, String> entryPoints() {
        return entryPoints;
    }
}

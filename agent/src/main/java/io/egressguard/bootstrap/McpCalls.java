package io.egressguard.bootstrap;

/**
 * Calls of tools on MCP servers, decided by the rule file's {@code mcp} section. Advice woven into the
 * MCP client's {@code callTool} asks {@link #authorize} before the call leaves; an allowed call runs
 * in the context it returns (the MCP tool, acting as the caller's identity), so that the requests of
 * the call are decided as that tool's.
 */
public final class McpCalls {

    /** Implemented by the core. */
    public interface Engine {
        /**
         * Decides one call and audits the decision.
         *
         * @param serverUrl  where the client's transport sends the call, or {@code null} when it is not HTTP
         * @param serverName the name the server gave itself at initialisation, or {@code null} before it
         * @return the identity the call acts as
         * @throws EgressBlockedException when the rule file does not let the caller call this tool
         */
        String authorize(String serverUrl, String serverName, String tool) throws EgressBlockedException;
    }

    private static volatile Engine engine;
    private static volatile long capabilityKey;

    private McpCalls() {}

    /** Called once by the core. */
    public static synchronized void install(long key, Engine installed) {
        if (engine != null) {
            throw new IllegalStateException("MCP call decisions are already installed");
        }
        capabilityKey = key;
        engine = installed;
    }

    /**
     * The context the call runs in, or {@code null} when nothing is to change (the guard is not active,
     * or the key is wrong).
     *
     * @throws EgressBlockedException when the call is refused, or cannot be decided because of a fault
     *                                in the guard (an authorisation point fails closed); the only
     *                                exception this throws
     */
    public static ToolContext authorize(long key, String serverUrl, String serverName, String tool)
            throws EgressBlockedException {
        Engine e = engine;
        if (e == null || key == 0 || key != capabilityKey || tool == null || tool.isEmpty()) {
            return null;
        }
        try {
            return ToolContext.of(tool, e.authorize(serverUrl, serverName, tool));
        } catch (EgressBlockedException refused) {
            throw refused;
        } catch (Throwable t) {
            Guard.internalError("deciding an MCP call of tool " + tool, t);
            throw new EgressBlockedException("Egress Guard could not decide the call of MCP tool '" + tool
                    + "' because of an internal error (reported on stderr), so it is refused", "none", "internal-error");
        }
    }
}

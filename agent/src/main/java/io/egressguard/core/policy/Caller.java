package io.egressguard.core.policy;

import io.egressguard.bootstrap.ToolContext;
import io.egressguard.core.rules.ToolRules;
import java.util.Map;

/** On whose behalf a request is made: the agent identity, and the tool running ({@code null} outside tools). */
final class Caller {

    final String identity;
    final String tool;

    private Caller(String identity, String tool) {
        this.identity = identity;
        this.tool = tool;
    }

    /** For messages: {@code tool 'issues.read' of identity 'triage-bot'}. */
    String describe() {
        return (tool == null ? "a request outside any tool" : "tool '" + tool + "'") + " of identity '" + identity + "'";
    }

    /** Who the calling thread acts for, by its {@link ToolContext} and the rule file's identities. */
    static final class Resolver {
        static final String DEFAULT_IDENTITY = "default";

        private final Caller outside;
        private final Map<String, String> identityByTool;

        /** @param identityOption the {@code identity} agent option, or {@code null} */
        Resolver(ToolRules rules, String identityOption) {
            String identity = identityOption != null ? identityOption
                    : rules.identity() != null ? rules.identity() : DEFAULT_IDENTITY;
            this.outside = new Caller(identity, null);
            this.identityByTool = rules.identityByTool();
        }

        Caller current() {
            ToolContext c = ToolContext.current();
            if (c == null) {
                return outside;
            }
            String identity = c.identity() != null ? c.identity() : identityByTool.get(c.tool());
            return new Caller(identity != null ? identity : outside.identity, c.tool());
        }

        String defaultIdentity() {
            return outside.identity;
        }
    }
}

package io.egressguard.core.policy;

import io.egressguard.core.rules.DestinationRule;
import io.egressguard.core.rules.RuleSet;
import io.egressguard.core.rules.SecretRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules arranged for lookup by host: exact hosts in a hash map, wildcard domains in a second map
 * probed once per label of the request host. Looking up a host no rule mentions allocates nothing and
 * costs the same however many rules there are.
 */
final class RuleIndex {

    private final RuleSet rules;
    private final Map<String, Grant[]> exact = new HashMap<>();
    private final Map<String, Grant[]> wildcard = new HashMap<>();
    private final Map<String, List<Grant>> bySecret = new HashMap<>();

    RuleIndex(RuleSet rules) {
        this.rules = rules;
        Map<String, List<Grant>> e = new HashMap<>();
        Map<String, List<Grant>> w = new HashMap<>();
        for (SecretRule s : rules.secrets()) {
            for (DestinationRule d : s.destinations()) {
                Grant g = new Grant(s, d);
                (d.host().isWildcard() ? w : e).computeIfAbsent(d.host().canonicalHost(), k -> new ArrayList<>()).add(g);
                bySecret.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(g);
            }
        }
        e.forEach((k, v) -> exact.put(k, v.toArray(new Grant[0])));
        w.forEach((k, v) -> wildcard.put(k, v.toArray(new Grant[0])));
    }

    RuleSet rules() {
        return rules;
    }

    /** Grants whose host pattern matches; scheme, port, method and path are checked by the caller. */
    Grant[] exactGrants(String canonicalHost) {
        return exact.get(canonicalHost);
    }

    boolean hasWildcards() {
        return !wildcard.isEmpty();
    }

    /** Grants of wildcard rules covering the host: {@code *.b.c} covers {@code a.b.c} and {@code x.a.b.c}. */
    void wildcardGrants(String canonicalHost, List<Grant> out) {
        int dot = canonicalHost.indexOf('.');
        while (dot >= 0 && dot + 1 < canonicalHost.length()) {
            Grant[] g = wildcard.get(canonicalHost.substring(dot + 1));
            if (g != null) {
                Collections.addAll(out, g);
            }
            dot = canonicalHost.indexOf('.', dot + 1);
        }
    }

    List<Grant> grantsOf(String secretName) {
        List<Grant> g = bySecret.get(secretName);
        return g == null ? Collections.emptyList() : g;
    }

    boolean knowsSecret(String name) {
        return rules.secret(name) != null;
    }
}

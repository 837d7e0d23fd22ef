package io.egressguard.core.instrumentation.toolcontext;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java methods a rule file names as tool entry points ({@code tools[].entry-points}), for agents
 * that run their own tool loop (an application calling an LLM SDK directly). Every overload of a
 * named method is an entry point. A named method the class does not declare is reported at start-up.
 */
public final class EntryPointInstrumentation implements Instrumentation {

    private final Map<String, List<String>> methodsByType = new LinkedHashMap<>();

    /** @param entryPoints {@code com.acme.tools.GitHub#readIssues} to tool name */
    public EntryPointInstrumentation(Map<String, String> entryPoints) {
        for (String ep : entryPoints.keySet()) {
            int hash = ep.indexOf('#');
            methodsByType.computeIfAbsent(ep.substring(0, hash), k -> new ArrayList<>()).add(ep.substring(hash + 1));
        }
    }

    @Override
    public String name() {
        return "tool-entry-points";
    }

    @Override
    public String startupGroup() {
        return "tools";
    }

    @Override
    public List<TypeAdvice> types() {
        List<TypeAdvice> types = new ArrayList<>();
        methodsByType.forEach((type, methods) -> {
            TypeAdvice t = TypeAdvice.of(type);
            for (String m : methods) {
                t.advise(named(m).and(not(isAbstract())), EntryPointAdvice.class, "method " + m);
            }
            types.add(t);
        });
        return types;
    }
}

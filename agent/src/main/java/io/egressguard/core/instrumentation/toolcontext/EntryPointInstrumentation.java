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
 * named method is an entry point. One instance per named class: a class the rule file gets wrong (no
 * such method, only an abstract one) is reported at start-up and loses only its own entry points.
 */
public final class EntryPointInstrumentation implements Instrumentation {

    private final Map<String, List<String>> methodsByType = new LinkedHashMap<>();
    private final String name;

    /** @param entryPoints {@code com.acme.tools.GitHub#readIssues} to tool name, all of one class */
    public EntryPointInstrumentation(Map<String, String> entryPoints) {
        for (String ep : entryPoints.keySet()) {
            int hash = ep.indexOf('#');
            methodsByType.computeIfAbsent(ep.substring(0, hash), k -> new ArrayList<>()).add(ep.substring(hash + 1));
        }
        this.name = methodsByType.size() == 1 ? "tool-entry-points of " + methodsByType.keySet().iterator().next()
                : "tool-entry-points";
    }

    /** One instrumentation per class named in {@code entryPoints}, so that one mistake costs one class. */
    public static List<EntryPointInstrumentation> perClass(Map<String, String> entryPoints) {
        Map<String, Map<String, String>> byClass = new LinkedHashMap<>();
        entryPoints.forEach((ep, tool) ->
                byClass.computeIfAbsent(ep.substring(0, ep.indexOf('#')), k -> new LinkedHashMap<>()).put(ep, tool));
        List<EntryPointInstrumentation> out = new ArrayList<>();
        byClass.values().forEach(eps -> out.add(new EntryPointInstrumentation(eps)));
        return out;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String unsupportedHint() {
        return "check tools[].entry-points in the rule file: the class must declare the method, with a body"
                + " (name the implementing class, not an interface)";
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
                t.advise(named(m).and(not(isAbstract())), EntryPointAdvice.class, "method " + m + " with a body");
            }
            types.add(t);
        });
        return types;
    }
}

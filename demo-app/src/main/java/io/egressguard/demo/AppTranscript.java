package io.egressguard.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An application's output, sorted by the step lines it prints ({@code [step N] KIND: text}) and the
 * lines of its tools ({@code [tool NAME] KIND: text}).
 */
final class AppTranscript {

    /** One step line. */
    record Line(int step, String kind, String text) {}

    /** One line of a tool. */
    record ToolLine(String tool, String kind, String text) {}

    private static final Pattern STEP = Pattern.compile("^\\[step (\\d+)] (\\w+): (.*)$");
    private static final Pattern TOOL = Pattern.compile("^\\[tool (\\w+)] (\\w+): (.*)$");

    private final List<String> all;
    private final List<Line> steps = new ArrayList<>();
    private final List<ToolLine> tools = new ArrayList<>();

    AppTranscript(List<String> stdout) {
        this.all = stdout;
        for (String s : stdout) {
            Matcher m = STEP.matcher(s);
            if (m.matches()) {
                steps.add(new Line(Integer.parseInt(m.group(1)), m.group(2), m.group(3)));
            }
            Matcher t = TOOL.matcher(s);
            if (t.matches()) {
                tools.add(new ToolLine(t.group(1), t.group(2), t.group(3)));
            }
        }
    }

    List<Line> of(int step, String kind) {
        return steps.stream().filter(l -> l.step() == step && l.kind().equals(kind)).toList();
    }

    List<Line> of(int step) {
        return steps.stream().filter(l -> l.step() == step).toList();
    }

    List<ToolLine> ofTool(String tool) {
        return tools.stream().filter(l -> l.tool().equals(tool)).toList();
    }

    /** The text after {@code prefix} of the first line that starts with it, or null. */
    String lineAfter(String prefix) {
        return all.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElse(null);
    }

    /** True if the step reported a request refused by Egress Guard. */
    boolean blockedIn(int step) {
        return of(step, "failed").stream().anyMatch(l -> l.text().contains("Egress Guard blocked"));
    }

    boolean anyLineContains(String text) {
        return all.stream().anyMatch(l -> l.contains(text));
    }
}

package io.egressguard.demo;

import java.io.PrintStream;

/** Prints the demo's narrative: sections, labelled lines, long lines wrapped under their label. */
final class Report {

    private static final int WIDTH = 118;
    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    PrintStream stream() {
        return out;
    }

    void title(String text) {
        out.println();
        out.println(text);
        out.println("=".repeat(text.length()));
    }

    void section(String text) {
        out.println();
        out.println(text);
        out.println("-".repeat(text.length()));
    }

    void line(String text) {
        out.println(text);
    }

    void blank() {
        out.println();
    }

    /** {@code indent + label} then the text, wrapped so that continuation lines start under the text. */
    void labelled(int indent, String label, String text) {
        String head = " ".repeat(indent) + String.format("%-10s", label) + (label.length() >= 10 ? " " : "");
        String pad = " ".repeat(head.length());
        int room = Math.max(40, WIDTH - head.length());
        String rest = text == null ? "" : text;
        boolean first = true;
        do {
            int cut = rest.length() <= room ? rest.length() : breakAt(rest, room);
            out.println((first ? head : pad) + rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
            first = false;
        } while (!rest.isEmpty());
    }

    /** A command line, as a user would type it, wrapped with the continuation indented. */
    void command(int indent, String text) {
        String head = " ".repeat(indent) + "$ ";
        String pad = " ".repeat(head.length() + 4);
        int room = WIDTH - pad.length();
        String rest = text;
        boolean first = true;
        do {
            int cut = rest.length() <= room ? rest.length() : breakAt(rest, room);
            out.println((first ? head : pad) + rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
            first = false;
        } while (!rest.isEmpty());
    }

    /** Where to cut a line that is too long: at a space, else after a comma, else anywhere. */
    private static int breakAt(String s, int room) {
        int space = s.lastIndexOf(' ', room);
        if (space > room / 2) {
            return space;
        }
        int comma = s.lastIndexOf(',', room - 1);
        return comma > room / 2 ? comma + 1 : room;
    }

    /** At most {@code max} characters of {@code s}, on one line. */
    static String abbreviate(String s, int max) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= max ? one : one.substring(0, max - 3) + "...";
    }
}

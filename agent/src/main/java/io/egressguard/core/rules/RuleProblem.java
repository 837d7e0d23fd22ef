package io.egressguard.core.rules;

/** One mistake in a rule file, with where it is and what to do about it. */
public final class RuleProblem {

    private final String file;
    private final int line;
    private final int column;
    private final String message;
    private final String hint;

    public RuleProblem(String file, int line, int column, String message, String hint) {
        this.file = file;
        this.line = line;
        this.column = column;
        this.message = message;
        this.hint = hint;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String message() {
        return message;
    }

    public String hint() {
        return hint;
    }

    /** {@code file:line:column: message (hint)}, the form editors and CI logs link to. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message + (hint == null ? "" : " (" + hint + ")");
    }
}

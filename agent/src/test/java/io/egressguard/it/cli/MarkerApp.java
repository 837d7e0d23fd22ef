package io.egressguard.it.cli;

/** An application that only says it ran: if the agent refuses to start, this line must never appear. */
public final class MarkerApp {

    static final String RAN = "MARKER-APP-MAIN-RAN";

    private MarkerApp() {}

    public static void main(String[] args) {
        System.out.println(RAN);
    }
}

package io.egressguard.it.apps;

/** The smallest application: what the agent adds to its output must be exactly one line. */
public final class HelloApp {

    private HelloApp() {}

    public static void main(String[] args) {
        System.out.println("hello");
    }
}

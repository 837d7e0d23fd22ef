package io.egressguard.it.apps.sinks;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;

/** Writes to System.out and System.err: clean lines, secrets split across writes, a replaced System.out. */
public final class ConsoleApp {

    private ConsoleApp() {}

    public static void main(String[] args) {
        boolean secrets = SinkCases.secretsMode(args);
        System.out.println(SinkCases.CLEAN_MESSAGE);
        System.err.println("clean error line");
        System.out.print("prompt> ");
        System.out.flush();
        System.out.println("answered");
        if (secrets) {
            // one secret, two writes: neither half is a secret on its own
            System.out.print("split " + SinkCases.SECRET.substring(0, 11));
            System.out.print(SinkCases.SECRET.substring(11));
            System.out.println(" end");
            System.out.println("long " + SinkCases.LONG);
            System.err.println("err " + SinkCases.NESTED);
            System.out.printf("formatted %s%n", SinkCases.SECRET);
            SinkCases.nestedFailure().printStackTrace(); // to System.err, as uncaught exceptions are
        }
        // an application that installs its own stream keeps the guarantee
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true));
        System.out.println("after setOut " + (secrets ? SinkCases.SECRET : SinkCases.CLEAN_ARGUMENT));
        System.setOut(System.out); // setting the same stream again wraps nothing twice
        System.out.println("stream " + System.out.getClass().getSimpleName());
        // the last text, without a line end or a flush: still written at exit
        System.out.print("bye " + SinkCases.SECRET.substring(0, 8));
    }
}

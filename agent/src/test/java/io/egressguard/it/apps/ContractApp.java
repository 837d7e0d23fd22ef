package io.egressguard.it.apps;

import java.util.Arrays;

/**
 * One child JVM for the whole contract of one client: first the requests of a {@link HttpScenarios}
 * file, one after the other, then a {@link ConcurrentApp} burst through the same client.
 * Arguments: the scenario file, then the burst's arguments.
 */
public final class ContractApp {

    private ContractApp() {}

    public static void main(String[] args) throws Exception {
        HttpScenarios.runFile(args[0]);
        System.out.println(ConcurrentApp.burst(Arrays.copyOfRange(args, 1, args.length)));
        System.out.flush();
        System.exit(0);
    }
}

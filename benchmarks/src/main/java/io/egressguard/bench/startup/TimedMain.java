package io.egressguard.bench.startup;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;

/**
 * Runs another program's main, after printing when main was reached; when the JVM ends (normally or
 * by SIGTERM from the harness), prints the heap and metaspace in use after a full collection.
 * Usage: {@code TimedMain MAIN-CLASS [ARGS...]}. Prints lines the harness parses:
 * {@code startup.main-at=EPOCH-MICROS} and {@code startup.memory=HEAP-BYTES METASPACE-BYTES}.
 */
public final class TimedMain {

    private TimedMain() {}

    public static void main(String[] args) throws Throwable {
        System.out.println("startup.main-at=" + epochMicros());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(TimedMain::printMemory));
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }

    static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static void printMemory() {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long metaspace = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                metaspace = pool.getUsage().getUsed();
            }
        }
        System.out.println("startup.memory=" + heap + " " + metaspace);
        System.out.flush();
    }
}

package io.egressguard.it.apps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many threads sending at once through one client, each request with one of two handles, so that a
 * test can check that every request received exactly its own token. Prints {@code DONE ok failed}.
 */
public final class ConcurrentApp {

    private ConcurrentApp() {}

    public static void main(String[] args) throws Exception {
        System.out.println(burst(args));
        System.exit(0);
    }

    /** Runs the burst {@code args} describe (see {@link #main}); returns {@code DONE ok failed}. */
    static String burst(String... args) throws InterruptedException {
        String client = args[0];
        String baseA = args[1];
        String handleA = args[2];
        String baseB = args[3];
        String handleB = args[4];
        int threads = Integer.parseInt(args[5]);
        int perThread = Integer.parseInt(args[6]);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final int thread = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        boolean a = (thread + i) % 2 == 0;
                        String url = (a ? baseA : baseB) + "/t" + thread + "-" + i;
                        String handle = a ? handleA : handleB;
                        try {
                            String[] r = HttpScenarios.send(client, "GET", url,
                                    List.<String[]>of(new String[] {"Authorization", "Bearer " + handle}), null);
                            if ("200".equals(r[0])) {
                                ok.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            System.out.println("ERROR " + e);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            th.start();
            all.add(th);
        }
        start.countDown();
        for (Thread th : all) {
            th.join();
        }
        return "DONE " + ok.get() + " " + failed.get();
    }

    static Map<String, String> none() {
        return Map.of();
    }
}

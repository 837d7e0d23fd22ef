package io.egressguard.it.apps;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * Sends many requests the guard refuses (a handle in the query) through HttpURLConnection and prints how
 * many file descriptors the JVM holds before and after: {@code FDS before after refused}. A refused request
 * must not keep its connection open.
 */
public final class RefusedRequestsApp {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[1]);
        int before = openFiles();
        int refused = 0;
        for (int i = 0; i < n; i++) {
            HttpURLConnection c = (HttpURLConnection) new URL(url + i).openConnection();
            try {
                c.getResponseCode();
            } catch (IOException e) {
                refused++;
            }
        }
        System.out.println("FDS " + before + " " + openFiles() + " " + refused);
    }

    private static int openFiles() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }
}

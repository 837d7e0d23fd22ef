package io.egressguard.it.apps;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Sends a note with a value in its body every 200 ms until the guard blocks it: the value only becomes a
 * known secret when the test adds it to the store while this runs. Prints {@code sent} for each request
 * that went out and {@code blocked: <message>} once, then exits. The value comes from the environment so
 * that it is in no command line and no output.
 */
public final class ReloadApp {

    public static void main(String[] args) throws Exception {
        String value = System.getenv("EG_LATE_VALUE");
        URL url = new URL(args[0]);
        long end = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < end) {
            try {
                HttpURLConnection c = (HttpURLConnection) url.openConnection();
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(("note: " + value).getBytes(StandardCharsets.UTF_8));
                }
                c.getResponseCode();
                c.disconnect();
                System.out.println("sent");
            } catch (IOException e) {
                System.out.println("blocked: " + e.getMessage());
                return;
            }
            Thread.sleep(200);
        }
        System.out.println("never blocked");
    }
}

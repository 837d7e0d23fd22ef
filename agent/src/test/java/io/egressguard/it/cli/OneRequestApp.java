package io.egressguard.it.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * An application that sends {@code GET URL} with {@code Authorization: Bearer TOKEN} for each
 * {@code URL} argument after the first (the token, in practice a handle), and prints the status or the
 * exception's type. It prints neither the token nor the exception message.
 */
public final class OneRequestApp {

    private OneRequestApp() {}

    public static void main(String[] args) {
        String token = args[0];
        for (int i = 1; i < args.length; i++) {
            try {
                HttpURLConnection c = (HttpURLConnection) new URL(args[i]).openConnection();
                c.setRequestProperty("Authorization", "Bearer " + token);
                int status = c.getResponseCode();
                try (InputStream in = c.getInputStream()) {
                    in.readAllBytes();
                }
                System.out.println("status " + status);
            } catch (IOException e) {
                System.out.println("failed " + e.getClass().getName());
            }
        }
    }
}

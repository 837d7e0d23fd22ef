package io.egressguard.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Runs without the agent, prints its pid, waits until the test has attached the agent (signalled by a
 * file appearing), then sends one request with a handle.
 */
public final class AttachTargetApp {

    private AttachTargetApp() {}

    public static void main(String[] args) throws Exception {
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        while (!Files.exists(Paths.get(args[0]))) {
            Thread.sleep(50);
        }
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(args[1]))
                .header("Authorization", "Bearer " + args[2]).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("STATUS " + r.statusCode());
        try {
            client.send(HttpRequest.newBuilder(URI.create(args[3])).header("Authorization", "Bearer " + args[2]).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println("OTHER sent");
        } catch (java.io.IOException e) {
            System.out.println("OTHER blocked " + (e.getMessage() != null && e.getMessage().startsWith("Egress Guard blocked")));
        }
    }
}

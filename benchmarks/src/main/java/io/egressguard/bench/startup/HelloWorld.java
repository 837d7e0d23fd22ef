package io.egressguard.bench.startup;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The smallest program that says hello and makes one HTTP request (JDK HttpClient) to its argument. */
public final class HelloWorld {

    private HelloWorld() {}

    public static void main(String[] args) throws Exception {
        System.out.println("Hello, world");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        client.send(HttpRequest.newBuilder(URI.create(args[0])).build(), HttpResponse.BodyHandlers.discarding());
    }
}

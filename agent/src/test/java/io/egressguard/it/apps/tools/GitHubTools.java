package io.egressguard.it.apps.tools;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The tools of a hand-written agent: plain methods that call a GitHub-like API with the token's
 * handle. The rule file of the test names {@link #readIssues} and {@link #closeIssue} as tool entry
 * points; nothing here knows about the guard.
 */
public final class GitHubTools {

    private final String api;
    private final String handle;
    private final ExecutorService pool;
    private final HttpClient http = HttpClient.newHttpClient();

    public GitHubTools(String api, String handle, ExecutorService pool) {
        this.api = api;
        this.handle = handle;
        this.pool = pool;
    }

    /** Tool {@code issues.read}, how it does its work chosen by the agent loop. */
    public String readIssues(String how) throws Exception {
        return fetch(how, "/repos/acme/app/issues");
    }

    /** Tool {@code issues.write}: asks for the same token, for the same API. */
    public String closeIssue(String how) throws Exception {
        return fetch(how, "/repos/acme/app/issues/7");
    }

    /** Not a tool: the agent's own code. */
    public String outsideAnyTool(String how) throws Exception {
        return fetch(how, "/repos/acme/app/issues");
    }

    private String fetch(String how, String path) throws Exception {
        switch (how) {
            case "same-thread":
                return get(path);
            case "executor":
                return pool.submit(() -> get(path)).get();
            case "executor-runnable": {
                String[] out = new String[1];
                pool.execute(() -> out[0] = safeGet(path));
                pool.submit(() -> { }).get(); // the pool has one thread: when this ran, so did the task
                return out[0];
            }
            case "completable-future":
                return CompletableFuture.supplyAsync(() -> "/repos/acme")
                        .thenApplyAsync(prefix -> path)
                        .thenApplyAsync(this::safeGet)
                        .get();
            case "completable-future-on-pool":
                return CompletableFuture.supplyAsync(() -> path, pool).thenApplyAsync(this::safeGet, pool).get();
            case "reactor":
                return reactor.core.publisher.Mono.fromCallable(() -> path)
                        .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                        .publishOn(reactor.core.scheduler.Schedulers.parallel())
                        .map(this::safeGet)
                        .block();
            case "jdk-httpclient-async":
                return http.sendAsync(HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + handle)
                        .build(), HttpResponse.BodyHandlers.ofString()).thenApply(r -> "status " + r.statusCode()).get();
            default:
                throw new IllegalArgumentException(how);
        }
    }

    private String safeGet(String path) {
        try {
            return get(path);
        } catch (IOException e) {
            return "blocked: " + e.getMessage();
        }
    }

    private String get(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(api + path).openConnection();
        c.setRequestProperty("Authorization", "Bearer " + handle);
        try {
            return "status " + c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }
}

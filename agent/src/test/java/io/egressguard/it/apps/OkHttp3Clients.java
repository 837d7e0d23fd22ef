package io.egressguard.it.apps;

import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The {@code okhttp3} client of {@link HttpScenarios}: only APIs that OkHttp 3.12 already has. */
final class OkHttp3Clients {

    private static OkHttpClient client;

    private OkHttp3Clients() {}

    @SuppressWarnings("deprecation") // create(MediaType, byte[]) is the only form 3.x knows
    static String[] send(String method, String url, List<String[]> headers, String body) throws Exception {
        synchronized (OkHttp3Clients.class) {
            if (client == null) {
                client = new OkHttpClient.Builder().connectTimeout(10, TimeUnit.SECONDS).readTimeout(20, TimeUnit.SECONDS).build();
            }
        }
        Request.Builder b = new Request.Builder().url(url);
        for (String[] h : headers) {
            b.addHeader(h[0], h[1]);
        }
        RequestBody rb = body == null ? null
                : RequestBody.create(MediaType.parse("application/json; charset=utf-8"), body.getBytes("UTF-8"));
        b.method(method, rb);
        try (Response r = client.newCall(b.build()).execute()) {
            return new String[] {String.valueOf(r.code()), r.body() == null ? "" : r.body().string(), r.protocol().toString()};
        }
    }
}

package io.egressguard.it.apps;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Sends one POST whose body object misbehaves only when Egress Guard's own code asks it something (its
 * length): a stand-in for any failure inside the guard. The library itself gets straight answers, so
 * without the guard the request simply works. Prints {@code RESULT status} or {@code ERROR exceptionChain}.
 * Arguments: client ({@code okhttp} or {@code apache4}), URL, header value for Authorization.
 */
public final class GuardFaultApp {

    private GuardFaultApp() {}

    static final byte[] BODY = "{\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) {
        String result;
        try {
            result = "RESULT " + ("okhttp".equals(args[0]) ? OkHttpFault.send(args[1], args[2]) : Apache4Fault.send(args[1], args[2]));
        } catch (Throwable t) {
            StringBuilder chain = new StringBuilder("ERROR ");
            for (Throwable c = t; c != null; c = c.getCause()) {
                chain.append(c.getClass().getName()).append(' ');
            }
            result = chain.toString();
        }
        System.out.println(result);
        System.exit(0);
    }

    /** True when the method that called the getter is Egress Guard's code (its advice and helpers). */
    static boolean askedByGuard() {
        StackTraceElement[] s = new Throwable().getStackTrace(); // [0] this, [1] the getter, [2] its caller
        String caller = s.length > 2 ? s[2].getClassName() : "";
        return caller.startsWith("io.egressguard.") && !caller.startsWith("io.egressguard.it.");
    }

    /** Thrown only into guard code; the application never expects it. */
    static final class AskedByGuard extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        AskedByGuard() {
            super("the guard asked");
        }
    }

    /** Nested, so that the application links only against the library it uses. */
    static final class OkHttpFault {
    static int send(String url, String auth) throws IOException {
        okhttp3.RequestBody body = new okhttp3.RequestBody() {
            @Override
            public okhttp3.MediaType contentType() {
                return okhttp3.MediaType.get("application/json");
            }

            @Override
            public long contentLength() {
                if (askedByGuard()) {
                    throw new AskedByGuard();
                }
                return BODY.length;
            }

            @Override
            public void writeTo(okio.BufferedSink sink) throws IOException {
                sink.write(BODY);
            }
        };
        okhttp3.Request request = new okhttp3.Request.Builder().url(url).header("Authorization", auth).post(body).build();
        try (okhttp3.Response r = new okhttp3.OkHttpClient().newCall(request).execute()) {
            return r.code();
        }
    }
    }

    static final class Apache4Fault {
    static int send(String url, String auth) throws IOException {
        org.apache.http.entity.AbstractHttpEntity entity = new org.apache.http.entity.AbstractHttpEntity() {
            @Override
            public boolean isRepeatable() {
                return true;
            }

            @Override
            public long getContentLength() {
                if (askedByGuard()) {
                    throw new AskedByGuard();
                }
                return BODY.length;
            }

            @Override
            public InputStream getContent() {
                return new java.io.ByteArrayInputStream(BODY);
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(BODY);
            }

            @Override
            public boolean isStreaming() {
                return false;
            }
        };
        org.apache.http.client.methods.HttpPost post = new org.apache.http.client.methods.HttpPost(url);
        post.setHeader("Authorization", auth);
        post.setEntity(entity);
        try (org.apache.http.impl.client.CloseableHttpClient client = org.apache.http.impl.client.HttpClients.createDefault();
                org.apache.http.client.methods.CloseableHttpResponse r = client.execute(post)) {
            return r.getStatusLine().getStatusCode();
        }
    }
    }
}

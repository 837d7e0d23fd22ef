package io.egressguard.bootstrap;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;

/**
 * Entry points for advice woven into the JDK's own HTTP clients. Their types (such as
 * {@code java.net.http.HttpHeaders}) are not visible from the boot class path, so they travel as
 * {@code Object}; the core, which sees them, does the work. Every entry point swallows the guard's
 * own failures and throws only {@link EgressBlockedException}.
 */
public final class JdkBridge {

    /** Implemented by the core for {@code HttpURLConnection}. */
    public interface UrlConnectionHandler {
        /**
         * Before a request is written. Returns {@code null} when nothing changes, else
         * {@code {restore, poster}}: what {@link #afterWrite} needs to restore the headers, and the
         * buffered body to write instead (or {@code null} to keep it).
         */
        Object[] beforeWrite(long key, URL url, Object messageHeader, Object poster) throws IOException;

        void afterWrite(Object messageHeader, Object restore);

        /** The request on this connection ({@code sun.net.www.http.HttpClient}) was refused: close it. */
        void refused(Object httpClient);

        /** @param declaredLength the fixed length announced, or -1 for a chunked body */
        OutputStream streamingBody(URL url, String method, long declaredLength, OutputStream body);
    }

    /** Implemented by the core for {@code java.net.http.HttpClient}. */
    public interface HttpClientHandler {
        /** HTTP/1.1: returns {@code {userHeaders, publisher}} to send instead. */
        Object[] http1(long key, Object request, Object userHeaders, Object publisher) throws IOException;

        /** HTTP/2: returns the headers frame to send instead. */
        Object http2Headers(long key, Object request, Object outgoingHeaders, Object publisher) throws IOException;

        /** HTTP/2: returns the body publisher to use instead. */
        Object http2Body(Object request, Object publisher);
    }

    private static volatile UrlConnectionHandler urlConnection;
    private static volatile HttpClientHandler httpClient;

    private JdkBridge() {}

    public static synchronized void install(UrlConnectionHandler u, HttpClientHandler h) {
        if (urlConnection != null || httpClient != null) {
            throw new IllegalStateException("already installed");
        }
        urlConnection = u;
        httpClient = h;
    }

    // ---- HttpURLConnection ------------------------------------------------------------------------

    /** @param key the capability key woven into the calling advice (see {@link OutboundRequest#capability}) */
    public static Object[] urlConnectionBeforeWrite(long key, URL url, Object messageHeader, Object poster)
            throws IOException {
        return urlConnectionBeforeWrite(key, null, url, messageHeader, poster);
    }

    /** As above; {@code httpClient}, the connection ({@code sun.net.www.http.HttpClient}), is closed if refused. */
    public static Object[] urlConnectionBeforeWrite(long key, Object httpClient, URL url, Object messageHeader,
            Object poster) throws IOException {
        UrlConnectionHandler h = urlConnection;
        if (h == null) {
            return null;
        }
        try {
            return h.beforeWrite(key, url, messageHeader, poster);
        } catch (EgressBlockedException e) {
            if (httpClient != null) {
                h.refused(httpClient);
            }
            throw e;
        } catch (Throwable t) {
            Guard.internalError("deciding an HttpURLConnection request", t);
            return null;
        }
    }

    public static void urlConnectionAfterWrite(Object messageHeader, Object restore) {
        UrlConnectionHandler h = urlConnection;
        if (h == null || restore == null) {
            return;
        }
        try {
            h.afterWrite(messageHeader, restore);
        } catch (Throwable t) {
            Guard.internalError("restoring HttpURLConnection headers", t);
        }
    }

    public static OutputStream urlConnectionStreamingBody(URL url, String method, long declaredLength,
            OutputStream body) {
        UrlConnectionHandler h = urlConnection;
        if (h == null || body == null) {
            return body;
        }
        try {
            return h.streamingBody(url, method, declaredLength, body);
        } catch (Throwable t) {
            Guard.internalError("guarding an HttpURLConnection body", t);
            return body;
        }
    }

    // ---- java.net.http.HttpClient -----------------------------------------------------------------

    public static Object[] httpClientHttp1(long key, Object request, Object userHeaders, Object publisher)
            throws IOException {
        HttpClientHandler h = httpClient;
        if (h == null) {
            return null;
        }
        try {
            return h.http1(key, request, userHeaders, publisher);
        } catch (EgressBlockedException e) {
            throw e;
        } catch (Throwable t) {
            Guard.internalError("deciding an HttpClient request", t);
            return null;
        }
    }

    public static Object httpClientHttp2Headers(long key, Object request, Object outgoingHeaders, Object publisher)
            throws IOException {
        HttpClientHandler h = httpClient;
        if (h == null) {
            return outgoingHeaders;
        }
        try {
            return h.http2Headers(key, request, outgoingHeaders, publisher);
        } catch (EgressBlockedException e) {
            throw e;
        } catch (Throwable t) {
            Guard.internalError("deciding an HttpClient HTTP/2 request", t);
            return outgoingHeaders;
        }
    }

    public static Object httpClientHttp2Body(Object request, Object publisher) {
        HttpClientHandler h = httpClient;
        if (h == null || publisher == null) {
            return publisher;
        }
        try {
            return h.http2Body(request, publisher);
        } catch (Throwable t) {
            Guard.internalError("guarding an HttpClient HTTP/2 body", t);
            return publisher;
        }
    }
}

package io.egressguard.core.instrumentation.urlconnection;

import io.egressguard.bootstrap.Guard;
import io.egressguard.bootstrap.JdkBridge;
import io.egressguard.bootstrap.OutboundRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The core side of the {@code HttpURLConnection} advice: turns the JDK's internal
 * {@code sun.net.www.MessageHeader} into an {@link OutboundRequest}, applies the decision, and puts the
 * original headers back after the hop is written.
 */
public final class UrlConnectionAdapter implements JdkBridge.UrlConnectionHandler {

    static final String CLIENT = "httpurlconnection";

    private final MethodHandle getKey;
    private final MethodHandle getValue;
    private final MethodHandle reset;
    private final MethodHandle add;
    private final MethodHandle posterConstructor;
    private final MethodHandle closeServer;
    private final Map<OutputStream, OutputStream> guardedStreams = Collections.synchronizedMap(new WeakHashMap<>());

    public UrlConnectionAdapter() throws ReflectiveOperationException {
        Class<?> mh = Class.forName("sun.net.www.MessageHeader");
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        getKey = lookup.findVirtual(mh, "getKey", MethodType.methodType(String.class, int.class)).asType(
                MethodType.methodType(String.class, Object.class, int.class));
        getValue = lookup.findVirtual(mh, "getValue", MethodType.methodType(String.class, int.class)).asType(
                MethodType.methodType(String.class, Object.class, int.class));
        reset = lookup.findVirtual(mh, "reset", MethodType.methodType(void.class)).asType(
                MethodType.methodType(void.class, Object.class));
        add = lookup.findVirtual(mh, "add", MethodType.methodType(void.class, String.class, String.class)).asType(
                MethodType.methodType(void.class, Object.class, String.class, String.class));
        posterConstructor = lookup.findConstructor(Class.forName("sun.net.www.http.PosterOutputStream"),
                MethodType.methodType(void.class)).asType(MethodType.methodType(Object.class));
        closeServer = lookup.findVirtual(Class.forName("sun.net.www.http.HttpClient"), "closeServer",
                MethodType.methodType(void.class)).asType(MethodType.methodType(void.class, Object.class));
    }

    @Override
    public void refused(Object httpClient) {
        try {
            // the JDK keeps a connection whose request failed before a byte was written: without this, every
            // refused request would hold a socket open until the garbage collector finds it
            closeServer.invoke(httpClient);
        } catch (Throwable t) {
            io.egressguard.bootstrap.Guard.internalError("closing a refused HttpURLConnection", t);
        }
    }

    @Override
    public Object[] beforeWrite(long key, URL url, Object headers, Object poster) throws IOException {
        String requestLine = key(headers, 0);
        if (requestLine == null || getValueUnchecked(headers, 0) != null || requestLine.startsWith("CONNECT ")) {
            return null; // not a request we understand, or a tunnel request to a proxy
        }
        OutboundRequest r = Guard.begin(CLIENT).capability(key);
        try {
            int sp1 = requestLine.indexOf(' ');
            int sp2 = requestLine.lastIndexOf(' ');
            String method = sp1 > 0 ? requestLine.substring(0, sp1) : "GET";
            String target = sp1 > 0 && sp2 > sp1 ? requestLine.substring(sp1 + 1, sp2) : url.getFile();
            String path;
            String query;
            if (target.startsWith("/")) {
                int q = target.indexOf('?');
                path = q >= 0 ? target.substring(0, q) : target;
                query = q >= 0 ? target.substring(q + 1) : null;
            } else {
                URI absolute = URI.create(target); // absolute form, sent to a proxy
                path = absolute.getRawPath();
                query = absolute.getRawQuery();
            }
            r.method(method).target(url.getProtocol(), url.getHost(), url.getPort(), path, query);
            List<String[]> original = new ArrayList<>();
            original.add(new String[] {requestLine, null});
            for (int i = 1; ; i++) {
                String k = key(headers, i);
                if (k == null) {
                    break;
                }
                String v = getValueUnchecked(headers, i);
                original.add(new String[] {k, v});
                r.header(k, v == null ? "" : v);
            }
            if (poster instanceof ByteArrayOutputStream) {
                BodyCapture capture = new BodyCapture();
                ((ByteArrayOutputStream) poster).writeTo(capture);
                if (capture.bytes != null) {
                    r.body(capture.bytes, capture.offset, capture.length);
                }
            }
            if (Guard.decide(r) != Guard.MODIFIED) {
                return null;
            }
            Object newPoster = null;
            byte[] cleaned = r.replacedBody();
            if (cleaned != null) {
                newPoster = poster(cleaned);
                setContentLength(r, cleaned.length);
            }
            if (r.headersChanged()) {
                replaceAll(headers, requestLine, r);
            }
            return new Object[] {r.headersChanged() ? original : null, newPoster};
        } finally {
            Guard.end(r);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterWrite(Object headers, Object restore) {
        if (restore == null) {
            return;
        }
        List<String[]> original = (List<String[]>) restore;
        invoke(reset, headers);
        for (String[] kv : original) {
            invokeAdd(headers, kv[0], kv[1]);
        }
    }

    @Override
    public OutputStream streamingBody(URL url, String method, long declaredLength, OutputStream body) {
        OutputStream existing = guardedStreams.get(body);
        if (existing != null) {
            return existing;
        }
        OutboundRequest r = Guard.begin(CLIENT);
        try {
            r.method(method).target(url.getProtocol(), url.getHost(), url.getPort(), url.getPath(), url.getQuery());
            r.declaredBodyLength(declaredLength);
            OutputStream guarded = Guard.bodyCheck(r).wrap(body);
            guardedStreams.put(body, guarded);
            return guarded;
        } finally {
            Guard.end(r);
        }
    }

    /** A new buffered body for the JDK's client, already closed as the original was. */
    private Object poster(byte[] body) throws IOException {
        try {
            Object p = posterConstructor.invoke();
            ((OutputStream) p).write(body);
            ((OutputStream) p).close();
            return p;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void setContentLength(OutboundRequest r, int length) {
        for (int i = 0; i < r.headerCount(); i++) {
            if ("Content-Length".equalsIgnoreCase(r.headerName(i)) && r.headerValue(i) != null) {
                r.replaceHeaderValue(i, Integer.toString(length));
            }
        }
    }

    private void replaceAll(Object headers, String requestLine, OutboundRequest r) {
        invoke(reset, headers);
        invokeAdd(headers, requestLine, null);
        for (int i = 0; i < r.headerCount(); i++) {
            String v = r.headerValue(i);
            if (v != null) {
                invokeAdd(headers, r.headerName(i), v);
            }
        }
    }

    private String key(Object headers, int i) {
        try {
            return (String) getKey.invokeExact(headers, i);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private String getValueUnchecked(Object headers, int i) {
        try {
            return (String) getValue.invokeExact(headers, i);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void invoke(MethodHandle h, Object headers) {
        try {
            h.invokeExact(headers);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private void invokeAdd(Object headers, String k, String v) {
        try {
            add.invokeExact(headers, k, v);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Receives the buffered body from {@code ByteArrayOutputStream.writeTo} without copying it. */
    private static final class BodyCapture extends OutputStream {
        byte[] bytes;
        int offset;
        int length;

        @Override
        public void write(int b) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes = b;
            offset = off;
            length = len;
        }
    }
}

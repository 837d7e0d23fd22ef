package io.egressguard.core.instrumentation.vertx;

import io.egressguard.bootstrap.EgressBlockedException;
import io.egressguard.bootstrap.Guard;
import io.egressguard.bootstrap.OutboundRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Helper defined next to Vert.x, called by the advice woven into {@code HttpClientRequestImpl} (one
 * instance of which is one hop) and {@code HttpRequestHead}.
 *
 * <p>The hop is decided on its first write, which carries the head and, when the request is sent with
 * {@code send(body)}/{@code end(body)}, the whole body: the URL it goes to, the headers as the
 * application and Vert.x set them. Injected credentials go only into the copy of the headers that the
 * head is built with, on the same thread, right after; the application's headers are never changed.
 *
 * <p>Only API that Vert.x 4.5 and 5.0 share, with the same signatures, is linked; the rest is reflection.
 */
public final class VertxGuard {

    static final String CLIENT = "vertx-httpclient";

    /** The headers the head being built on this thread must carry instead of the request's own. */
    private static final ThreadLocal<MultiMap> HEAD_HEADERS = new ThreadLocal<>();
    /** Requests whose head has been decided: their later writes are body chunks. */
    private static final Map<Object, Boolean> DECIDED = Collections.synchronizedMap(new WeakHashMap<>());

    private VertxGuard() {}

    /**
     * Before a write of {@code request}: for its first (the head), the decision. Returns {@code null}
     * when nothing changes, else {the buffer to write, the refusal or {@code null}}. Never throws.
     */
    public static Object[] beforeWrite(long key, Object request, Object buffer, boolean end) {
        if (!(request instanceof HttpClientRequest) || !Guard.active() || DECIDED.put(request, Boolean.TRUE) != null) {
            return null;
        }
        HttpClientRequest req = (HttpClientRequest) request;
        OutboundRequest r = Guard.begin(CLIENT).capability(key);
        try {
            String absolute = req.absoluteURI();
            String requestUri = req.getURI();
            if (isAbsoluteHttp(requestUri) && absolute.endsWith(requestUri) && absolute.length() > requestUri.length()) {
                // through an HTTP proxy a plain-http request's URI is in absolute form, and absoluteURI() puts the
                // authority in front of it all the same: the request's authority decides (never a host the URI
                // names), the path is the URI's
                int pathStart = requestUri.indexOf('/', requestUri.indexOf("//") + 2);
                absolute = absolute.substring(0, absolute.length() - requestUri.length())
                        + (pathStart < 0 ? "/" : requestUri.substring(pathStart));
            }
            URI uri = URI.create(absolute);
            String host = uri.getHost();
            int port = uri.getPort();
            if (host == null && uri.getRawAuthority() != null) {
                // java.net.URI finds no host in a Unicode name (münchen.test), which Vert.x connects to all the
                // same: the hop is decided on the authority's host, which the policy compares in punycode
                String authority = uri.getRawAuthority();
                host = authority.substring(authority.lastIndexOf('@') + 1);
                int colon = host.lastIndexOf(':');
                if (colon >= 0) {
                    port = parsePort(host.substring(colon + 1));
                    host = host.substring(0, colon);
                }
            }
            if (host == null || host.isEmpty()) {
                return null;
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            r.method(req.getMethod().name()).target(uri.getScheme(), host, port, uri.getRawPath(), uri.getRawQuery());
            MultiMap headers = req.headers();
            for (Map.Entry<String, String> h : headers) {
                r.header(h.getKey(), h.getValue());
            }
            byte[] body = null;
            if (end && buffer instanceof ByteBuf) {
                ByteBuf b = (ByteBuf) buffer;
                body = new byte[b.readableBytes()];
                b.getBytes(b.readerIndex(), body);
            }
            boolean wholeBodyDecided = body != null && body.length <= Guard.maxBufferedBody();
            if (wholeBodyDecided) {
                r.body(body, 0, body.length);
            }
            int verdict = Guard.decide(r);
            if (body != null && !wholeBodyDecided) {
                r.declaredBodyLength(body.length);
                try (java.io.OutputStream check = Guard.bodyCheck(r).wrap(java.io.OutputStream.nullOutputStream())) {
                    check.write(body);
                }
            }
            if (verdict != Guard.MODIFIED) {
                return null;
            }
            byte[] cleaned = r.replacedBody();
            MultiMap copy = io.vertx.core.http.HttpHeaders.headers();
            for (int i = 0; i < r.headerCount(); i++) {
                String value = r.headerValue(i);
                if (value != null && !(cleaned != null && r.headerName(i).equalsIgnoreCase("Content-Length"))) {
                    copy.add(r.headerName(i), value);
                }
            }
            if (cleaned != null) {
                copy.add("Content-Length", String.valueOf(cleaned.length));
                buffer = Unpooled.wrappedBuffer(cleaned);
            }
            HEAD_HEADERS.set(copy);
            return new Object[] {buffer, null};
        } catch (EgressBlockedException blocked) {
            return new Object[] {buffer, blocked};
        } catch (java.io.IOException blocked) {
            return new Object[] {buffer, blocked}; // the body check of an in-memory body refused it
        } catch (RuntimeException | LinkageError e) {
            Guard.internalError("deciding a Vert.x request", e);
            return null;
        } finally {
            Guard.end(r);
        }
    }

    /** In the {@code HttpRequestHead} constructor: the guard's copy of the headers, if it made one. */
    public static Object headHeaders(Object headers) {
        MultiMap copy = HEAD_HEADERS.get();
        if (copy == null) {
            return headers;
        }
        HEAD_HEADERS.remove();
        return copy;
    }

    public static void afterWrite() {
        HEAD_HEADERS.remove();
    }

    /**
     * Fails a refused hop instead of writing it: its response with the refusal itself, its stream reset
     * so the connection is freed, and its write (a handler in Vert.x 4, the returned future in 5).
     */
    @SuppressWarnings("unchecked")
    public static Object refuse(Object request, Object refusal, Object[] arguments) {
        Throwable cause = (Throwable) refusal;
        try {
            Method fail = findMethod(request.getClass(), "handleException", Throwable.class);
            if (fail != null) {
                fail.setAccessible(true);
                fail.invoke(request, cause);
            }
            request.getClass().getMethod("reset", long.class, Throwable.class).invoke(request, 0L, cause);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Guard.internalError("failing a refused Vert.x request", e);
        }
        if (arguments.length > 3 && arguments[3] instanceof Handler) {
            ((Handler<AsyncResult<Void>>) arguments[3]).handle(Future.failedFuture(cause));
            return null;
        }
        return Future.failedFuture(cause);
    }

    private static boolean isAbsoluteHttp(String uri) {
        return uri != null && (uri.regionMatches(true, 0, "http://", 0, 7) || uri.regionMatches(true, 0, "https://", 0, 8));
    }

    /** The port of an authority, or -1 (the scheme's default) when it names none. */
    private static int parsePort(String digits) {
        try {
            return digits.isEmpty() ? -1 : Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Method findMethod(Class<?> type, String name, Class<?>... parameters) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(name, parameters);
            } catch (NoSuchMethodException e) {
                // look further up
            }
        }
        return null;
    }
}

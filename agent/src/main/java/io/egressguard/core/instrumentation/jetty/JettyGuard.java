package io.egressguard.core.instrumentation.jetty;

import io.egressguard.bootstrap.EgressBlockedException;
import io.egressguard.bootstrap.Guard;
import io.egressguard.bootstrap.OutboundRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Helper defined next to Jetty's client, called by the advice woven into {@code HttpRequest} (one
 * instance of which is one hop: Jetty copies the request for every redirect and retry).
 *
 * <p>The hop is decided when its head is final: the URI it goes to, the headers after Jetty's
 * normalisation and the application's listeners, and the body when it is held in memory whole
 * ({@code String/Bytes/ByteBufferRequestContent}, forms). Credentials are written into the request's
 * own headers just for the encoding of the head (every transport copies the headers into its metadata
 * before committing), and the application's view gets its handles back before its commit or failure
 * listeners run.
 *
 * <p>Jetty 12 is compiled for Java 17 and the agent for Java 11, so Jetty is reached by reflection,
 * through methods looked up once per Jetty class loader.
 */
public final class JettyGuard {

    static final String CLIENT = "jetty-httpclient";

    /** Per hop whose headers the guard changed: the headers as the application and Jetty had set them. */
    private static final Map<Object, List<String[]>> ORIGINAL_HEADERS = Collections.synchronizedMap(new WeakHashMap<>());
    private static final ClassValue<Access> ACCESS = new AccessCache();

    private JettyGuard() {}

    /** After {@code notifyHeaders()}: decides the hop, rewrites it, or aborts it. Never throws. */
    public static void decide(long key, Object request) {
        if (!Guard.active()) {
            return;
        }
        Access a;
        try {
            a = ACCESS.get(request.getClass());
        } catch (RuntimeException | LinkageError e) {
            Guard.internalError("reading a Jetty request (unsupported version?)", e);
            return;
        }
        OutboundRequest r = Guard.begin(CLIENT).capability(key);
        try {
            URI uri = (URI) a.getUri.invoke(request);
            if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
                return;
            }
            String host = uri.getHost();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            r.method((String) a.getMethod.invoke(request))
                    .target(uri.getScheme(), host, uri.getPort(), uri.getRawPath(), uri.getRawQuery());
            Object headers = a.getHeaders.invoke(request);
            List<String[]> original = new ArrayList<>();
            for (Object field : (Iterable<?>) headers) {
                String name = (String) a.fieldName.invoke(field);
                String value = (String) a.fieldValue.invoke(field);
                original.add(new String[] {name, value});
                r.header(name, value);
            }
            Object content = a.getBody.invoke(request);
            byte[] body = wholeBody(a, content);
            boolean wholeBodyDecided = body != null && body.length <= Guard.maxBufferedBody();
            if (wholeBodyDecided) {
                r.body(body, 0, body.length);
            }
            int verdict = Guard.decide(r);
            if (body != null && !wholeBodyDecided) {
                // too large to decide with the head, but in memory all the same: check it before anything leaves
                r.declaredBodyLength(body.length);
                try (java.io.OutputStream check = Guard.bodyCheck(r).wrap(java.io.OutputStream.nullOutputStream())) {
                    check.write(body);
                }
            }
            if (verdict != Guard.MODIFIED) {
                return;
            }
            byte[] cleaned = r.replacedBody();
            if (cleaned != null) {
                String contentType = (String) a.contentType.invoke(content);
                a.setBody.invoke(request, a.newBytesContent.newInstance(contentType, new byte[][] {cleaned}));
            }
            if (r.headersChanged() || cleaned != null) {
                ORIGINAL_HEADERS.put(request, original);
                a.clear.invoke(headers);
                for (int i = 0; i < r.headerCount(); i++) {
                    String value = r.headerValue(i);
                    if (value != null && !(cleaned != null && r.headerName(i).equalsIgnoreCase("Content-Length"))) {
                        a.add.invoke(headers, r.headerName(i), value);
                    }
                }
                if (cleaned != null) {
                    a.add.invoke(headers, "Content-Length", String.valueOf(cleaned.length));
                }
            }
        } catch (EgressBlockedException blocked) {
            abort(a, request, blocked);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Guard.internalError("deciding a Jetty request", e);
        } catch (IOException e) {
            abort(a, request, e); // the body check of an in-memory body refused it
        } finally {
            Guard.end(r);
        }
    }

    /** Gives the application's view of the hop's headers back what it held before the guard rewrote them. */
    public static void restore(Object request) {
        List<String[]> original = ORIGINAL_HEADERS.remove(request);
        if (original == null) {
            return;
        }
        try {
            Access a = ACCESS.get(request.getClass());
            Object headers = a.getHeaders.invoke(request);
            String contentLength = null;
            for (Object field : (Iterable<?>) headers) {
                if ("Content-Length".equalsIgnoreCase((String) a.fieldName.invoke(field))) {
                    contentLength = (String) a.fieldValue.invoke(field);
                }
            }
            a.clear.invoke(headers);
            for (String[] h : original) {
                if (!h[0].equalsIgnoreCase("Content-Length")) {
                    a.add.invoke(headers, h[0], h[1]);
                }
            }
            // the framing of the body that was sent stays: a redirect that sends it again must announce it
            if (contentLength != null) {
                a.add.invoke(headers, "Content-Length", contentLength);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Guard.internalError("restoring the headers of a Jetty request", e);
        }
    }

    private static void abort(Access a, Object request, IOException refusal) {
        try {
            a.abort.invoke(request, refusal);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Guard.internalError("aborting a refused Jetty request", e);
        }
    }

    /** The body when Jetty holds it in memory whole, else {@code null}. */
    private static byte[] wholeBody(Access a, Object content) throws ReflectiveOperationException {
        if (content == null || !a.byteBufferContent.isInstance(content)) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object o : (Collection<?>) a.byteBuffers.invoke(content)) {
            ByteBuffer b = ((ByteBuffer) o).duplicate(); // read without moving Jetty's position
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            out.write(bytes, 0, bytes.length);
        }
        return out.toByteArray();
    }

    /** Jetty's methods the guard calls, looked up once per class of request (so per Jetty class loader). */
    static final class Access {
        final Method getUri;
        final Method getMethod;
        final Method getHeaders;
        final Method getBody;
        final Method setBody;
        final Method abort;
        final Method fieldName;
        final Method fieldValue;
        final Method clear;
        final Method add;
        final Class<?> byteBufferContent;
        final Method byteBuffers;
        final Method contentType;
        final Constructor<?> newBytesContent;

        Access(Class<?> requestClass) throws ReflectiveOperationException {
            ClassLoader loader = requestClass.getClassLoader();
            Class<?> request = Class.forName("org.eclipse.jetty.client.Request", false, loader);
            Class<?> content = Class.forName("org.eclipse.jetty.client.Request$Content", false, loader);
            Class<?> field = Class.forName("org.eclipse.jetty.http.HttpField", false, loader);
            Class<?> mutable = Class.forName("org.eclipse.jetty.http.HttpFields$Mutable", false, loader);
            getUri = request.getMethod("getURI");
            getMethod = request.getMethod("getMethod");
            getHeaders = request.getMethod("getHeaders");
            getBody = request.getMethod("getBody");
            setBody = request.getMethod("body", content);
            abort = request.getMethod("abort", Throwable.class);
            fieldName = field.getMethod("getName");
            fieldValue = field.getMethod("getValue");
            clear = mutable.getMethod("clear");
            add = mutable.getMethod("add", String.class, String.class);
            byteBufferContent = Class.forName("org.eclipse.jetty.io.content.ByteBufferContentSource", false, loader);
            byteBuffers = byteBufferContent.getMethod("getByteBuffers");
            contentType = content.getMethod("getContentType");
            newBytesContent = Class.forName("org.eclipse.jetty.client.BytesRequestContent", false, loader)
                    .getConstructor(String.class, byte[][].class);
        }
    }

    static final class AccessCache extends ClassValue<Access> {
        @Override
        protected Access computeValue(Class<?> requestClass) {
            try {
                return new Access(requestClass);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("unsupported Jetty client: " + e, e);
            }
        }
    }
}

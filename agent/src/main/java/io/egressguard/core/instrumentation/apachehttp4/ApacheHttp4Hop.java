package io.egressguard.core.instrumentation.apachehttp4;

import io.egressguard.bootstrap.BodyCheck;
import io.egressguard.bootstrap.EgressBlockedException;
import io.egressguard.bootstrap.Guard;
import io.egressguard.bootstrap.OutboundRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.conn.routing.RouteInfo;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.HttpEntityWrapper;
import org.apache.http.message.BasicHeader;
import org.apache.http.protocol.HttpContext;

/**
 * Helper defined next to httpcore 4: decides one hop of an Apache HttpClient 4 request right before
 * {@code doSendRequest} writes it, and undoes its changes right after.
 */
public final class ApacheHttp4Hop {

    static final String CLIENT = "apache-httpclient4";

    private ApacheHttp4Hop() {}

    /** What to put back after the hop: the original headers and entity, each null when unchanged. */
    static final class Restore {
        final Header[] headers;
        final HttpEntity entity;

        Restore(Header[] headers, HttpEntity entity) {
            this.headers = headers;
            this.entity = entity;
        }
    }

    /** @return what {@link #after} must restore, or {@code null} when the request leaves as it is */
    public static Object before(long key, HttpRequest request, HttpContext context) throws IOException {
        try {
            return decide(key, request, context);
        } catch (EgressBlockedException blocked) {
            throw blocked;
        } catch (RuntimeException | LinkageError e) {
            Guard.internalError("deciding a request of " + CLIENT, e);
            return null;
        }
    }

    public static void after(HttpRequest request, Object restore) {
        if (!(restore instanceof Restore)) {
            return;
        }
        Restore r = (Restore) restore;
        if (r.headers != null) {
            request.setHeaders(r.headers);
        }
        if (r.entity != null && request instanceof HttpEntityEnclosingRequest) {
            ((HttpEntityEnclosingRequest) request).setEntity(r.entity);
        }
    }

    private static Object decide(long key, HttpRequest request, HttpContext context) throws IOException {
        String method = request.getRequestLine().getMethod();
        if ("CONNECT".equalsIgnoreCase(method)) {
            return null; // the tunnel request to a proxy; the requests inside it are decided on their target
        }
        String requestUri = request.getRequestLine().getUri();
        URI absolute = requestUri.startsWith("/") ? null : URI.create(requestUri);
        // The route is where the bytes go (the target behind any proxy), whatever the Host header or a
        // virtual host claims. Without one this is not the client's own exec chain: blocks and checks
        // still apply, but nothing is injected.
        HttpHost target = routeTarget(context);
        boolean fromRoute = target != null;
        if (target == null) {
            Object host = context.getAttribute("http.target_host");
            target = host instanceof HttpHost ? (HttpHost) host : null;
        }
        String scheme;
        String host;
        int port;
        if (target != null) {
            scheme = target.getSchemeName();
            host = target.getHostName();
            port = target.getPort();
        } else if (absolute != null && absolute.getHost() != null) {
            scheme = absolute.getScheme();
            host = absolute.getHost();
            port = absolute.getPort();
        } else {
            return null; // nowhere to decide for: not a client request
        }
        OutboundRequest r = Guard.begin(CLIENT);
        try {
            if (fromRoute) {
                r.capability(key);
            }
            String path;
            String query;
            if (absolute == null) {
                int q = requestUri.indexOf('?');
                path = q >= 0 ? requestUri.substring(0, q) : requestUri;
                query = q >= 0 ? requestUri.substring(q + 1) : null;
            } else {
                path = absolute.getRawPath();
                query = absolute.getRawQuery();
            }
            r.method(method).target(scheme, host, port, path, query);
            Header[] headers = request.getAllHeaders();
            for (Header h : headers) {
                r.header(h.getName(), h.getValue() == null ? "" : h.getValue());
            }
            HttpEntity entity = request instanceof HttpEntityEnclosingRequest
                    ? ((HttpEntityEnclosingRequest) request).getEntity() : null;
            boolean whole = false;
            if (entity != null) {
                long length = entity.getContentLength();
                if (entity.isRepeatable() && length >= 0 && length <= Guard.maxBufferedBody()) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) length);
                    entity.writeTo(bytes);
                    byte[] b = bytes.toByteArray();
                    r.body(b, 0, b.length);
                    whole = true;
                }
            }
            int verdict = Guard.decide(r);
            HttpEntity newEntity = null;
            if (entity != null && !whole) {
                r.declaredBodyLength(entity.isChunked() ? -1 : entity.getContentLength());
                BodyCheck check = Guard.bodyCheck(r);
                if (check != BodyCheck.NONE) {
                    newEntity = new GuardedEntity(entity, check);
                }
            }
            if (verdict == Guard.MODIFIED && r.replacedBody() != null && entity != null) {
                ByteArrayEntity cleaned = new ByteArrayEntity(r.replacedBody());
                cleaned.setContentType(entity.getContentType());
                cleaned.setContentEncoding(entity.getContentEncoding());
                newEntity = cleaned;
                setContentLength(r, r.replacedBody().length);
            }
            Header[] newHeaders = null;
            if (verdict == Guard.MODIFIED && r.headersChanged()) {
                int n = 0;
                for (int i = 0; i < r.headerCount(); i++) {
                    n += r.headerValue(i) == null ? 0 : 1;
                }
                newHeaders = new Header[n];
                n = 0;
                for (int i = 0; i < r.headerCount(); i++) {
                    if (r.headerValue(i) != null) {
                        newHeaders[n++] = new BasicHeader(r.headerName(i), r.headerValue(i));
                    }
                }
            }
            if (newHeaders == null && newEntity == null) {
                return null;
            }
            Restore restore = new Restore(newHeaders != null ? headers : null, newEntity != null ? entity : null);
            if (newHeaders != null) {
                request.setHeaders(newHeaders);
            }
            if (newEntity != null) {
                ((HttpEntityEnclosingRequest) request).setEntity(newEntity);
            }
            return restore;
        } finally {
            Guard.end(r);
        }
    }

    private static HttpHost routeTarget(HttpContext context) {
        Object route = context.getAttribute("http.route");
        try {
            return route instanceof RouteInfo ? ((RouteInfo) route).getTargetHost() : null;
        } catch (LinkageError httpClientNotVisible) {
            return null; // httpcore used on its own, without httpclient next to it
        }
    }

    private static void setContentLength(OutboundRequest r, int length) {
        for (int i = 0; i < r.headerCount(); i++) {
            if ("Content-Length".equalsIgnoreCase(r.headerName(i)) && r.headerValue(i) != null) {
                r.replaceHeaderValue(i, Integer.toString(length));
            }
        }
    }

    /** A body too large or too streamy to check whole: checked as it is written, with a hold-back. */
    static final class GuardedEntity extends HttpEntityWrapper {
        private final HttpEntity delegate;
        private final BodyCheck check;

        GuardedEntity(HttpEntity delegate, BodyCheck check) {
            super(delegate);
            this.delegate = delegate;
            this.check = check;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            OutputStream guarded = check.wrapKeepingOpen(out);
            delegate.writeTo(guarded);
            guarded.close(); // ends the check and writes the held-back tail; the connection owns out
        }
    }

}

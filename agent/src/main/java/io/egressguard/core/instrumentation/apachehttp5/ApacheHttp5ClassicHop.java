package io.egressguard.core.instrumentation.apachehttp5;

import io.egressguard.bootstrap.BodyCheck;
import io.egressguard.bootstrap.EgressBlockedException;
import io.egressguard.bootstrap.Guard;
import io.egressguard.bootstrap.OutboundRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hc.client5.http.RouteInfo;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Helper defined next to httpcore5: decides one hop of a classic HttpClient 5 request right before
 * {@code HttpRequestExecutor.execute} writes it, and undoes its changes right after.
 */
public final class ApacheHttp5ClassicHop {

    private ApacheHttp5ClassicHop() {}

    /** What to put back after the hop: the original headers and entity, each null when unchanged. */
    static final class Restore {
        final Header[] headers;
        final HttpEntity entity;

        Restore(Header[] headers, HttpEntity entity) {
            this.headers = headers;
            this.entity = entity;
        }
    }

    public static Object before(long key, ClassicHttpRequest request, HttpContext context) throws IOException {
        try {
            return decide(key, request, context);
        } catch (EgressBlockedException blocked) {
            throw blocked;
        } catch (RuntimeException | LinkageError e) {
            Guard.internalError("deciding a request of " + ApacheHttp5Requests.CLIENT, e);
            return null;
        }
    }

    public static void after(ClassicHttpRequest request, Object restore) {
        if (restore instanceof Restore) {
            Restore r = (Restore) restore;
            if (r.headers != null) {
                request.setHeaders(r.headers);
            }
            if (r.entity != null) {
                request.setEntity(r.entity);
            }
        }
    }

    private static Object decide(long key, ClassicHttpRequest request, HttpContext context) throws IOException {
        if ("CONNECT".equalsIgnoreCase(request.getMethod())) {
            return null; // the tunnel request to a proxy; the requests inside it are decided on their target
        }
        HttpHost target = routeTarget(context);
        OutboundRequest r = Guard.begin(ApacheHttp5Requests.CLIENT);
        try {
            Header[] headers = ApacheHttp5Requests.describe(r, request, target);
            if (headers == null) {
                return null;
            }
            if (target != null) {
                r.capability(key); // only the client's own exec chain, which knows the route, gets credentials
            }
            HttpEntity entity = request.getEntity();
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
                // the Content-Type header is already set; the connection reads the length from the header
                newEntity = new ByteArrayEntity(r.replacedBody(), null);
                ApacheHttp5Requests.setContentLength(r, r.replacedBody().length);
            }
            Header[] newHeaders = verdict == Guard.MODIFIED && r.headersChanged() ? ApacheHttp5Requests.decidedHeaders(r) : null;
            if (newHeaders == null && newEntity == null) {
                return null;
            }
            Restore restore = new Restore(newHeaders != null ? headers : null, newEntity != null ? entity : null);
            if (newHeaders != null) {
                request.setHeaders(newHeaders);
            }
            if (newEntity != null) {
                request.setEntity(newEntity);
            }
            return restore;
        } finally {
            Guard.end(r);
        }
    }

    private static HttpHost routeTarget(HttpContext context) {
        try {
            if (context instanceof HttpClientContext) {
                RouteInfo route = ((HttpClientContext) context).getHttpRoute();
                return route == null ? null : route.getTargetHost();
            }
            return null;
        } catch (LinkageError httpClientNotVisible) {
            return null; // httpcore5 used on its own, without httpclient5 next to it
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

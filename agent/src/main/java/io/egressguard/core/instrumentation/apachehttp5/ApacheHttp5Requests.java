package io.egressguard.core.instrumentation.apachehttp5;

import io.egressguard.bootstrap.OutboundRequest;
import java.net.URI;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.net.URIAuthority;

/** Helper shared by the classic and the async hop: an httpcore5 request to and from {@link OutboundRequest}. */
final class ApacheHttp5Requests {

    static final String CLIENT = "apache-httpclient5";

    private ApacheHttp5Requests() {}

    /**
     * Fills in method, target and headers. {@code routeTarget} is where the bytes go; when it is
     * {@code null} the request's own scheme and authority are used, and the caller must not grant the
     * capability (they are only what the Host header will say).
     *
     * @return the request's headers as they were, or {@code null} when the target is unknown
     */
    static Header[] describe(OutboundRequest r, HttpRequest request, HttpHost routeTarget) {
        String path = request.getPath();
        URI absolute = path != null && !path.startsWith("/") && path.indexOf("://") > 0 ? URI.create(path) : null;
        String scheme;
        String host;
        int port;
        if (routeTarget != null) {
            scheme = routeTarget.getSchemeName();
            host = routeTarget.getHostName();
            port = routeTarget.getPort();
        } else {
            URIAuthority authority = request.getAuthority();
            if (authority == null || request.getScheme() == null) {
                return null;
            }
            scheme = request.getScheme();
            host = authority.getHostName();
            port = authority.getPort();
        }
        String rawPath;
        String query;
        if (absolute != null) {
            rawPath = absolute.getRawPath();
            query = absolute.getRawQuery();
        } else {
            String p = path == null ? "/" : path;
            int q = p.indexOf('?');
            rawPath = q >= 0 ? p.substring(0, q) : p;
            query = q >= 0 ? p.substring(q + 1) : null;
        }
        r.method(request.getMethod()).target(scheme, host, port, rawPath, query);
        Header[] headers = request.getHeaders();
        for (Header h : headers) {
            r.header(h.getName(), h.getValue() == null ? "" : h.getValue());
        }
        return headers;
    }

    /** The headers to send after a decision that changed them. */
    static Header[] decidedHeaders(OutboundRequest r) {
        int n = 0;
        for (int i = 0; i < r.headerCount(); i++) {
            n += r.headerValue(i) == null ? 0 : 1;
        }
        Header[] out = new Header[n];
        n = 0;
        for (int i = 0; i < r.headerCount(); i++) {
            if (r.headerValue(i) != null) {
                out[n++] = new BasicHeader(r.headerName(i), r.headerValue(i));
            }
        }
        return out;
    }

    static void setContentLength(OutboundRequest r, int length) {
        for (int i = 0; i < r.headerCount(); i++) {
            if ("Content-Length".equalsIgnoreCase(r.headerName(i)) && r.headerValue(i) != null) {
                r.replaceHeaderValue(i, Integer.toString(length));
            }
        }
    }
}

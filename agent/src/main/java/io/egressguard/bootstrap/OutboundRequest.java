package io.egressguard.bootstrap;

import java.net.URI;
import java.net.URL;
import java.util.Arrays;

/**
 * One hop of an outgoing HTTP request, as an instrumented client is about to send it: the real
 * target it connects to, the method, the headers and, when the client has it whole, the body.
 *
 * <p>Instances are reused per thread (see {@link Guard#begin}) so that deciding a request that no
 * rule concerns allocates nothing. The engine edits headers in place: a changed header keeps its
 * index, a removed one gets a {@code null} value, an added one is appended.
 */
public final class OutboundRequest {

    private String client;
    private String method;
    private String scheme;
    private String host;
    private int port;
    private String rawPath;
    private String rawQuery;

    private String[] names = new String[16];
    private String[] values = new String[16];
    private boolean[] changed = new boolean[16];
    private int count;
    private boolean headersChanged;

    private byte[] body;
    private int bodyOffset;
    private int bodyLength;
    private byte[] replacedBody;

    private Object context;
    private long capability;
    private long declaredBodyLength;
    boolean inUse;

    OutboundRequest() {}

    void reset(String clientName) {
        client = clientName;
        method = null;
        scheme = null;
        host = null;
        port = -1;
        rawPath = null;
        rawQuery = null;
        if (count > 0) {
            Arrays.fill(names, 0, count, null);
            Arrays.fill(values, 0, count, null);
            Arrays.fill(changed, 0, count, false);
        }
        count = 0;
        headersChanged = false;
        body = null;
        bodyOffset = 0;
        bodyLength = 0;
        replacedBody = null;
        context = null;
        capability = 0;
        declaredBodyLength = -1;
    }

    // ---- filled in by the client adapter -------------------------------------------------------

    public OutboundRequest method(String httpMethod) {
        this.method = httpMethod;
        return this;
    }

    /**
     * The URI the client connects to for this hop (after redirects, whatever the {@code Host}
     * header says). The port is the explicit one, or the scheme's default.
     */
    public OutboundRequest target(String targetScheme, String targetHost, int targetPort, String path, String query) {
        this.scheme = targetScheme;
        this.host = targetHost;
        this.port = targetPort >= 0 ? targetPort : defaultPort(targetScheme);
        this.rawPath = path == null || path.isEmpty() ? "/" : path;
        this.rawQuery = query;
        return this;
    }

    public OutboundRequest target(URI uri) {
        return target(uri.getScheme(), uri.getHost(), uri.getPort(), uri.getRawPath(), uri.getRawQuery());
    }

    public OutboundRequest target(URL url) {
        String path = url.getPath();
        return target(url.getProtocol(), url.getHost(), url.getPort(), path, url.getQuery());
    }

    public OutboundRequest header(String name, String value) {
        if (count == names.length) {
            int n = count * 2;
            names = Arrays.copyOf(names, n);
            values = Arrays.copyOf(values, n);
            changed = Arrays.copyOf(changed, n);
        }
        names[count] = name;
        values[count] = value;
        count++;
        return this;
    }

    /** The whole body, when the client has it in memory. The array is read, never kept or changed. */
    public OutboundRequest body(byte[] bytes, int offset, int length) {
        this.body = bytes;
        this.bodyOffset = offset;
        this.bodyLength = length;
        return this;
    }

    /**
     * The key that code woven by the agent holds. Only a request that carries it can receive an
     * injected credential; application code, which cannot know the key, gets blocks and checks only.
     */
    public OutboundRequest capability(long key) {
        this.capability = key;
        return this;
    }

    public long capability() {
        return capability;
    }

    /**
     * The body length the client has announced (or will announce) in {@code Content-Length}, or -1 when
     * the body is sent chunked. A streamed body whose length is announced can only be rewritten in place.
     */
    public OutboundRequest declaredBodyLength(long length) {
        this.declaredBodyLength = length;
        return this;
    }

    public long declaredBodyLength() {
        return declaredBodyLength;
    }

    public OutboundRequest context(Object toolContext) {
        this.context = toolContext;
        return this;
    }

    // ---- read by the engine and, after a decision, by the adapter ------------------------------

    public String client() {
        return client;
    }

    public String method() {
        return method;
    }

    public String scheme() {
        return scheme;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String rawPath() {
        return rawPath;
    }

    public String rawQuery() {
        return rawQuery;
    }

    public int headerCount() {
        return count;
    }

    public String headerName(int i) {
        return names[i];
    }

    /** The value to send, or {@code null} when the header must not be sent. */
    public String headerValue(int i) {
        return values[i];
    }

    public boolean headerChanged(int i) {
        return changed[i];
    }

    /** Whether any header was changed, removed or added by the decision. */
    public boolean headersChanged() {
        return headersChanged;
    }

    public boolean hasBody() {
        return body != null;
    }

    public byte[] bodyBytes() {
        return body;
    }

    public int bodyOffset() {
        return bodyOffset;
    }

    public int bodyLength() {
        return bodyLength;
    }

    /** The body to send instead of the original, or {@code null} to send the original. */
    public byte[] replacedBody() {
        return replacedBody;
    }

    public Object context() {
        return context;
    }

    // ---- edits, made by the engine only ---------------------------------------------------------

    public void replaceHeaderValue(int i, String value) {
        values[i] = value;
        changed[i] = true;
        headersChanged = true;
    }

    public void removeHeader(int i) {
        replaceHeaderValue(i, null);
    }

    /** Sets a header, replacing every header of that name (case-insensitively). */
    public void setHeader(String name, String value) {
        for (int i = 0; i < count; i++) {
            if (names[i].equalsIgnoreCase(name) && values[i] != null) {
                removeHeader(i);
            }
        }
        header(name, value);
        changed[count - 1] = true;
        headersChanged = true;
    }

    public void replaceBody(byte[] newBody) {
        this.replacedBody = newBody;
    }

    /** The full URL of this hop, for messages. */
    public String url() {
        StringBuilder sb = new StringBuilder(64);
        appendOrigin(sb);
        sb.append(rawPath);
        if (rawQuery != null) {
            sb.append('?').append(rawQuery);
        }
        return sb.toString();
    }

    /** {@code scheme://host:port}, for messages and audit. */
    public String origin() {
        StringBuilder sb = new StringBuilder(40);
        appendOrigin(sb);
        return sb.toString();
    }

    private void appendOrigin(StringBuilder sb) {
        sb.append(scheme).append("://");
        if (host != null && host.indexOf(':') >= 0 && !host.startsWith("[")) {
            sb.append('[').append(host).append(']');
        } else {
            sb.append(host);
        }
        sb.append(':').append(port);
    }

    static int defaultPort(String scheme) {
        if ("https".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme)) {
            return 443;
        }
        if ("http".equalsIgnoreCase(scheme) || "ws".equalsIgnoreCase(scheme)) {
            return 80;
        }
        return -1;
    }
}

package io.egressguard.core.policy;

import io.egressguard.bootstrap.Backstop;
import io.egressguard.bootstrap.EgressBlockedException;
import io.egressguard.core.Reporter;
import io.egressguard.core.audit.AuditEvent;
import io.egressguard.core.audit.AuditLog;
import io.egressguard.core.rules.Hosts;
import io.egressguard.core.scan.Match;
import io.egressguard.core.scan.SecretMatcher;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Decides what the socket and TLS layers may write, for clients the guard does not know: a handle or a
 * known secret may only go to a host and port that some rule allows for that secret (a handle also to
 * an LLM API, where it is plain text). There is no method or path down here, so the check is coarser than
 * the HTTP-level decision, never looser: a client the guard knows has already been decided above, and
 * what it sends passes here because the same rules allow it.
 *
 * <p>A secret may be split across two writes on one connection; the connection's last bytes that could
 * start one are kept (weakly, per stream) and searched together with the next write.
 */
final class ConnectionBackstop implements Backstop.Engine {

    private final PolicyEngine policy;
    private final AuditLog audit;
    private final Reporter reporter;
    private final Map<Object, byte[]> tails = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile boolean anyTails;
    private final VarHandle sslSocketPeerHost;
    private final VarHandle sslSocketUnderlying;

    /** The port of a TLS socket layered over a connection to a proxy: the target's port is not known. */
    static final int UNKNOWN_PORT = -1;

    ConnectionBackstop(PolicyEngine policy, AuditLog audit, Reporter reporter) {
        this.policy = policy;
        this.audit = audit;
        this.reporter = reporter;
        this.sslSocketPeerHost = field("sun.security.ssl.SSLSocketImpl", "peerHost", String.class);
        this.sslSocketUnderlying = field("sun.security.ssl.BaseSSLSocketImpl", "self", Socket.class);
    }

    private static VarHandle field(String type, String name, Class<?> fieldType) {
        try {
            Class<?> impl = Class.forName(type);
            return MethodHandles.privateLookupIn(impl, MethodHandles.lookup()).findVarHandle(impl, name, fieldType);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // the socket's address is used instead: right unless the socket is layered over a proxy
        }
    }

    @Override
    public Object[] peerOf(Object connection) {
        try {
            if (connection instanceof SocketChannel) {
                SocketAddress a = ((SocketChannel) connection).getRemoteAddress();
                return a instanceof InetSocketAddress
                        ? new Object[] {((InetSocketAddress) a).getHostString(), ((InetSocketAddress) a).getPort()} : null;
            }
            Socket s = (Socket) connection;
            boolean jdkTls = connection.getClass().getName().equals("sun.security.ssl.SSLSocketImpl");
            String host = sslSocketPeerHost != null && jdkTls ? (String) sslSocketPeerHost.get(connection) : null;
            if (host == null && s.getInetAddress() != null) {
                host = new InetSocketAddress(s.getInetAddress(), 0).getHostString();
            } else if (host != null && jdkTls && isTunnelledThroughProxy(s, host)) {
                // A TLS socket layered over a socket to a proxy (HttpURLConnection, OkHttp and Apache HttpClient
                // do this for https through a CONNECT proxy) reports the proxy's port, and knows the target's
                // host only: the target's port is nowhere in it.
                return new Object[] {host, UNKNOWN_PORT};
            }
            return new Object[] {host, s.getPort()};
        } catch (IOException e) {
            return null;
        }
    }

    /** True when {@code tls} is layered over a plain socket connected to another host than its TLS peer. */
    private boolean isTunnelledThroughProxy(Socket tls, String peerHost) {
        Socket under = sslSocketUnderlying == null ? null : (Socket) sslSocketUnderlying.get(tls);
        if (under == null || under == tls || under.getInetAddress() == null) {
            return false;
        }
        String connected = Hosts.canonical(new InetSocketAddress(under.getInetAddress(), 0).getHostString());
        String peer = Hosts.canonical(peerHost);
        return connected != null && peer != null && !connected.equals(peer)
                && !under.getInetAddress().getHostAddress().equals(peer);
    }

    @Override
    public void check(Object stream, String host, int port, String layer, byte[] data, int offset, int length)
            throws IOException {
        SecretMatcher matcher = policy.currentMatcher();
        byte[] tail = anyTails ? tails.remove(stream) : null;
        byte[] buf = data;
        int off = offset;
        int len = length;
        if (tail != null) {
            buf = new byte[tail.length + length];
            System.arraycopy(tail, 0, buf, 0, tail.length);
            System.arraycopy(data, offset, buf, tail.length, length);
            off = 0;
            len = buf.length;
        }
        scan(matcher, stream, host, port, layer, buf, off, len);
    }

    @Override
    public void check(Object stream, String host, int port, String layer, ByteBuffer[] data, int offset, int length)
            throws IOException {
        int total = 0;
        for (int i = offset; i < offset + length; i++) {
            if (data[i] != null) {
                total += data[i].remaining();
            }
        }
        if (total == 0) {
            return;
        }
        byte[] tail = anyTails ? tails.remove(stream) : null;
        int tailLength = tail == null ? 0 : tail.length;
        byte[] buf = new byte[tailLength + total];
        if (tail != null) {
            System.arraycopy(tail, 0, buf, 0, tailLength);
        }
        int at = tailLength;
        for (int i = offset; i < offset + length; i++) {
            ByteBuffer b = data[i];
            if (b != null && b.hasRemaining()) {
                int n = b.remaining();
                b.duplicate().get(buf, at, n); // a copy: the caller's buffer positions stay where they were
                at += n;
            }
        }
        scan(policy.currentMatcher(), stream, host, port, layer, buf, 0, buf.length);
    }

    private void scan(SecretMatcher matcher, Object stream, String host, int port, String layer, byte[] buf, int off,
            int len) throws IOException {
        int end = off + len;
        int pos = off;
        Match m;
        while (pos < end && (m = matcher.find(buf, off, len, pos)) != null) {
            if (!allowed(m, host, port, layer)) {
                block(m, host, port, layer);
            }
            pos = m.end();
        }
        int keep = matcher.possibleMatchPrefix(buf, off, len);
        if (keep > 0) {
            byte[] t = new byte[keep];
            System.arraycopy(buf, end - keep, t, 0, keep);
            tails.put(stream, t);
            anyTails = true;
        }
    }

    private boolean allowed(Match m, String host, int port, String layer) {
        String canonical = Hosts.canonical(host);
        if (canonical == null) {
            return false;
        }
        boolean tls = layer.startsWith("tls");
        if (m.kind() == Match.Kind.HANDLE && policy.isLlmPeer(tls ? "https" : "http", canonical, port)) {
            return true; // a handle in a prompt is text to the model
        }
        List<Grant> grants = new ArrayList<>(2);
        Grant[] exact = policy.index().exactGrants(canonical);
        if (exact != null) {
            Collections.addAll(grants, exact);
        }
        policy.index().wildcardGrants(canonical, grants);
        for (Grant g : grants) {
            // through a proxy the port is unknown: the host must be allowed, over https, on some port
            if (g.secretName().equals(m.secret()) && (port == UNKNOWN_PORT || g.destination.port() == port)
                    && (!tls || g.destination.scheme().equals("https"))) {
                return true;
            }
        }
        return false;
    }

    private void block(Match m, String host, int port, String layer) throws EgressBlockedException {
        String what = m.kind() == Match.Kind.HANDLE ? "the handle of secret '" + m.secret() + "'"
                : "the value of secret '" + m.secret() + "'";
        String peer = port == UNKNOWN_PORT ? host + " (through a proxy)" : host + ":" + port;
        String explain = what + " was about to be written to " + peer + " by a client Egress Guard does not"
                + " guard, and no rule allows it there";
        Caller caller = policy.currentCaller(); // the writing thread is the one that made the request
        audit.record(new AuditEvent(AuditEvent.Outcome.BLOCKED, m.secret(), "none", peer, "-", "-",
                "backstop:" + layer, explain, caller.identity, caller.tool));
        String message = "Egress Guard blocked a write to " + peer + ": " + explain;
        reporter.debug(message);
        throw new EgressBlockedException(message, "none", "backstop");
    }

    @Override
    public void internalError(String where, Throwable error) {
        reporter.internalError(where, error);
    }
}

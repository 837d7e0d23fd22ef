package io.egressguard.bootstrap;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The last line of defence, below every HTTP client: what advice in the JDK's socket and TLS classes
 * calls with the plaintext about to be written to a peer. If it carries a handle or a known secret that
 * no rule allows to that peer, the write is refused with {@link EgressBlockedException}. It never
 * injects anything; clients the guard knows have already been decided above it.
 *
 * <p>Each entry point is a no-op until the core installs an engine, swallows the guard's own failures,
 * and throws only the deliberate block.
 */
public final class Backstop {

    /** Implemented by the core. */
    public interface Engine {
        /**
         * Checks {@code data} written on {@code stream} (the connection's identity: a secret split across
         * two writes on one stream is still found) to {@code host}:{@code port}.
         */
        void check(Object stream, String host, int port, String layer, byte[] data, int offset, int length)
                throws IOException;

        void check(Object stream, String host, int port, String layer, ByteBuffer[] data, int offset, int length)
                throws IOException;

        /** The peer of a socket or TLS object the JDK does not expose publicly ({@code SSLSocketImpl}). */
        Object[] peerOf(Object connection);

        void internalError(String where, Throwable error);
    }

    private static volatile Engine engine;

    private Backstop() {}

    public static synchronized void install(Engine e) {
        if (engine != null) {
            throw new IllegalStateException("the backstop is already installed");
        }
        engine = e;
    }

    /** Plain socket output ({@code java.net.Socket}'s stream); TLS sockets are checked above the cipher. */
    public static void socketWrite(Object stream, java.net.Socket socket, byte[] b, int off, int len)
            throws IOException {
        Engine e = engine;
        if (e == null || b == null || len <= 0 || socket instanceof javax.net.ssl.SSLSocket) {
            return;
        }
        try {
            java.net.InetAddress a = socket.getInetAddress();
            String host = a == null ? null : new java.net.InetSocketAddress(a, 0).getHostString();
            e.check(stream, host, socket.getPort(), "socket", b, off, len);
        } catch (EgressBlockedException blocked) {
            throw blocked;
        } catch (Throwable t) {
            report(e, t);
        }
    }

    /** Plaintext given to a TLS socket ({@code SSLSocketImpl}), before encryption. */
    public static void tlsSocketWrite(Object stream, Object sslSocket, byte[] b, int off, int len) throws IOException {
        Engine e = engine;
        if (e == null || b == null || len <= 0) {
            return;
        }
        try {
            Object[] peer = e.peerOf(sslSocket);
            e.check(stream, (String) peer[0], (Integer) peer[1], "tls-socket", b, off, len);
        } catch (EgressBlockedException blocked) {
            throw blocked;
        } catch (Throwable t) {
            report(e, t);
        }
    }

    /** Plaintext given to an {@code SSLEngine} to wrap (Netty, Jetty, the JDK's HttpClient...). */
    public static void tlsEngineWrap(javax.net.ssl.SSLEngine sslEngine, ByteBuffer[] src, int off, int len)
            throws javax.net.ssl.SSLException {
        Engine e = engine;
        if (e == null || src == null || len <= 0) {
            return;
        }
        try {
            e.check(sslEngine, sslEngine.getPeerHost(), sslEngine.getPeerPort(), "tls-engine", src, off, len);
        } catch (EgressBlockedException blocked) {
            // wrap() may only throw SSLException; the block stays reachable as its cause
            throw new javax.net.ssl.SSLException(blocked.getMessage(), blocked);
        } catch (Throwable t) {
            report(e, t);
        }
    }

    /** Bytes written to a socket channel (plain NIO clients). */
    public static void channelWrite(java.nio.channels.SocketChannel channel, ByteBuffer[] src, int off, int len)
            throws IOException {
        Engine e = engine;
        if (e == null || src == null || len <= 0) {
            return;
        }
        try {
            Object[] peer = e.peerOf(channel);
            if (peer != null) {
                e.check(channel, (String) peer[0], (Integer) peer[1], "socket-channel", src, off, len);
            }
        } catch (EgressBlockedException blocked) {
            throw blocked;
        } catch (Throwable t) {
            report(e, t);
        }
    }

    /** A single buffer written to a socket channel. */
    public static void channelWrite(java.nio.channels.SocketChannel channel, ByteBuffer src) throws IOException {
        if (engine != null && src != null && src.hasRemaining()) {
            channelWrite(channel, new ByteBuffer[] {src}, 0, 1);
        }
    }

    private static void report(Engine e, Throwable t) {
        try {
            e.internalError("checking a socket write", t);
        } catch (Throwable ignored) {
            // nothing left to report to
        }
    }
}

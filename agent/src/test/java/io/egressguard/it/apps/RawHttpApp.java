package io.egressguard.it.apps;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A client Egress Guard does not know: it writes HTTP by hand over a plain socket, a TLS socket, a socket
 * channel, and an {@code SSLEngine}. Arguments: the allowed plain port, another plain port, a TLS port.
 * The handle and the secret value come from the environment (never from a command line or an output).
 * Prints one line per case: {@code case NAME: sent} or {@code case NAME: blocked <message>}.
 */
public final class RawHttpApp {

    public static void main(String[] args) throws Exception {
        int allowed = Integer.parseInt(args[0]);
        int other = Integer.parseInt(args[1]);
        int tls = Integer.parseInt(args[2]);
        String handle = System.getenv("EG_HANDLE");
        String secret = System.getenv("EG_SECRET");
        run("handle-to-allowed-peer", () -> socket(allowed, request("/allowed", "Bearer " + handle), 0));
        run("handle-to-other-peer", () -> socket(other, request("/other", "Bearer " + handle), 0));
        run("secret-to-other-peer", () -> socket(other, request("/secret", "Bearer " + secret), 0));
        // the second write starts in the middle of the secret (60 bytes of request line and headers before it)
        run("secret-split-across-writes", () -> socket(other, request("/split", "Bearer " + secret), 70));
        run("no-secret-to-other-peer", () -> socket(other, request("/plain", "Bearer nothing-here"), 0));
        run("handle-over-tls-socket", () -> tlsSocket(tls, request("/tls", "Bearer " + handle)));
        run("handle-over-socket-channel", () -> channel(other, request("/channel", "Bearer " + handle)));
        run("handle-into-ssl-engine", () -> engine(request("/engine", "Bearer " + handle)));
    }

    interface Case {
        void run() throws Exception;
    }

    private static void run(String name, Case c) {
        try {
            c.run();
            System.out.println("case " + name + ": sent");
        } catch (Exception e) {
            Throwable t = e;
            while (t.getCause() != null && !t.getClass().getName().endsWith("EgressBlockedException")) {
                t = t.getCause();
            }
            System.out.println("case " + name + ": blocked " + t.getClass().getName() + ": " + t.getMessage());
        }
    }

    private static byte[] request(String path, String authorization) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes the request in two pieces when {@code split} is positive, then reads the whole response. */
    private static void socket(int port, byte[] request, int split) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            if (split > 0) {
                out.write(request, 0, split);
                out.flush();
                out.write(request, split, request.length - split);
            } else {
                out.write(request);
            }
            out.flush();
            drain(s.getInputStream());
        }
    }

    private static void tlsSocket(int port, byte[] request) throws Exception {
        SSLSocketFactory f = SSLContext.getDefault().getSocketFactory();
        try (SSLSocket s = (SSLSocket) f.createSocket("127.0.0.1", port)) {
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            drain(s.getInputStream());
        }
    }

    private static void channel(int port, byte[] request) throws Exception {
        try (SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            ByteBuffer b = ByteBuffer.wrap(request);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            drain(ch.socket().getInputStream());
        }
    }

    /** Plaintext handed to an engine for a peer no rule knows; no network is needed to see the refusal. */
    private static void engine(byte[] request) throws Exception {
        SSLEngine e = SSLContext.getDefault().createSSLEngine("unknown-peer.example", 443);
        e.setUseClientMode(true);
        ByteBuffer net = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
        e.wrap(ByteBuffer.wrap(request), net);
    }

    /** Reads the response's status line: proof that the server got the whole request. */
    private static void drain(InputStream in) throws Exception {
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            // the status line
        }
    }
}

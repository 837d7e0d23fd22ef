package io.egressguard.bench.startup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Notes when the first request of a child JVM arrives (its first byte), and answers every request
 * with 503 and Connection: close, so that the child gives up or the harness stops it.
 */
final class FirstRequestServer implements AutoCloseable {

    private static final byte[] ANSWER = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket socket;
    private volatile long firstRequestAt;

    FirstRequestServer() throws IOException {
        socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "first-request-server");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Forgets the previous child. */
    void reset() {
        firstRequestAt = 0;
    }

    /** Epoch microseconds of the first byte of the first request since {@link #reset}, or 0. */
    long firstRequestAt() {
        return firstRequestAt;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                InputStream in = s.getInputStream();
                if (in.read() < 0) {
                    continue;
                }
                if (firstRequestAt == 0) {
                    firstRequestAt = TimedMain.epochMicros();
                }
                byte[] buf = new byte[8192];
                int n = in.available();
                if (n > 0) {
                    in.read(buf, 0, Math.min(n, buf.length));
                }
                OutputStream out = s.getOutputStream();
                out.write(ANSWER);
                out.flush();
            } catch (IOException e) {
                // the child went away; the next one is accepted
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

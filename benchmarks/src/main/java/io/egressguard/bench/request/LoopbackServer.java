package io.egressguard.bench.request;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 server on loopback, in the benchmark's own JVM: one thread per connection,
 * connections kept alive, every request answered {@code 200 ok} in a single write with Nagle off.
 * (The JDK's built-in server writes headers and body separately, and Nagle's algorithm with delayed
 * acknowledgements then costs 40 ms a request, which would bury everything measured here.)
 * It remembers what the last request carried in {@code Authorization}, so a run can check that its
 * configuration really does what it claims. Request bodies are read and discarded by Content-Length.
 */
final class LoopbackServer implements AutoCloseable {

    private static final byte[] RESPONSE =
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket socket;
    private volatile String lastAuthorization;
    private volatile long requests;

    private LoopbackServer(ServerSocket socket) {
        this.socket = socket;
    }

    /** @param port 0 for any free port; a fixed one when a rule file names it */
    static LoopbackServer start(int port) throws IOException {
        ServerSocket socket = new ServerSocket(port, 64, InetAddress.getLoopbackAddress());
        LoopbackServer server = new LoopbackServer(socket);
        Thread acceptor = new Thread(server::acceptLoop, "loopback-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connection.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(connection), "loopback-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream(), 8192);
            OutputStream out = connection.getOutputStream();
            StringBuilder line = new StringBuilder(128);
            while (true) {
                if (readLine(in, line) < 0) {
                    return; // the client closed the connection
                }
                String authorization = null;
                long contentLength = 0;
                while (readLine(in, line) > 0) {
                    String header = line.toString();
                    int colon = header.indexOf(':');
                    if (colon > 0) {
                        String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                        String value = header.substring(colon + 1).trim();
                        if (name.equals("authorization")) {
                            authorization = value;
                        } else if (name.equals("content-length")) {
                            contentLength = Long.parseLong(value);
                        }
                    }
                }
                in.skipNBytes(contentLength);
                lastAuthorization = authorization;
                requests++;
                out.write(RESPONSE);
                out.flush();
            }
        } catch (IOException | RuntimeException gone) {
            // the client went away mid-request: nothing to answer
        }
    }

    /** Reads one CRLF-terminated line into {@code line}; its length, or -1 at the end of the stream. */
    private static int readLine(InputStream in, StringBuilder line) throws IOException {
        line.setLength(0);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                return -1;
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.length();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    String lastAuthorization() {
        return lastAuthorization;
    }

    long requests() {
        return requests;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

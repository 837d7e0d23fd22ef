package io.egressguard.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP proxy on loopback that records every byte clients send it: {@code CONNECT host:port}
 * tunnels (the bytes inside, TLS for https, are recorded too) and plain requests in absolute form
 * ({@code GET http://host:port/path}), forwarded one per connection. Target names are looked up in a
 * fixed map, never in DNS, so that a test can use invented names such as {@code target.proxied}.
 */
public final class LoopbackProxy implements AutoCloseable {

    private final ServerSocket server;
    private final Map<String, String> names;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream fromClients = new ByteArrayOutputStream();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** @param names host name to IP address, for the targets this proxy may reach */
    public LoopbackProxy(Map<String, String> names) throws IOException {
        this.names = Map.copyOf(names);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "loopback-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The first line of every request clients sent the proxy itself: {@code CONNECT h:p HTTP/1.1}, {@code GET http://...}. */
    public List<String> requestLines() {
        return new ArrayList<>(requestLines);
    }

    /** Everything clients sent, request heads, bodies and tunnelled bytes alike, as ISO-8859-1 text. */
    public String everythingReceived() {
        synchronized (fromClients) {
            return new String(fromClients.toByteArray(), StandardCharsets.ISO_8859_1);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "loopback-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            record(head.getBytes(StandardCharsets.ISO_8859_1), head.length());
            String first = head.substring(0, head.indexOf("\r\n"));
            requestLines.add(first);
            String[] parts = first.split(" ");
            if (parts[0].equals("CONNECT")) {
                tunnel(client, in, parts[1]);
            } else {
                forward(client, in, parts, head);
            }
        } catch (IOException | RuntimeException e) {
            // a client hung up or sent something this proxy does not speak: the connection ends
        }
    }

    private void tunnel(Socket client, InputStream in, String authority) throws IOException {
        int colon = authority.lastIndexOf(':');
        try (Socket target = connect(authority.substring(0, colon), Integer.parseInt(authority.substring(colon + 1)))) {
            client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            client.getOutputStream().flush();
            pipe(in, target.getOutputStream(), true, target);
            pipe(target.getInputStream(), client.getOutputStream(), false, client);
        }
    }

    /** One plain request in absolute form, sent on to its target in origin form with {@code Connection: close}. */
    private void forward(Socket client, InputStream in, String[] requestLine, String head) throws IOException {
        URI uri = URI.create(requestLine[1]);
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        StringBuilder out = new StringBuilder();
        out.append(requestLine[0]).append(' ').append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(' ').append(requestLine[2]).append("\r\n");
        for (String line : head.substring(head.indexOf("\r\n") + 2).split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (!line.isEmpty() && !lower.startsWith("connection:") && !lower.startsWith("proxy-connection:")) {
                out.append(line).append("\r\n");
            }
        }
        out.append("Connection: close\r\n\r\n");
        try (Socket target = connect(uri.getHost(), port)) {
            target.getOutputStream().write(out.toString().getBytes(StandardCharsets.ISO_8859_1));
            target.getOutputStream().flush();
            pipe(in, target.getOutputStream(), true, target); // the body, if any
            pipe(target.getInputStream(), client.getOutputStream(), false, client);
        }
    }

    private Socket connect(String host, int port) throws IOException {
        String ip = names.getOrDefault(host.toLowerCase(Locale.ROOT), host);
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getByName(ip), port), 10000);
        open.add(s);
        return s;
    }

    /** Copies {@code from} to {@code to}; the copy from the client runs in the background and is recorded. */
    private void pipe(InputStream from, OutputStream to, boolean fromClient, Socket toSocket) throws IOException {
        Runnable copy = () -> {
            byte[] b = new byte[8192];
            try {
                int n;
                while ((n = from.read(b)) > 0) {
                    if (fromClient) {
                        record(b, n);
                    }
                    to.write(b, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                if (!fromClient) {
                    try {
                        toSocket.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            }
        };
        if (fromClient) {
            Thread t = new Thread(copy, "loopback-proxy-up");
            t.setDaemon(true);
            t.start();
        } else {
            copy.run();
        }
    }

    private void record(byte[] b, int n) {
        synchronized (fromClients) {
            fromClients.write(b, 0, n);
        }
    }

    /** The request head up to and including the blank line, or null when the client sent nothing. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1 : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                return new String(head.toByteArray(), StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}

package io.egressguard.core.instrumentation.reactornetty;

import io.egressguard.bootstrap.BodyCheck;
import io.egressguard.bootstrap.EgressBlockedException;
import io.egressguard.bootstrap.Guard;
import io.egressguard.bootstrap.OutboundRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.client.HttpClientRequest;

/**
 * Helper defined next to Reactor Netty, called by the advice woven into {@code HttpClientOperations}
 * (one instance of which sends one hop: every redirect and retry gets a new one).
 *
 * <p>The hop is decided once, when Reactor Netty marks its head as sent: the URL it connects to,
 * the headers after its own redirect clean-up and the application's redirect callbacks, and the body
 * when it is sent whole. Credentials are written into the hop's own headers just for the write:
 * full messages copy them on the spot, a streamed head is encoded before its send completes, and the
 * application's view of the headers gets its handles back right after.
 */
public final class ReactorNettyGuard {

    static final String CLIENT = "reactor-netty";

    /** The body of the hop being marked as sent on this thread, when it is sent whole. */
    private static final ThreadLocal<ByteBuf> WHOLE_BODY = new ThreadLocal<>();
    /** Per hop whose headers the guard changed: the headers as the application set them. */
    private static final Map<Object, List<String[]>> ORIGINAL_HEADERS = Collections.synchronizedMap(new WeakHashMap<>());
    /** Per hop whose body the guard cleaned (a prompt to an LLM API): the body to send instead. */
    private static final Map<Object, byte[]> CLEANED_BODIES = Collections.synchronizedMap(new WeakHashMap<>());

    private ReactorNettyGuard() {}

    /** Before the head of a hop is marked as sent: remembers a whole body passed along with it. */
    public static void markingSent(Object operations, Object[] objects) {
        if (operations instanceof HttpClientRequest && objects != null && objects.length == 1 && objects[0] instanceof ByteBuf) {
            WHOLE_BODY.set((ByteBuf) objects[0]);
        }
    }

    public static void markedSent() {
        WHOLE_BODY.remove();
    }

    /** After {@code beforeMarkSentHeaders}: the decision for the hop. Throws only to block it. */
    public static void decide(long key, Object operations) throws IOException {
        if (!(operations instanceof HttpClientRequest) || !Guard.active()) {
            return;
        }
        HttpClientRequest request = (HttpClientRequest) operations;
        OutboundRequest r = Guard.begin(CLIENT).capability(key);
        try {
            if (!describe(r, request)) {
                return;
            }
            HttpHeaders headers = request.requestHeaders();
            List<String[]> original = new ArrayList<>();
            for (Map.Entry<String, String> h : headers) {
                original.add(new String[] {h.getKey(), h.getValue()});
                r.header(h.getKey(), h.getValue());
            }
            ByteBuf body = WHOLE_BODY.get();
            byte[] bytes = body == null ? null : new byte[body.readableBytes()];
            if (bytes != null) {
                body.getBytes(body.readerIndex(), bytes);
            }
            boolean wholeBodyDecided = bytes != null && bytes.length <= Guard.maxBufferedBody();
            if (wholeBodyDecided) {
                r.body(bytes, 0, bytes.length);
            }
            int verdict = Guard.decide(r);
            if (bytes != null && !wholeBodyDecided) {
                // too large to decide with the head, but in memory all the same: check it before anything leaves
                r.declaredBodyLength(bytes.length);
                try (OutputStream check = Guard.bodyCheck(r).wrap(OutputStream.nullOutputStream())) {
                    check.write(bytes);
                }
            }
            if (verdict != Guard.MODIFIED) {
                return;
            }
            if (r.replacedBody() != null) {
                CLEANED_BODIES.put(operations, r.replacedBody());
            }
            if (r.headersChanged()) {
                ORIGINAL_HEADERS.put(operations, original);
                headers.clear();
                for (int i = 0; i < r.headerCount(); i++) {
                    if (r.headerValue(i) != null) {
                        headers.add(r.headerName(i), r.headerValue(i));
                    }
                }
            }
        } finally {
            Guard.end(r);
        }
    }

    /**
     * After a full message (head and whole body) was built from the hop's headers: sends the cleaned
     * body if there is one, and gives the application's headers their handles back.
     */
    public static Object fullMessage(Object operations, Object message) {
        byte[] cleaned = CLEANED_BODIES.remove(operations);
        if (cleaned != null && message instanceof FullHttpMessage) {
            FullHttpMessage full = (FullHttpMessage) message;
            FullHttpMessage replaced = full.replace(Unpooled.wrappedBuffer(cleaned));
            replaced.headers().setInt("Content-Length", cleaned.length);
            full.release();
            message = replaced;
        }
        restore(operations);
        return message;
    }

    /** Gives the application's view of the hop's headers back the values it set. */
    public static void restore(Object operations) {
        List<String[]> original = ORIGINAL_HEADERS.remove(operations);
        if (original == null || !(operations instanceof HttpClientRequest)) {
            return;
        }
        HttpHeaders headers = ((HttpClientRequest) operations).requestHeaders();
        String contentLength = headers.get("Content-Length");
        String transferEncoding = headers.get("Transfer-Encoding");
        headers.clear();
        for (String[] h : original) {
            headers.add(h[0], h[1]);
        }
        // framing headers Reactor Netty set while building the message stay as it set them
        setOrRemove(headers, "Content-Length", contentLength);
        setOrRemove(headers, "Transfer-Encoding", transferEncoding);
    }

    /** A streamed request body, checked as it flows (the head has left by then). */
    @SuppressWarnings("unchecked")
    public static Publisher<?> streamedBody(Object operations, Publisher<?> source) {
        if (!(operations instanceof HttpClientRequest) || source instanceof Mono || !Guard.active()) {
            return source;
        }
        HttpClientRequest request = (HttpClientRequest) operations;
        String method = request.method().name();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("DELETE")) {
            return source; // Reactor Netty gathers these bodies and sends them whole: decided with the head
        }
        OutboundRequest r = Guard.begin(CLIENT);
        try {
            if (!describe(r, request)) {
                return source;
            }
            r.declaredBodyLength(-1);
            BodyCheck check = Guard.bodyCheck(r);
            if (check == BodyCheck.NONE) {
                return source;
            }
            return Flux.defer(() -> new CheckedStream(check).apply((Publisher<ByteBuf>) source));
        } finally {
            Guard.end(r);
        }
    }

    /** Whether {@code t} is the guard's refusal (advice cannot name the bootstrap types in its annotations). */
    public static boolean isBlock(Throwable t) {
        return t instanceof EgressBlockedException;
    }

    /**
     * Fails the hop's exchange with {@code error}, as Reactor Netty does for a failed write. Called when
     * the hop was refused while its outbound side was completing: {@code onError} would find that side
     * closed already and only note the error, leaving the exchange waiting, so the handler Reactor Netty
     * uses for outbound errors is called directly.
     */
    @SuppressWarnings("unchecked")
    public static void fail(Object operations, Throwable error) {
        try {
            Method onOutboundError = ChannelOperations.class.getDeclaredMethod("onOutboundError", Throwable.class);
            onOutboundError.setAccessible(true);
            onOutboundError.invoke(operations, error);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Guard.internalError("failing a refused Reactor Netty request", e);
            if (operations instanceof Subscriber) {
                ((Subscriber<Void>) operations).onError(error);
            }
        }
    }

    public static void release(Object[] objects) {
        if (objects != null) {
            for (Object o : objects) {
                try {
                    ReferenceCountUtil.release(o);
                } catch (RuntimeException alreadyReleased) {
                    // nothing to free
                }
            }
        }
    }

    private static boolean describe(OutboundRequest r, HttpClientRequest request) {
        String url = request.resourceUrl();
        if (url == null) {
            return false;
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            return false; // a Unix domain socket: no network egress
        }
        int pathStart = schemeEnd + 3;
        while (pathStart < url.length() && url.charAt(pathStart) != '/' && url.charAt(pathStart) != '?') {
            pathStart++;
        }
        java.net.URI origin = java.net.URI.create(url.substring(0, pathStart));
        String host = origin.getHost();
        if (host != null && host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String pathAndQuery = request.uri();
        int q = pathAndQuery.indexOf('?');
        r.method(request.method().name()).target(origin.getScheme(), host, origin.getPort(),
                q >= 0 ? pathAndQuery.substring(0, q) : pathAndQuery, q >= 0 ? pathAndQuery.substring(q + 1) : null);
        return true;
    }

    private static void setOrRemove(HttpHeaders headers, String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.set(name, value);
        }
    }

    /** One subscription's pass of a body through the check: what the check lets through goes on. */
    static final class CheckedStream {
        private final ByteArrayOutputStream passed = new ByteArrayOutputStream();
        private final OutputStream checked;

        CheckedStream(BodyCheck check) {
            this.checked = check.wrap(passed);
        }

        Flux<ByteBuf> apply(Publisher<ByteBuf> source) {
            return Flux.from(source).concatMap(this::write).concatWith(Mono.defer(this::finish));
        }

        private Mono<ByteBuf> write(ByteBuf buf) {
            try {
                byte[] bytes = new byte[buf.readableBytes()];
                buf.getBytes(buf.readerIndex(), bytes);
                checked.write(bytes, 0, bytes.length);
                return drain();
            } catch (IOException e) {
                return Mono.error(e);
            } finally {
                buf.release();
            }
        }

        private Mono<ByteBuf> finish() {
            try {
                checked.close();
                return drain();
            } catch (IOException e) {
                return Mono.error(e);
            }
        }

        private Mono<ByteBuf> drain() {
            if (passed.size() == 0) {
                return Mono.empty();
            }
            byte[] out = passed.toByteArray();
            passed.reset();
            return Mono.just(Unpooled.wrappedBuffer(out));
        }
    }
}

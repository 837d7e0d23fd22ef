package io.egressguard.core.instrumentation.jdkhttp;

import io.egressguard.bootstrap.BodyCheck;
import io.egressguard.bootstrap.Guard;
import io.egressguard.bootstrap.JdkBridge;
import io.egressguard.bootstrap.OutboundRequest;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The core side of the {@code java.net.http.HttpClient} advice. */
public final class JdkHttpClientAdapter implements JdkBridge.HttpClientHandler {

    static final String CLIENT = "jdk-httpclient";

    private final VarHandle frameUserHeaders;

    public JdkHttpClientAdapter() throws ReflectiveOperationException {
        Class<?> frame = Class.forName("jdk.internal.net.http.frame.OutgoingHeaders");
        frameUserHeaders = MethodHandles.privateLookupIn(frame, MethodHandles.lookup())
                .findVarHandle(frame, "user", HttpHeaders.class);
    }

    @Override
    public Object[] http1(long key, Object request, Object userHeaders, Object publisher) throws IOException {
        HttpRequest req = (HttpRequest) request;
        HttpHeaders headers = (HttpHeaders) userHeaders;
        OutboundRequest r = Guard.begin(CLIENT).capability(key);
        try {
            describe(r, req, headers);
            byte[] body = InMemoryBodies.read((HttpRequest.BodyPublisher) publisher, Guard.maxBufferedBody());
            if (body != null) {
                r.body(body, 0, body.length);
            }
            int verdict = Guard.decide(r);
            Object newHeaders = verdict == Guard.MODIFIED && r.headersChanged() ? toHeaders(r) : headers;
            Object newPublisher = publisher;
            if (body != null) {
                byte[] send = r.replacedBody() != null ? r.replacedBody() : null;
                if (send != null) {
                    newPublisher = HttpRequest.BodyPublishers.ofByteArray(send);
                }
            } else if (publisher != null) {
                r.declaredBodyLength(((HttpRequest.BodyPublisher) publisher).contentLength());
                BodyCheck check = Guard.bodyCheck(r);
                if (check != BodyCheck.NONE) {
                    newPublisher = new GuardedBodyPublisher((HttpRequest.BodyPublisher) publisher, check);
                }
            }
            return newHeaders == headers && newPublisher == publisher ? null : new Object[] {newHeaders, newPublisher};
        } finally {
            Guard.end(r);
        }
    }

    @Override
    public Object http2Headers(long key, Object request, Object frame, Object publisher) throws IOException {
        HttpHeaders headers = (HttpHeaders) frameUserHeaders.get(frame);
        OutboundRequest r = Guard.begin(CLIENT).capability(key);
        try {
            describe(r, (HttpRequest) request, headers);
            if (publisher instanceof GuardedBodyPublisher) {
                // checked whole now, so that a refused body stops the request before its headers leave
                byte[] body = InMemoryBodies.read(((GuardedBodyPublisher) publisher).original(), Guard.maxBufferedBody());
                if (body != null) {
                    r.body(body, 0, body.length);
                }
            }
            if (Guard.decide(r) == Guard.MODIFIED && r.headersChanged()) {
                frameUserHeaders.set(frame, toHeaders(r));
            }
            return frame;
        } finally {
            Guard.end(r);
        }
    }

    @Override
    public Object http2Body(Object request, Object publisher) {
        OutboundRequest r = Guard.begin(CLIENT);
        try {
            HttpRequest req = (HttpRequest) request;
            r.method(req.method()).target(req.uri());
            HttpRequest.BodyPublisher body = (HttpRequest.BodyPublisher) publisher;
            byte[] inMemory = InMemoryBodies.read(body, Guard.maxBufferedBody());
            if (inMemory != null) {
                // A prompt to an LLM API is cleaned here, before the stream computes its content length.
                r.body(inMemory, 0, inMemory.length);
                byte[] cleaned = Guard.cleanBody(r);
                if (cleaned != null) {
                    body = HttpRequest.BodyPublishers.ofByteArray(cleaned);
                }
            }
            r.declaredBodyLength(body.contentLength());
            BodyCheck check = Guard.bodyCheck(r);
            return check == BodyCheck.NONE ? body : new GuardedBodyPublisher(body, check);
        } catch (IOException blocked) {
            // a secret in a prompt with on-secret: block; the headers step refuses the request
            return publisher;
        } finally {
            Guard.end(r);
        }
    }

    private static void describe(OutboundRequest r, HttpRequest req, HttpHeaders headers) {
        r.method(req.method()).target(req.uri());
        for (Map.Entry<String, List<String>> e : headers.map().entrySet()) {
            for (String v : e.getValue()) {
                r.header(e.getKey(), v);
            }
        }
    }

    private static HttpHeaders toHeaders(OutboundRequest r) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < r.headerCount(); i++) {
            String v = r.headerValue(i);
            if (v != null) {
                map.computeIfAbsent(r.headerName(i), k -> new ArrayList<>()).add(v);
            }
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }
}

package io.egressguard.core.instrumentation.jdkhttp;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.Flow;

/**
 * Reads the bytes of the JDK's own in-memory body publishers ({@code ofString}, {@code ofByteArray},
 * {@code noBody}) on the spot. Those publish synchronously and can be subscribed to again, so the
 * guard can check the whole body before the request's headers leave, and nothing of a refused
 * request reaches the server. Other publishers (files, streams, custom ones) are checked as they flow.
 */
final class InMemoryBodies {

    private static final Set<String> IN_MEMORY = Set.of(
            "jdk.internal.net.http.RequestPublishers$ByteArrayPublisher",
            "jdk.internal.net.http.RequestPublishers$StringPublisher",
            "jdk.internal.net.http.RequestPublishers$EmptyPublisher");

    private InMemoryBodies() {}

    /** The whole body, or {@code null} when it is not an in-memory publisher or is larger than {@code max}. */
    static byte[] read(HttpRequest.BodyPublisher publisher, int max) {
        if (publisher == null || !IN_MEMORY.contains(publisher.getClass().getName()) || publisher.contentLength() > max) {
            return null;
        }
        Collector c = new Collector();
        publisher.subscribe(c);
        return c.done && c.error == null ? c.out.toByteArray() : null;
    }

    private static final class Collector implements Flow.Subscriber<ByteBuffer> {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean done;
        Throwable error;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ByteBuffer item) {
            byte[] b = new byte[item.remaining()];
            item.duplicate().get(b);
            out.write(b, 0, b.length);
        }

        @Override
        public void onError(Throwable t) {
            error = t;
            done = true;
        }

        @Override
        public void onComplete() {
            done = true;
        }
    }
}

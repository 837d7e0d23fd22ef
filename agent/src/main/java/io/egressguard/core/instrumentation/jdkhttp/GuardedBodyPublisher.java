package io.egressguard.core.instrumentation.jdkhttp;

import io.egressguard.bootstrap.BodyCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.net.http.HttpRequest;
import java.util.concurrent.Flow;

/**
 * A body publisher that reads the application's publisher to the end, checks the bytes, and only
 * then publishes them (through the JDK's own byte-array publisher, which handles demand properly).
 * Nothing of the body reaches the network before the check is done; a refused body fails the
 * exchange with the guard's {@link io.egressguard.bootstrap.EgressBlockedException}.
 */
final class GuardedBodyPublisher implements HttpRequest.BodyPublisher {

    private final HttpRequest.BodyPublisher original;
    private final BodyCheck check;

    GuardedBodyPublisher(HttpRequest.BodyPublisher original, BodyCheck check) {
        this.original = original;
        this.check = check;
    }

    HttpRequest.BodyPublisher original() {
        return original;
    }

    @Override
    public long contentLength() {
        return original.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> downstream) {
        original.subscribe(new Collector(downstream));
    }

    private final class Collector implements Flow.Subscriber<ByteBuffer> {
        private final Flow.Subscriber<? super ByteBuffer> downstream;
        private final ByteArrayOutputStream checked = new ByteArrayOutputStream();
        private final OutputStream guarded;
        private IOException refused;

        Collector(Flow.Subscriber<? super ByteBuffer> downstream) {
            this.downstream = downstream;
            this.guarded = check.wrap(checked);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ByteBuffer item) {
            if (refused != null) {
                return;
            }
            try {
                if (item.hasArray()) {
                    guarded.write(item.array(), item.arrayOffset() + item.position(), item.remaining());
                } else {
                    byte[] copy = new byte[item.remaining()];
                    item.duplicate().get(copy);
                    guarded.write(copy, 0, copy.length);
                }
            } catch (IOException e) {
                refused = e;
            }
        }

        @Override
        public void onError(Throwable error) {
            downstream.onSubscribe(NoSubscription.INSTANCE);
            downstream.onError(error);
        }

        @Override
        public void onComplete() {
            if (refused == null) {
                try {
                    guarded.close();
                } catch (IOException e) {
                    refused = e;
                }
            }
            if (refused != null) {
                downstream.onSubscribe(NoSubscription.INSTANCE);
                downstream.onError(refused);
                return;
            }
            HttpRequest.BodyPublishers.ofByteArray(checked.toByteArray()).subscribe(downstream);
        }
    }

    private enum NoSubscription implements Flow.Subscription {
        INSTANCE;

        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
    }
}

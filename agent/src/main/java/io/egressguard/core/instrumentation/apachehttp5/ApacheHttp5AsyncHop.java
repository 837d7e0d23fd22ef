package io.egressguard.core.instrumentation.apachehttp5;

import io.egressguard.bootstrap.BodyCheck;
import io.egressguard.bootstrap.EgressBlockedException;
import io.egressguard.bootstrap.Guard;
import io.egressguard.bootstrap.OutboundRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * Helper defined next to httpclient5: decides one hop of an async HttpClient 5 request when the exec
 * chain hands it to the main exec, and, standing in for the exec callback, puts the request back as it
 * was once the response (or a failure) arrives, by when its head has been written.
 */
public final class ApacheHttp5AsyncHop implements AsyncExecCallback {

    private final AsyncExecCallback delegate;
    private final HttpRequest request;
    private final Header[] originalHeaders;
    private final AsyncEntityProducer producer;
    private final AtomicBoolean restored = new AtomicBoolean();

    private ApacheHttp5AsyncHop(AsyncExecCallback delegate, HttpRequest request, Header[] originalHeaders,
            AsyncEntityProducer producer) {
        this.delegate = delegate;
        this.request = request;
        this.originalHeaders = originalHeaders;
        this.producer = producer;
    }

    /** @return the hop to stand in for the callback, or {@code null} when the request leaves as it is */
    public static ApacheHttp5AsyncHop before(long key, HttpRequest request, AsyncEntityProducer producer,
            AsyncExecChain.Scope scope, AsyncExecCallback callback) throws IOException {
        try {
            return decide(key, request, producer, scope, callback);
        } catch (EgressBlockedException blocked) {
            throw blocked;
        } catch (RuntimeException | LinkageError e) {
            Guard.internalError("deciding a request of " + ApacheHttp5Requests.CLIENT, e);
            return null;
        }
    }

    private static ApacheHttp5AsyncHop decide(long key, HttpRequest request, AsyncEntityProducer producer,
            AsyncExecChain.Scope scope, AsyncExecCallback callback) throws IOException {
        if ("CONNECT".equalsIgnoreCase(request.getMethod()) || scope == null || scope.route == null) {
            return null;
        }
        OutboundRequest r = Guard.begin(ApacheHttp5Requests.CLIENT);
        try {
            Header[] headers = ApacheHttp5Requests.describe(r, request, scope.route.getTargetHost());
            if (headers == null) {
                return null;
            }
            r.capability(key);
            byte[] whole = producer == null ? null : readWhole(producer, Guard.maxBufferedBody());
            if (whole != null) {
                r.body(whole, 0, whole.length);
            }
            int verdict = Guard.decide(r);
            AsyncEntityProducer newProducer = null;
            if (whole != null) {
                byte[] send = verdict == Guard.MODIFIED && r.replacedBody() != null ? r.replacedBody() : whole;
                // the length header is written from the producer when the head is committed
                newProducer = new BytesProducer(send, producer.getContentType(), producer.getContentEncoding());
            }
            if (producer != null && whole == null) {
                long length = producer.getContentLength();
                r.declaredBodyLength(producer.isChunked() ? -1 : length);
                BodyCheck check = Guard.bodyCheck(r);
                if (check != BodyCheck.NONE) {
                    newProducer = new GuardedProducer(producer, check);
                }
            }
            Header[] newHeaders = verdict == Guard.MODIFIED && r.headersChanged() ? ApacheHttp5Requests.decidedHeaders(r) : null;
            if (newHeaders == null && newProducer == null) {
                return null;
            }
            if (newHeaders != null) {
                request.setHeaders(newHeaders);
            }
            return new ApacheHttp5AsyncHop(callback, request, newHeaders != null ? headers : null,
                    newProducer != null ? newProducer : producer);
        } finally {
            Guard.end(r);
        }
    }

    /**
     * The body of a repeatable producer, or {@code null} when it is one-shot, larger than {@code max}
     * or does not produce everything at once. The producer is reset afterwards, as for a retry.
     */
    private static byte[] readWhole(AsyncEntityProducer producer, int max) throws IOException {
        long length = producer.getContentLength();
        if (!producer.isRepeatable() || length > max) {
            return null;
        }
        Collector collector = new Collector(max);
        try {
            for (int round = 0; round < 64 && !collector.ended && !collector.tooLarge; round++) {
                int before = collector.bytes.size();
                producer.produce(collector);
                if (collector.bytes.size() == before && !collector.ended) {
                    break; // waits for something: not a body in memory
                }
            }
        } finally {
            producer.releaseResources();
        }
        return collector.ended && !collector.tooLarge ? collector.bytes.toByteArray() : null;
    }

    /** The body producer to send: the original, or one with the bytes read (and maybe cleaned). */
    public AsyncEntityProducer producer() {
        return producer;
    }

    /** Puts the application's headers back; once. */
    public void restore() {
        if (originalHeaders != null && restored.compareAndSet(false, true)) {
            request.setHeaders(originalHeaders);
        }
    }

    @Override
    public AsyncDataConsumer handleResponse(HttpResponse response, EntityDetails entityDetails) throws HttpException, IOException {
        restore();
        return delegate.handleResponse(response, entityDetails);
    }

    @Override
    public void handleInformationResponse(HttpResponse response) throws HttpException, IOException {
        delegate.handleInformationResponse(response);
    }

    @Override
    public void completed() {
        restore();
        delegate.completed();
    }

    @Override
    public void failed(Exception cause) {
        restore();
        delegate.failed(cause);
    }

    /** Takes whatever a producer writes, up to a limit. */
    static final class Collector implements DataStreamChannel {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int max;
        boolean ended;
        boolean tooLarge;

        Collector(int max) {
            this.max = max;
        }

        @Override
        public void requestOutput() {
            // always ready
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            if (bytes.size() + n > max) {
                tooLarge = true;
                return 0;
            }
            for (int i = 0; i < n; i++) {
                bytes.write(src.get());
            }
            return n;
        }

        @Override
        public void endStream(List<? extends Header> trailers) {
            ended = true;
        }

        @Override
        public void endStream() {
            ended = true;
        }
    }
}

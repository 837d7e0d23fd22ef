package io.egressguard.core.instrumentation.apachehttp5;

import io.egressguard.bootstrap.BodyCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * A streamed async body, checked as it is produced. What the application's producer writes goes
 * through the check (which holds back a possible secret prefix and throws when it finds one) into a
 * small queue, and from there to the connection as fast as it takes it.
 */
final class GuardedProducer implements AsyncEntityProducer {

    private final AsyncEntityProducer delegate;
    private final BodyCheck check;
    private Queue queue;
    private OutputStream checked;
    private boolean delegateEnded;
    private List<? extends Header> trailers;

    GuardedProducer(AsyncEntityProducer delegate, BodyCheck check) {
        this.delegate = delegate;
        this.check = check;
        reset();
    }

    private void reset() {
        queue = new Queue();
        checked = check.wrap(queue);
        delegateEnded = false;
        trailers = null;
    }

    @Override
    public synchronized void produce(DataStreamChannel channel) throws IOException {
        if (!queue.drainTo(channel)) {
            channel.requestOutput();
            return;
        }
        if (!delegateEnded) {
            delegate.produce(new DataStreamChannel() {
                @Override
                public void requestOutput() {
                    channel.requestOutput();
                }

                @Override
                public int write(ByteBuffer src) throws IOException {
                    int n = src.remaining();
                    byte[] b = new byte[n];
                    src.get(b);
                    checked.write(b, 0, n); // throws EgressBlockedException before a byte of a secret is queued
                    return n;
                }

                @Override
                public void endStream(List<? extends Header> endTrailers) throws IOException {
                    checked.close(); // ends the check: the held-back tail joins the queue
                    trailers = endTrailers;
                    delegateEnded = true;
                }

                @Override
                public void endStream() throws IOException {
                    endStream(null);
                }
            });
        }
        if (queue.drainTo(channel)) {
            if (delegateEnded) {
                channel.endStream(trailers);
            }
        } else {
            channel.requestOutput();
        }
    }

    @Override
    public synchronized int available() {
        return queue.size() + (delegateEnded ? 0 : Math.max(delegate.available(), 0));
    }

    @Override
    public synchronized void releaseResources() {
        delegate.releaseResources();
        reset(); // a retry produces the body again, from the start
    }

    @Override
    public boolean isRepeatable() {
        return delegate.isRepeatable();
    }

    @Override
    public void failed(Exception cause) {
        delegate.failed(cause);
    }

    @Override
    public long getContentLength() {
        return delegate.getContentLength();
    }

    @Override
    public String getContentType() {
        return delegate.getContentType();
    }

    @Override
    public String getContentEncoding() {
        return delegate.getContentEncoding();
    }

    @Override
    public boolean isChunked() {
        return delegate.isChunked();
    }

    @Override
    public Set<String> getTrailerNames() {
        return delegate.getTrailerNames();
    }

    /** Checked bytes waiting for the connection. */
    static final class Queue extends ByteArrayOutputStream {
        private int sent;

        /** Writes what the channel takes; true when nothing is left waiting. */
        boolean drainTo(DataStreamChannel channel) throws IOException {
            if (sent < count) {
                ByteBuffer pending = ByteBuffer.wrap(buf, sent, count - sent);
                sent += channel.write(pending);
            }
            if (sent == count) {
                reset();
                sent = 0;
                return true;
            }
            return false;
        }

        @Override
        public synchronized int size() {
            return count - sent;
        }

        @Override
        public void close() {
            // the connection's end of stream is sent by the producer, not here
        }
    }
}

package io.egressguard.core.instrumentation.apachehttp5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * A body in memory that announces the content type and encoding of the one it stands for, so that the
 * headers written from it stay what the application asked for (only the length follows the bytes).
 */
final class BytesProducer implements AsyncEntityProducer {

    private final byte[] bytes;
    private final String contentType;
    private final String contentEncoding;
    private ByteBuffer remaining;

    BytesProducer(byte[] bytes, String contentType, String contentEncoding) {
        this.bytes = bytes;
        this.contentType = contentType;
        this.contentEncoding = contentEncoding;
        this.remaining = ByteBuffer.wrap(bytes);
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public void failed(Exception cause) {
        // nothing held
    }

    @Override
    public long getContentLength() {
        return bytes.length;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public String getContentEncoding() {
        return contentEncoding;
    }

    @Override
    public boolean isChunked() {
        return false;
    }

    @Override
    public Set<String> getTrailerNames() {
        return null;
    }

    @Override
    public synchronized int available() {
        return remaining.remaining();
    }

    @Override
    public synchronized void produce(DataStreamChannel channel) throws IOException {
        if (remaining.hasRemaining()) {
            channel.write(remaining);
        }
        if (!remaining.hasRemaining()) {
            channel.endStream();
        }
    }

    @Override
    public synchronized void releaseResources() {
        remaining = ByteBuffer.wrap(bytes);
    }
}

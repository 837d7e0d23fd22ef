package io.egressguard.core.instrumentation.okhttp;

import io.egressguard.bootstrap.BodyCheck;
import io.egressguard.bootstrap.Guard;
import io.egressguard.bootstrap.OutboundRequest;
import java.io.IOException;
import java.io.OutputStream;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;

/**
 * Helper defined in the application's class loader next to OkHttp (it implements OkHttp's
 * {@link Interceptor}). As the last network interceptor it sees each hop's final request: the URL
 * OkHttp connects to, every header, and the body.
 *
 * <p>The response handed back up the chain carries the request as the application built it, so the
 * application never sees an injected credential through {@code response.networkResponse().request()}.
 */
public final class EgressGuardInterceptor implements Interceptor {

    private static final String REAL_CHAIN = "okhttp3.internal.http.RealInterceptorChain";

    /** {@code RequestBody.isDuplex()} appeared in OkHttp 3.14; before it no body is duplex. */
    private static final boolean HAS_DUPLEX = declares(RequestBody.class, "isDuplex");

    private final long key;

    /** Created by the advice woven into {@code OkHttpClient}, which knows the key. */
    public EgressGuardInterceptor(long key) {
        this.key = key;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Request toSend;
        OutboundRequest r = Guard.begin("okhttp");
        // Only OkHttp's own chain may receive a credential: application code calling this
        // interceptor with a chain of its own must not be able to read what it would inject.
        Class<?> chainClass = chain.getClass();
        if (chainClass.getName().equals(REAL_CHAIN) && chainClass.getClassLoader() == Interceptor.class.getClassLoader()) {
            r.capability(key);
        }
        try {
            HttpUrl url = request.url();
            r.method(request.method()).target(url.scheme(), url.host(), url.port(), url.encodedPath(), url.encodedQuery());
            Headers headers = request.headers();
            for (int i = 0; i < headers.size(); i++) {
                r.header(headers.name(i), headers.value(i));
            }
            RequestBody body = request.body();
            RequestBody newBody = body;
            if (body != null) {
                long length = body.contentLength();
                if (!(HAS_DUPLEX && body.isDuplex()) && length >= 0 && length <= Guard.maxBufferedBody()) {
                    Buffer buffer = new Buffer();
                    body.writeTo(buffer);
                    byte[] bytes = buffer.readByteArray();
                    r.body(bytes, 0, bytes.length);
                    // the original may be one-shot: from here on, send the bytes read
                    newBody = bodyOf(body.contentType(), bytes);
                }
            }
            int verdict = Guard.decide(r);
            if (body != null && newBody == body) {
                r.declaredBodyLength(body.contentLength());
                BodyCheck check = Guard.bodyCheck(r);
                if (check != BodyCheck.NONE) {
                    newBody = new GuardedBody(body, check);
                }
            }
            if (verdict == Guard.MODIFIED && r.replacedBody() != null) {
                newBody = bodyOf(body == null ? null : body.contentType(), r.replacedBody());
            }
            if (verdict == Guard.PASS && newBody == body) {
                toSend = request;
            } else {
                Request.Builder b = request.newBuilder();
                if (verdict == Guard.MODIFIED && r.headersChanged()) {
                    Headers.Builder hb = new Headers.Builder();
                    for (int i = 0; i < r.headerCount(); i++) {
                        String value = r.headerValue(i);
                        if (value != null) {
                            hb.addUnsafeNonAscii(r.headerName(i), value);
                        }
                    }
                    b.headers(hb.build());
                }
                b.method(request.method(), newBody);
                if (newBody != body && newBody != null && request.header("Content-Length") != null) {
                    // the bridge interceptor announced the original length; a cleaned body may be shorter
                    b.header("Content-Length", Long.toString(newBody.contentLength()));
                }
                toSend = b.build();
            }
        } catch (RuntimeException | LinkageError e) {
            // the guard's own failure (or a request object that fails only when the guard asks it) never
            // reaches the application: the request goes as the application built it, its handles inert
            Guard.internalError("deciding a request of okhttp", e);
            toSend = request;
        } finally {
            Guard.end(r);
        }
        Response response = chain.proceed(toSend);
        if (toSend == request) {
            return response;
        }
        return response.newBuilder().request(request).build();
    }

    /** The one factory every OkHttp from 3.12 to 5.x has: {@code create(byte[], MediaType)} is 4.x and later. */
    @SuppressWarnings("deprecation")
    private static RequestBody bodyOf(MediaType type, byte[] bytes) {
        return RequestBody.create(type, bytes);
    }

    private static boolean declares(Class<?> type, String method) {
        try {
            type.getMethod(method);
            return true;
        } catch (NoSuchMethodException | SecurityException e) {
            return false;
        }
    }

    /** A body too large or too streamy to check whole: checked as it is written, with a hold-back. */
    static final class GuardedBody extends RequestBody {
        private final RequestBody delegate;
        private final BodyCheck check;

        GuardedBody(RequestBody delegate, BodyCheck check) {
            this.delegate = delegate;
            this.check = check;
        }

        @Override
        public MediaType contentType() {
            return delegate.contentType();
        }

        @Override
        public long contentLength() throws IOException {
            return delegate.contentLength();
        }

        @Override
        public boolean isDuplex() {
            return delegate.isDuplex();
        }

        @Override
        public boolean isOneShot() {
            return delegate.isOneShot();
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            OutputStream guarded = check.wrapKeepingOpen(sink.outputStream());
            BufferedSink through = Okio.buffer(Okio.sink(guarded));
            delegate.writeTo(through);
            through.close(); // ends the check and writes the held-back tail; OkHttp closes the real sink
        }
    }

}

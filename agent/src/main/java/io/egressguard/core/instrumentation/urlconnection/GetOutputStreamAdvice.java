package io.egressguard.core.instrumentation.urlconnection;

import io.egressguard.bootstrap.JdkBridge;
import java.io.OutputStream;
import java.net.URL;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code sun.net.www.protocol.http.HttpURLConnection.getOutputStream()}. In streaming mode
 * (fixed length or chunked) the headers are already on the wire when the body stream is handed out,
 * so the body is checked as it is written; in the default mode the body is buffered and checked whole
 * in {@link WriteRequestsAdvice}.
 */
public final class GetOutputStreamAdvice {

    private GetOutputStreamAdvice() {}

    @Advice.OnMethodExit
    public static void exit(@Advice.FieldValue("url") URL url, @Advice.FieldValue("method") String method,
            @Advice.FieldValue("fixedContentLength") int fixedLength,
            @Advice.FieldValue("fixedContentLengthLong") long fixedLengthLong,
            @Advice.FieldValue("chunkLength") int chunkLength,
            @Advice.Return(readOnly = false) OutputStream out) {
        if (fixedLength != -1 || fixedLengthLong != -1 || chunkLength != -1) {
            long declared = fixedLengthLong != -1 ? fixedLengthLong : fixedLength != -1 ? fixedLength : -1;
            out = JdkBridge.urlConnectionStreamingBody(url, method, declared, out);
        }
    }
}

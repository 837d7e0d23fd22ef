package io.egressguard.core.instrumentation.backstop;

import io.egressguard.bootstrap.Backstop;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code sun.security.ssl.SSLSocketImpl$AppOutputStream.write(byte[], int, int)}: the
 * plaintext an application writes to a TLS socket, before it is encrypted.
 */
public final class TlsSocketWriteAdvice {

    private TlsSocketWriteAdvice() {}

    @Advice.OnMethodEnter
    public static void enter(@Advice.This Object stream, @Advice.FieldValue("this$0") Object socket,
            @Advice.Argument(0) byte[] b, @Advice.Argument(1) int off, @Advice.Argument(2) int len)
            throws java.io.IOException {
        Backstop.tlsSocketWrite(stream, socket, b, off, len);
    }
}

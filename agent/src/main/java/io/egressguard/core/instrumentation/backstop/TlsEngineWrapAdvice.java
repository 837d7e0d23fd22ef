package io.egressguard.core.instrumentation.backstop;

import io.egressguard.bootstrap.Backstop;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code sun.security.ssl.SSLEngineImpl.wrap(ByteBuffer[], int, int, ByteBuffer[], int, int)},
 * which every other {@code wrap} overload calls: the plaintext about to be encrypted.
 */
public final class TlsEngineWrapAdvice {

    private TlsEngineWrapAdvice() {}

    @Advice.OnMethodEnter
    public static void enter(@Advice.This SSLEngine engine, @Advice.Argument(0) ByteBuffer[] src,
            @Advice.Argument(1) int off, @Advice.Argument(2) int len) throws javax.net.ssl.SSLException {
        Backstop.tlsEngineWrap(engine, src, off, len);
    }
}

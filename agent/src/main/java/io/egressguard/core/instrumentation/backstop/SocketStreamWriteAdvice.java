package io.egressguard.core.instrumentation.backstop;

import io.egressguard.bootstrap.Backstop;
import java.net.Socket;
import net.bytebuddy.asm.Advice;

/** Woven into {@code java.net.Socket$SocketOutputStream.write(byte[], int, int)}: bytes to a plain socket. */
public final class SocketStreamWriteAdvice {

    private SocketStreamWriteAdvice() {}

    @Advice.OnMethodEnter
    public static void enter(@Advice.This Object stream, @Advice.FieldValue("parent") Socket socket,
            @Advice.Argument(0) byte[] b, @Advice.Argument(1) int off, @Advice.Argument(2) int len)
            throws java.io.IOException {
        Backstop.socketWrite(stream, socket, b, off, len);
    }
}

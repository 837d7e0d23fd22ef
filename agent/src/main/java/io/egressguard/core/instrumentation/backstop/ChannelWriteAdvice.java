package io.egressguard.core.instrumentation.backstop;

import io.egressguard.bootstrap.Backstop;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import net.bytebuddy.asm.Advice;

/** Woven into {@code sun.nio.ch.SocketChannelImpl.write(ByteBuffer)}. */
public final class ChannelWriteAdvice {

    private ChannelWriteAdvice() {}

    @Advice.OnMethodEnter
    public static void enter(@Advice.This SocketChannel channel, @Advice.Argument(0) ByteBuffer src)
            throws java.io.IOException {
        Backstop.channelWrite(channel, src);
    }
}

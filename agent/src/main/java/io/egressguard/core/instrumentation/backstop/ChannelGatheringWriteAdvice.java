package io.egressguard.core.instrumentation.backstop;

import io.egressguard.bootstrap.Backstop;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import net.bytebuddy.asm.Advice;

/** Woven into {@code sun.nio.ch.SocketChannelImpl.write(ByteBuffer[], int, int)}. */
public final class ChannelGatheringWriteAdvice {

    private ChannelGatheringWriteAdvice() {}

    @Advice.OnMethodEnter
    public static void enter(@Advice.This SocketChannel channel, @Advice.Argument(0) ByteBuffer[] src,
            @Advice.Argument(1) int off, @Advice.Argument(2) int len) throws java.io.IOException {
        Backstop.channelWrite(channel, src, off, len);
    }
}

package io.egressguard.core.instrumentation.mcp;

import io.egressguard.core.instrument.GuardKey;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import reactor.core.publisher.Mono;

/**
 * Woven into {@code McpAsyncClient.callTool} (which the sync client calls too): the call is decided
 * when it is made; a refused call's {@code Mono} fails with the refusal, an allowed one runs as the
 * called tool.
 */
public final class AsyncCallToolAdvice {

    private AsyncCallToolAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@GuardKey long key, @Advice.This Object client,
            @Advice.Argument(0) Object request,
            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Mono<Object> call) {
        call = McpClientCalls.decide(key, client, request, call);
    }
}

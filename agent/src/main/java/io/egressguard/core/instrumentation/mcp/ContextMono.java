package io.egressguard.core.instrumentation.mcp;

import io.egressguard.bootstrap.ToolContext;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

/**
 * A {@code Mono} subscribed to in a tool's context: what the source does on the subscribing thread
 * (send a request, run a callable) belongs to the tool, and schedulers carry the context on from
 * there. The thread leaves the context when {@code subscribe} returns.
 */
public final class ContextMono<T> extends Mono<T> {

    private final Mono<T> source;
    private final ToolContext context;

    public ContextMono(Mono<T> source, ToolContext context) {
        this.source = source;
        this.context = context;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        Object token = ToolContext.resume(context);
        try {
            source.subscribe(actual);
        } finally {
            ToolContext.exit(token);
        }
    }
}

package io.egressguard.core.instrumentation.mcp;

import io.egressguard.bootstrap.EgressBlockedException;
import io.egressguard.bootstrap.Guard;
import io.egressguard.bootstrap.McpCalls;
import io.egressguard.bootstrap.ToolContext;
import java.lang.reflect.Field;
import java.net.URI;
import reactor.core.publisher.Mono;

/** What the client advice does: finds out which server a call goes to, has it decided, applies the decision. */
public final class McpClientCalls {

    private McpClientCalls() {}

    public static Mono<Object> decide(long key, Object client, Object request,
            Mono<Object> call) {
        if (call == null || request == null || client == null) {
            return call;
        }
        String serverName = McpNames.name(McpNames.call(client, "getServerInfo"));
        ToolContext context;
        try {
            context = McpCalls.authorize(key, serverUrl(client), serverName, McpNames.name(request));
        } catch (EgressBlockedException refused) {
            return Mono.error(refused);
        }
        return context == null ? call : new ContextMono<>(call, context);
    }

    /**
     * The URL the client's HTTP transport posts to (the SDK's streamable HTTP and SSE transports), or
     * {@code null} for other transports (stdio, custom) or when the SDK's fields are not where expected.
     */
    static String serverUrl(Object client) {
        try {
            Object transport = Address.FIELDS.get(client.getClass()).transport.get(client);
            if (transport == null) {
                return null;
            }
            Address a = Address.FIELDS.get(transport.getClass());
            if (a.baseUri == null || a.endpoint == null) {
                return null;
            }
            URI base = (URI) a.baseUri.get(transport);
            String endpoint = (String) a.endpoint.get(transport);
            return base == null ? null : endpoint == null ? base.toString() : base.resolve(endpoint).toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            Guard.internalError("finding the URL of an MCP client's transport", e);
            return null;
        }
    }

    /** The fields, looked up once per class; {@code null} where a class does not have them. */
    static final class Address {
        static final ClassValue<Address> FIELDS = new ClassValue<Address>() {
            @Override
            protected Address computeValue(Class<?> type) {
                return new Address(field(type, "transport"), field(type, "baseUri"),
                        field(type, "endpoint") != null ? field(type, "endpoint") : field(type, "sseEndpoint"));
            }
        };

        final Field transport;
        final Field baseUri;
        final Field endpoint;

        Address(Field transport, Field baseUri, Field endpoint) {
            this.transport = transport;
            this.baseUri = baseUri;
            this.endpoint = endpoint;
        }

        private static Field field(Class<?> type, String name) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                try {
                    Field f = c.getDeclaredField(name);
                    f.setAccessible(true);
                    return f;
                } catch (NoSuchFieldException e) {
                    // look in the superclass
                } catch (RuntimeException e) {
                    return null; // not open to us (a named module): the server is then known by name only
                }
            }
            return null;
        }
    }
}

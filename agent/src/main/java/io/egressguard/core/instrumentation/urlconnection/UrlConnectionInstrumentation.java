package io.egressguard.core.instrumentation.urlconnection;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.egressguard.core.instrument.Instrumentation;
import io.egressguard.core.instrument.TypeAdvice;
import java.util.List;

/**
 * {@code java.net.HttpURLConnection} for http and https (the JDK's {@code sun.net.www} implementation).
 *
 * <p>The choke point is {@code sun.net.www.http.HttpClient.writeRequests(MessageHeader,
 * PosterOutputStream)}: it writes the request line, every header and a buffered body to the socket,
 * once per hop, including hops of redirects that {@code HttpURLConnection} follows itself. The guard
 * rewrites the headers just before and restores them just after, so a credential injected for one
 * hop is never carried to the next. Bodies in streaming mode are checked as they are written.
 */
public final class UrlConnectionInstrumentation implements Instrumentation {

    @Override
    public String name() {
        return "httpurlconnection";
    }

    @Override
    public List<TypeAdvice> types() {
        return List.of(
                TypeAdvice.of("sun.net.www.http.HttpClient").advise(
                        named("writeRequests").and(takesArguments(2)), WriteRequestsAdvice.class,
                        "method writeRequests(MessageHeader, PosterOutputStream)"),
                TypeAdvice.of("sun.net.www.protocol.http.HttpURLConnection").advise(
                        named("getOutputStream").and(takesArguments(0)), GetOutputStreamAdvice.class,
                        "method getOutputStream()"));
    }
}

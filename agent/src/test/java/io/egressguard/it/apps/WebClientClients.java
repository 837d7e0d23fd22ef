package io.egressguard.it.apps;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/** The {@link HttpScenarios} client {@code webclient}: Spring's {@code WebClient} on Reactor Netty, following redirects. */
final class WebClientClients {

    private static final WebClient CLIENT = WebClient.builder()
            .clientConnector(new ReactorClientHttpConnector(ReactorNettyClients.HTTP11)).build();

    private WebClientClients() {}

    static String[] send(String method, String url, List<String[]> headers, String body) {
        WebClient.RequestBodySpec spec = CLIENT.method(HttpMethod.valueOf(method))
                .uri(URI.create(url)).headers(h -> headers.forEach(kv -> h.add(kv[0], kv[1])));
        WebClient.RequestHeadersSpec<?> request = body == null ? spec : spec.bodyValue(body);
        return request.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                .map(text -> new String[] {String.valueOf(response.statusCode().value()), text, "http/1.1"}))
                .retryWhen(ReactorNettyClients.RETRY_DROPPED).block(Duration.ofSeconds(30));
    }
}

package io.egressguard.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * The {@link HttpScenarios} clients {@code spring-restclient-jdk} (Spring's {@code RestClient} over the JDK's
 * {@code HttpClient}) and {@code spring-resttemplate-apache} ({@code RestTemplate} over Apache HttpClient 5).
 * Spring adds no hook of its own: the guard decides in the transport underneath, which is what these prove.
 */
final class SpringClients {

    private static RestClient restClient;
    private static RestTemplate restTemplate;

    private SpringClients() {}

    static String[] send(String client, String method, String url, List<String[]> headers, String body) {
        if (client.equals("spring-restclient-jdk")) {
            if (restClient == null) {
                HttpClient jdk = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                        .version(HttpClient.Version.HTTP_1_1).build();
                restClient = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(jdk)).build();
            }
            RestClient.RequestBodySpec spec = restClient.method(HttpMethod.valueOf(method)).uri(URI.create(url))
                    .headers(h -> headers.forEach(kv -> h.add(kv[0], kv[1])));
            if (body != null) {
                spec.body(body.getBytes(StandardCharsets.UTF_8));
            }
            return spec.exchange((request, response) -> new String[] {
                String.valueOf(response.getStatusCode().value()),
                new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8), "http/1.1"});
        }
        if (restTemplate == null) {
            restTemplate = new RestTemplate(new HttpComponentsClientHttpRequestFactory());
        }
        return restTemplate.execute(URI.create(url), HttpMethod.valueOf(method), request -> {
            headers.forEach(kv -> request.getHeaders().add(kv[0], kv[1]));
            if (body != null) {
                request.getBody().write(body.getBytes(StandardCharsets.UTF_8));
            }
        }, response -> new String[] {String.valueOf(response.getStatusCode().value()),
            new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8), "http/1.1"});
    }
}

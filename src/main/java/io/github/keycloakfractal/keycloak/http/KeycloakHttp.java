package io.github.keycloakfractal.keycloak.http;

import io.github.keycloakfractal.fractal.HttpTransport;
import org.keycloak.http.simple.SimpleHttp;
import org.keycloak.http.simple.SimpleHttpRequest;
import org.keycloak.http.simple.SimpleHttpResponse;
import org.keycloak.models.KeycloakSession;

import java.io.IOException;
import java.util.Map;

/** The core's {@link HttpTransport} on Keycloak's HTTP client: Keycloak's truststore, proxy settings and timeouts. */
public final class KeycloakHttp {
    private KeycloakHttp() {
    }

    /** POSTs a form (e.g. an OAuth grant) and returns the answer whatever its status. */
    public static HttpTransport.Answer postForm(KeycloakSession session, String url, Map<String, String> form) throws IOException {
        SimpleHttpRequest request = SimpleHttp.create(session).doPost(url).acceptJson();
        form.forEach(request::param);
        try (SimpleHttpResponse response = request.asResponse()) {
            return new HttpTransport.Answer(response.getStatus(), response.asString());
        }
    }

    public static HttpTransport transport(KeycloakSession session) {
        return (url, bearer) -> {
            SimpleHttpRequest request = SimpleHttp.create(session).doGet(url).acceptJson();
            bearer.ifPresent(request::auth);
            try (SimpleHttpResponse response = request.asResponse()) {
                return new HttpTransport.Answer(response.getStatus(), response.asString());
            }
        };
    }
}

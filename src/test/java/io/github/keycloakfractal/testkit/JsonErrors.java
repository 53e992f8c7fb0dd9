package io.github.keycloakfractal.testkit;

import java.io.IOException;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The extension's errors, as a client sees them: a status and {@code {"error": ..., "error_description": ...}}. */
public final class JsonErrors {
    private JsonErrors() {
    }

    public static void assertRefused(HttpResponse<String> answer, int status, String error) throws IOException {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(AdminApi.JSON.readTree(answer.body()).path("error").asText()).as(answer.body()).isEqualTo(error);
    }
}

package io.github.keycloakfractal.fractal.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.keycloakfractal.fractal.HttpTransport;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Fractal's Credentials API: {@code GET <base>/?message=...&signature=...} turns a wallet owner's signed
 * authorization message into a proof signed by Fractal. Fractal's documented refusals come back as
 * {@link CredentialException} with Fractal's code (so callers can pass them on as they are); anything else (an
 * outage, an undocumented answer) is {@link CredentialsUnavailableException}.
 */
public final class CredentialsApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpTransport transport;

    public CredentialsApi(String baseUrl, HttpTransport transport) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.transport = transport;
    }

    public FractalProof proofFor(CredentialMessage message, PersonalSignature signature) throws CredentialsUnavailableException {
        String url = baseUrl + "?message=" + URLEncoder.encode(message.text(), StandardCharsets.UTF_8)
                + "&signature=" + URLEncoder.encode(signature.toString(), StandardCharsets.UTF_8);
        HttpTransport.Answer answer;
        try {
            answer = transport.get(url, Optional.empty());
        } catch (IOException e) {
            throw new CredentialsUnavailableException("the Credentials API is unreachable: " + e.getClass().getSimpleName());
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body() == null ? "" : answer.body());
        } catch (IOException e) {
            throw new CredentialsUnavailableException("the Credentials API answered HTTP " + answer.status() + " without JSON");
        }
        if (answer.status() == 200) {
            try {
                return FractalProof.fromJson(body);
            } catch (IllegalArgumentException e) {
                throw new CredentialsUnavailableException("the Credentials API answered a proof that does not parse");
            }
        }
        Optional<CredentialError> error = body == null ? Optional.empty() : CredentialError.fromCode(body.path("error").asText(""));
        if (error.isPresent() && error.get().httpStatus() == answer.status()) {
            throw new CredentialException(error.get(), "Fractal answered " + error.get().code());
        }
        throw new CredentialsUnavailableException("the Credentials API answered HTTP " + answer.status());
    }
}

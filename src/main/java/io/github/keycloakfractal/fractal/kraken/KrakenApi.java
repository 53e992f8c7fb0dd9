package io.github.keycloakfractal.fractal.kraken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.keycloakfractal.fractal.HttpTransport;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.fractal.kyc.UnknownKycValueException;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Kraken's API as this extension uses it. Authentication and HTTP are handed in: the bearer is a static API key
 * (Kraken's first form) or a short-lived ES512 JWT (its current form), and the transport is Keycloak's HTTP client,
 * so truststore, proxy and timeouts are Keycloak's.
 */
public final class KrakenApi {
    /** Supplies the bearer credential for each call (a JWT must be fresh). */
    public interface Credentials {
        String bearer() throws KrakenException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Credentials credentials;
    private final HttpTransport transport;

    public KrakenApi(String baseUrl, Credentials credentials, HttpTransport transport) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.credentials = credentials;
        this.transport = transport;
    }

    /** {@code GET /public/kyc/{userId}/status}: Kraken's current decision for that user. */
    public KycStatus status(String userId) throws KrakenException {
        JsonNode answer = get("/public/kyc/" + URLEncoder.encode(userId, StandardCharsets.UTF_8) + "/status");
        try {
            return KycStatus.fromKraken(answer.path("status").asText(null));
        } catch (UnknownKycValueException e) {
            throw new KrakenException("Kraken answered an unknown status");
        }
    }

    /**
     * {@code GET /public/kyc/token/{oneTimeToken}}: who came back from the journey. Note Kraken's naming: the
     * response's {@code state} is the KYC status, {@code externalState} echoes the {@code state} of the link JWT.
     */
    public KrakenSession exchange(String oneTimeToken) throws KrakenException {
        JsonNode answer = get("/public/kyc/token/" + URLEncoder.encode(oneTimeToken, StandardCharsets.UTF_8));
        String userId = answer.path("userId").asText("");
        if (userId.isBlank()) {
            throw new KrakenException("Kraken's token exchange answered without a userId");
        }
        try {
            String external = answer.path("externalState").asText("");
            return new KrakenSession(userId, KycStatus.fromKraken(answer.path("state").asText(null)),
                    external.isEmpty() ? Optional.empty() : Optional.of(external));
        } catch (UnknownKycValueException e) {
            throw new KrakenException("Kraken's token exchange answered an unknown state");
        }
    }

    private JsonNode get(String path) throws KrakenException {
        HttpTransport.Answer answer;
        try {
            answer = transport.get(baseUrl + path, Optional.of(credentials.bearer()));
        } catch (IOException e) {
            throw new KrakenException("Kraken is unreachable: " + e.getClass().getSimpleName());
        }
        if (answer.status() / 100 != 2) {
            // 401/403 mean our credentials are wrong: a configuration problem, not a refusal of the caller's input
            boolean refusal = answer.status() == 400 || answer.status() == 404 || answer.status() == 410;
            throw new KrakenException("Kraken answered HTTP " + answer.status(), refusal);
        }
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new KrakenException("Kraken answered something that is not JSON");
        }
    }
}

package io.github.keycloakfractal.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kraken's API under {@code /kraken}: {@code GET /public/kyc/{userId}/status}. A call authenticates with the static
 * API key or an ES512 JWT {@code {api: true, clientId, exp}} whose expiry is at most ten minutes ahead, verified
 * with the registered public key (JDK crypto only, independent of the extension's signer).
 */
final class KrakenApiEndpoint implements Exchanges.Endpoint {
    static final String PREFIX = "/kraken/public/kyc/";
    private static final Pattern STATUS = Pattern.compile("/kraken/public/kyc/([^/]+)/status");

    private final SandboxKraken kraken;
    private final Clock clock;

    KrakenApiEndpoint(SandboxKraken kraken, Clock clock) {
        this.kraken = kraken;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Optional<String> form = authenticate(Exchanges.header(exchange, "Authorization").orElse(""));
        if (form.isEmpty()) {
            Exchanges.sendJson(exchange, 401, Map.of("error", "unauthorized"));
            return;
        }
        kraken.authenticated(form.get());
        Matcher status = STATUS.matcher(exchange.getRequestURI().getPath());
        if (!Exchanges.isMethod(exchange, "GET") || !status.matches()) {
            Exchanges.sendJson(exchange, 404, Map.of("error", "not_found"));
            return;
        }
        SandboxKraken.KrakenUser user = kraken.user(status.group(1));
        if (user == null) {
            Exchanges.sendJson(exchange, 404, Map.of("error", "user_not_found"));
            return;
        }
        Exchanges.sendJson(exchange, 200, Map.of("status", user.status()));
    }

    private Optional<String> authenticate(String authorization) {
        if (!authorization.startsWith("Bearer ")) {
            return Optional.empty();
        }
        String credential = authorization.substring(7).trim();
        if (credential.equals(SandboxKraken.API_KEY)) {
            return Optional.of("api-key");
        }
        return validJwt(credential) ? Optional.of("jwt") : Optional.empty();
    }

    private boolean validJwt(String jwt) {
        PublicKey key = kraken.publicKey();
        String[] parts = jwt.split("\\.");
        if (key == null || parts.length != 3) {
            return false;
        }
        try {
            JsonNode header = Exchanges.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = Exchanges.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            Signature verifier = Signature.getInstance("SHA512withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            long now = clock.instant().getEpochSecond();
            long exp = claims.path("exp").asLong(0);
            return "ES512".equals(header.path("alg").asText())
                    && verifier.verify(Base64.getUrlDecoder().decode(parts[2]))
                    && claims.path("api").asBoolean(false)
                    && SandboxKraken.CLIENT_ID.equals(claims.path("clientId").asText())
                    && exp > now && exp <= now + 600;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}

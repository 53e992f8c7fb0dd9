package io.github.keycloakfractal.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kraken's API under {@code /kraken/public/kyc/}: {@code GET {userId}/status}, {@code GET token/{oneTimeToken}} (the
 * return's token exchange) and {@code GET {userId}/data}. A call authenticates with the static API key or an ES512
 * JWT {@code {api: true, clientId, exp}} whose expiry is at most ten minutes ahead, verified with the registered
 * public key; a call that does not authenticate gets 401 before anything else happens (a token is not spent).
 */
final class KrakenApiEndpoint implements Exchanges.Endpoint {
    static final String PREFIX = "/kraken/public/kyc/";
    private static final Pattern STATUS = Pattern.compile("/kraken/public/kyc/([^/]+)/status");
    private static final Pattern DATA = Pattern.compile("/kraken/public/kyc/([^/]+)/data");
    private static final Pattern TOKEN = Pattern.compile("/kraken/public/kyc/token/([^/]+)");

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
        String path = exchange.getRequestURI().getPath();
        if (!Exchanges.isMethod(exchange, "GET")) {
            Exchanges.sendJson(exchange, 404, Map.of("error", "not_found"));
            return;
        }
        // before the user paths: a token path would also read as the user "token"
        Matcher token = TOKEN.matcher(path);
        if (token.matches()) {
            exchangeToken(exchange, token.group(1));
            return;
        }
        Matcher status = STATUS.matcher(path);
        Matcher data = DATA.matcher(path);
        String userId = status.matches() ? status.group(1) : data.matches() ? data.group(1) : null;
        if (userId == null) {
            Exchanges.sendJson(exchange, 404, Map.of("error", "not_found"));
            return;
        }
        SandboxKraken.KrakenUser user = kraken.user(userId);
        if (user == null) {
            Exchanges.sendJson(exchange, 404, Map.of("error", "user_not_found"));
        } else if (status.matches()) {
            Exchanges.sendJson(exchange, 200, Map.of("status", user.status()));
        } else {
            Exchanges.sendJson(exchange, 200, KrakenApplicant.of(userId, user));
        }
    }

    /** {@code {userId, state, externalState}}: Kraken calls the KYC status {@code state}; no state, no externalState. */
    private void exchangeToken(HttpExchange exchange, String oneTimeToken) throws IOException {
        Optional<KrakenJourneys.Completion> completion = kraken.redeem(oneTimeToken);
        SandboxKraken.KrakenUser user = completion.map(c -> kraken.user(c.userId())).orElse(null);
        if (user == null) {
            Exchanges.sendJson(exchange, 404, Map.of("error", "invalid_token"));
            return;
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("userId", completion.get().userId());
        body.put("state", user.status());
        if (completion.get().externalState() != null) {
            body.put("externalState", completion.get().externalState());
        }
        Exchanges.sendJson(exchange, 200, body);
    }

    private Optional<String> authenticate(String authorization) {
        if (!authorization.startsWith("Bearer ")) {
            return Optional.empty();
        }
        String credential = authorization.substring(7).trim();
        if (credential.equals(SandboxKraken.API_KEY)) {
            return Optional.of("api-key");
        }
        return KrakenJwt.verifiedClaims(credential, kraken.publicKey()).filter(this::isApiToken).map(claims -> "jwt");
    }

    private boolean isApiToken(JsonNode claims) {
        long now = clock.instant().getEpochSecond();
        long exp = claims.path("exp").asLong(0);
        return claims.path("api").asBoolean(false)
                && SandboxKraken.CLIENT_ID.equals(claims.path("clientId").asText())
                && exp > now && exp <= now + 600;
    }
}

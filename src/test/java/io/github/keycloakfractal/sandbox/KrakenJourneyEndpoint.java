package io.github.keycloakfractal.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code /kraken/kyc}, Kraken's KYC journey. GET takes the link in either form (the draft's
 * {@code ?clientId=&level=}, or {@code ?token=} with an ES512 JWT {@code {clientId, kyc, level, state}} signed with
 * the integrator's key, no expiry) and shows a page where the person decides the outcome instead of uploading
 * documents; its form POSTs back here and the journey returns to the integrator's registered redirect URL with a
 * one-time token. A link that cannot be trusted gets an error page, never a redirect.
 */
final class KrakenJourneyEndpoint implements Exchanges.Endpoint {
    static final String PATH = "/kraken/kyc";
    private static final String INVALID_LINK = "Invalid KYC link";
    /**
     * Levels as Fractal writes them, e.g. {@code basic+liveness}: an unencoded {@code +} in the query arrives as a
     * space, which this refuses, as the link must be URL-encoded.
     */
    private static final Pattern LEVEL = Pattern.compile("[a-z0-9_-]+(\\+[a-z0-9_-]+)*");

    private final SandboxKraken kraken;

    /** A link that passed validation; {@code state} is null unless the token carried one. */
    record Link(String form, String clientId, String level, String state) {
    }

    KrakenJourneyEndpoint(SandboxKraken kraken) {
        this.kraken = kraken;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (Exchanges.isMethod(exchange, "GET")) {
            Link link = validate(exchange, Exchanges.query(exchange));
            if (link != null) {
                String journeyId = kraken.startJourney(link.form(), link.level(), link.state());
                Exchanges.sendHtml(exchange, 200, KrakenJourneyPage.journey(link, journeyId));
            }
        } else if (Exchanges.isMethod(exchange, "POST")) {
            finish(exchange, Exchanges.params(exchange));
        } else {
            Exchanges.methodNotAllowed(exchange, "GET, POST");
        }
    }

    /** Checks everything that needs no journey first, so a refused decision leaves the journey open. */
    private void finish(HttpExchange exchange, Map<String, String> form) throws IOException {
        Optional<String> redirectUrl = kraken.redirectUrl();
        if (redirectUrl.isEmpty()) {
            refuse(exchange, "Kraken cannot return you", "The integrator has not registered a redirect URL with Kraken.");
            return;
        }
        String decision = form.get(KrakenJourneyPage.DECISION);
        if (decision == null || !SandboxKraken.STATUSES.contains(decision)) {
            refuse(exchange, "Kraken cannot finish the journey", "The decision must be approved, pending or rejected.");
            return;
        }
        String note = form.getOrDefault(KrakenJourneyPage.NOTE, "").trim();
        Optional<String> oneTimeToken = kraken.finishJourney(form.get(KrakenJourneyPage.JOURNEY), decision, note);
        if (oneTimeToken.isEmpty()) {
            refuse(exchange, "Kraken cannot finish the journey",
                    "This journey is unknown, expired or already finished. Open the KYC link again.");
            return;
        }
        Exchanges.redirect(exchange, Exchanges.withQuery(redirectUrl.get(), Map.of("oneTimeToken", oneTimeToken.get())));
    }

    /** The validated link, or null once an error page has been sent. */
    private Link validate(HttpExchange exchange, Map<String, String> query) throws IOException {
        if (query.containsKey("token")) {
            return validateToken(exchange, query.get("token"));
        }
        String clientId = query.get("clientId");
        if (!SandboxKraken.CLIENT_ID.equals(clientId)) {
            refuse(exchange, INVALID_LINK, clientId == null || clientId.isEmpty()
                    ? "The link has neither a token nor a clientId." : "Unknown client.");
            return null;
        }
        String level = query.get("level");
        if (!isLevel(level)) {
            refuse(exchange, INVALID_LINK, "The link needs a level such as basic+liveness (URL-encoded).");
            return null;
        }
        return new Link("query", clientId, level, null);
    }

    /** Kraken's current form; {@code kyc} may be absent (tokens without it are seen in the wild) but not false. */
    private Link validateToken(HttpExchange exchange, String token) throws IOException {
        if (kraken.publicKey() == null) {
            refuse(exchange, INVALID_LINK, "The client has not registered a public key with Kraken.");
            return null;
        }
        JsonNode claims = KrakenJwt.verifiedClaims(token, kraken.publicKey()).orElse(null);
        if (claims == null) {
            refuse(exchange, INVALID_LINK, "The token is not an ES512 JWT signed with the client's key.");
            return null;
        }
        JsonNode clientId = claims.path("clientId");
        if (!clientId.isTextual() || !SandboxKraken.CLIENT_ID.equals(clientId.asText())) {
            refuse(exchange, INVALID_LINK, "Unknown client.");
            return null;
        }
        JsonNode kyc = claims.path("kyc");
        JsonNode level = claims.path("level");
        JsonNode state = claims.path("state");
        if (!kyc.isMissingNode() && !(kyc.isBoolean() && kyc.booleanValue())) {
            refuse(exchange, INVALID_LINK, "The token is not a KYC token.");
            return null;
        }
        if (!level.isTextual() || !isLevel(level.asText())) {
            refuse(exchange, INVALID_LINK, "The token needs a level such as basic+liveness.");
            return null;
        }
        if (!state.isMissingNode() && !state.isNull() && !state.isTextual()) {
            refuse(exchange, INVALID_LINK, "The token's state must be a string.");
            return null;
        }
        return new Link("token", clientId.asText(), level.asText(), state.isTextual() ? state.asText() : null);
    }

    private static boolean isLevel(String level) {
        return level != null && LEVEL.matcher(level).matches();
    }

    private static void refuse(HttpExchange exchange, String title, String description) throws IOException {
        Exchanges.sendHtml(exchange, 400, Html.errorPage(title, description));
    }
}

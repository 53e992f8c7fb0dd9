package io.github.keycloakfractal.fractal.kraken;

import io.github.keycloakfractal.fractal.kyc.KycLevel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The link that sends a person into Kraken's KYC journey, in Kraken's two forms: the first one with {@code clientId}
 * and {@code level} in the query, and the current one with a {@code token} JWT (ES512, claims from
 * {@link #tokenClaims}) whose {@code state} comes back from the token exchange as {@code externalState}. Only the
 * token form can carry a state, so only it lets the return be bound to the session that started the journey.
 */
public final class KrakenJourney {
    private KrakenJourney() {
    }

    public static String queryLink(String krakenUrl, String clientId, KycLevel level) {
        return base(krakenUrl) + "/kyc?clientId=" + encode(clientId) + "&level=" + encode(level.toString());
    }

    public static String tokenLink(String krakenUrl, String signedToken) {
        return base(krakenUrl) + "/kyc?token=" + encode(signedToken);
    }

    /** {@code {clientId, kyc: true, level, state}}, no expiry (as Kraken documents it). */
    public static Map<String, Object> tokenClaims(String clientId, KycLevel level, String state) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("clientId", clientId);
        claims.put("kyc", true);
        claims.put("level", level.toString());
        claims.put("state", state);
        return claims;
    }

    private static String base(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package io.github.keycloakfractal.fractal.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.keycloakfractal.fractal.kyc.KycLedger;
import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.kyc.KycObservation;
import io.github.keycloakfractal.fractal.kyc.KycSource;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.fractal.kyc.UnknownKycValueException;

import java.io.IOException;
import java.time.Instant;
import java.time.DateTimeException;
import java.util.Optional;
import java.util.Set;

/**
 * A legacy Fractal ID webhook, {@code {"type": ..., "data": {...}}}. Decisions arrive as one notification per level
 * and per add-on, in any order and sometimes twice, so a decision is an {@link #observation} of the components it
 * names, merged into the user's {@link KycLedger}: other levels stay, a newer decision for the same level wins.
 */
public record LegacyWebhook(String type, String userId, Optional<KycLevel> level, Optional<Instant> timestamp, Optional<String> email) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DECISIONS = Set.of("verification_approved", "verification_rejected", "verification_contacted");
    private static final Set<String> ACKNOWLEDGED = Set.of("email_changed", "credential_shared", "authorization_revoked");

    public static LegacyWebhook parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new MalformedWebhookException("the body is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("type").isTextual() || !root.path("data").isObject()) {
            throw new MalformedWebhookException("expected {\"type\": ..., \"data\": {...}}");
        }
        String type = root.get("type").asText();
        JsonNode data = root.get("data");
        if (!DECISIONS.contains(type) && !ACKNOWLEDGED.contains(type)) {
            throw new MalformedWebhookException("unknown webhook type '" + type + "'");
        }
        String userId = text(data, "user_id").orElse(null);
        if (userId == null && !type.equals("credential_shared")) {
            throw new MalformedWebhookException(type + " without data.user_id");
        }
        Optional<KycLevel> level = Optional.empty();
        if (DECISIONS.contains(type)) {
            String levelText = text(data, "level").orElseThrow(() -> new MalformedWebhookException(type + " without data.level"));
            try {
                level = Optional.of(KycLevel.parse(levelText));
            } catch (UnknownKycValueException e) {
                throw new MalformedWebhookException(e.getMessage());
            }
        }
        Optional<String> email = text(data, "email");
        if (type.equals("email_changed") && email.isEmpty()) {
            throw new MalformedWebhookException("email_changed without data.email");
        }
        return new LegacyWebhook(type, userId, level, timestamp(data), email);
    }

    public boolean isDecision() {
        return DECISIONS.contains(type);
    }

    /**
     * The decision as an observation: every component of {@code data.level} with the type's status, at Fractal's
     * {@code data.timestamp}. Webhooks from before 2020 carry no timestamp; dating one at receipt would let a late
     * retry outrank a newer decision, so an undated decision is refused unless the provider accepts undated webhooks
     * ({@code acceptUndated}), in which case it counts as observed at {@code receivedAt}.
     *
     * @throws MalformedWebhookException for an undated decision when undated ones are not accepted (answer 400)
     * @throws IllegalStateException when this webhook carries no decision ({@link #isDecision()} is false)
     */
    public KycObservation observation(Instant receivedAt, boolean acceptUndated) {
        if (!isDecision()) {
            throw new IllegalStateException(type + " carries no KYC decision");
        }
        if (timestamp.isEmpty() && !acceptUndated) {
            throw new MalformedWebhookException(type + " without data.timestamp, and this provider does not accept undated webhooks");
        }
        return KycObservation.of(level.orElseThrow(), KycStatus.fromWebhookType(type), timestamp.orElse(receivedAt), KycSource.WEBHOOK);
    }

    private static Optional<Instant> timestamp(JsonNode data) {
        Optional<String> text = text(data, "timestamp");
        try {
            return text.map(Instant::parse);
        } catch (DateTimeException e) {
            throw new MalformedWebhookException("data.timestamp is not an ISO-8601 UTC time");
        }
    }

    private static Optional<String> text(JsonNode data, String field) {
        return PayloadText.field(data, field);
    }
}

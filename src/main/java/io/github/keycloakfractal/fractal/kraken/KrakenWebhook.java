package io.github.keycloakfractal.fractal.kraken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.fractal.kyc.UnknownKycValueException;
import io.github.keycloakfractal.fractal.webhook.MalformedWebhookException;
import io.github.keycloakfractal.fractal.webhook.PayloadText;

import java.io.IOException;
import java.util.Optional;

/**
 * A Kraken status webhook, {@code {"id": <Kraken user id>, "status": approved|rejected|pending, "note": ...}}. It
 * carries no timestamp, which is why the extension can ask Kraken for the current status before applying it.
 */
public record KrakenWebhook(String userId, KycStatus status, Optional<String> note) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static KrakenWebhook parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new MalformedWebhookException("the body is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("status").isTextual()) {
            throw new MalformedWebhookException("expected {\"id\": ..., \"status\": ..., \"note\": ...}");
        }
        String id = PayloadText.field(root, "id")
                .orElseThrow(() -> new MalformedWebhookException("expected {\"id\": ..., \"status\": ..., \"note\": ...}"));
        KycStatus status;
        try {
            status = KycStatus.fromKraken(root.get("status").asText());
        } catch (UnknownKycValueException e) {
            throw new MalformedWebhookException(e.getMessage());
        }
        JsonNode note = root.get("note");
        return new KrakenWebhook(id, status,
                note != null && note.isTextual() && !note.asText().isBlank() ? Optional.of(note.asText()) : Optional.empty());
    }
}

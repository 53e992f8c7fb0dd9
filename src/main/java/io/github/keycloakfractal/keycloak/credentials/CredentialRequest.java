package io.github.keycloakfractal.keycloak.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Optional;

/**
 * The body of {@code POST /credentials}: the challenge nonce and the wallet's signature over the challenge, plus
 * either the user's signed authorization message (the extension asks Fractal for the proof) or a proof the caller
 * already obtained from Fractal, in Fractal's response shape.
 *
 * <pre>{@code
 * {"challenge": "<nonce>", "challenge_signature": "0x...",
 *  "message": "I authorize ...", "signature": "0x..."}          // or
 * {"challenge": "<nonce>", "challenge_signature": "0x...",
 *  "proof": {"address", "fractalId", "approvedAt", "validUntil", "proof", "credential"}}
 * }</pre>
 */
record CredentialRequest(String challenge, String challengeSignature, Optional<SignedMessage> message, Optional<JsonNode> proof) {
    static final int MAX_BYTES = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    record SignedMessage(String text, String signature) {
    }

    /** Why a body is not a request, in words a client developer can act on. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    static CredentialRequest parse(byte[] body) throws Malformed {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new Malformed("The body is not JSON.");
        }
        if (json == null || !json.isObject()) {
            throw new Malformed("The body must be a JSON object.");
        }
        String challenge = text(json, "challenge").orElseThrow(() -> new Malformed("challenge is required."));
        String challengeSignature = text(json, "challenge_signature").orElseThrow(() -> new Malformed("challenge_signature is required."));
        Optional<String> message = text(json, "message");
        Optional<String> signature = text(json, "signature");
        JsonNode proof = json.get("proof");
        boolean hasProof = proof != null && !proof.isNull();
        if (hasProof && !proof.isObject()) {
            throw new Malformed("proof must be the JSON object Fractal's Credentials API answered.");
        }
        if (message.isPresent() != signature.isPresent()) {
            throw new Malformed("message and signature go together.");
        }
        if (message.isPresent() == hasProof) {
            throw new Malformed("Send either message and signature, or proof.");
        }
        return new CredentialRequest(challenge, challengeSignature,
                message.map(text -> new SignedMessage(text, signature.get())), hasProof ? Optional.of(proof) : Optional.empty());
    }

    private static Optional<String> text(JsonNode json, String field) throws Malformed {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new Malformed(field + " must be a non-empty string.");
        }
        return Optional.of(value.asText());
    }
}

package io.github.keycloakfractal.fractal.webhook;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * A text field of a webhook payload, read the same way by legacy and Kraken webhooks: whitespace and control
 * characters around it are stripped (so a lone NUL or a Unicode line separator is no user id), and one inside is
 * refused, since no Fractal id, level, time or address contains one and they would reach log lines.
 */
public final class PayloadText {
    private PayloadText() {
    }

    /**
     * The stripped text of {@code node.field}; empty when missing, not text, or nothing is left.
     *
     * @throws MalformedWebhookException when a control character remains inside
     */
    public static Optional<String> field(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        String text = value != null && value.isTextual() ? strip(value.asText()) : "";
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new MalformedWebhookException(field + " contains control characters");
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && ignorable(text.charAt(start))) {
            start++;
        }
        while (end > start && ignorable(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean ignorable(char c) {
        return Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c);
    }
}

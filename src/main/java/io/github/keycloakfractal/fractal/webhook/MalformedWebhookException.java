package io.github.keycloakfractal.fractal.webhook;

/** A correctly signed webhook whose body is not one Fractal sends: answered 400 and changes nothing. */
public final class MalformedWebhookException extends IllegalArgumentException {
    public MalformedWebhookException(String message) {
        super(message);
    }
}

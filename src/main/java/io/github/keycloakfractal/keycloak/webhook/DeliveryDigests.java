package io.github.keycloakfractal.keycloak.webhook;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Kraken webhooks carry no time, so a retry cannot be told from a new decision by its content. The SHA-256 of each
 * applied body is kept in Keycloak's cluster-wide single-use store for 14 days (Fractal retries for days), and the same
 * body again is answered {@code duplicate} without asking Kraken or touching the user. A digest is kept only after the
 * change committed: a delivery that failed is not a duplicate of itself.
 */
final class DeliveryDigests {
    static final long KEEP_SECONDS = 14L * 24 * 3600;
    private static final String KEY = "fractal-delivery:";

    private final KeycloakSession session;
    private final String key;

    DeliveryDigests(KeycloakSession session, RealmModel realm, byte[] body) {
        this.session = session;
        this.key = KEY + realm.getId() + ":" + sha256(body);
    }

    boolean seen() {
        return session.singleUseObjects().contains(key);
    }

    /** In {@code transaction}'s session: the memory is kept only if the change it vouches for is committed with it. */
    void remember(KeycloakSession transaction) {
        transaction.singleUseObjects().put(key, KEEP_SECONDS, java.util.Map.of());
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

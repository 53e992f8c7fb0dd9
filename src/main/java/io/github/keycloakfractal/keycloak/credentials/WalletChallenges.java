package io.github.keycloakfractal.keycloak.credentials;

import org.keycloak.common.util.SecretGenerator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Proof of wallet control: a short-lived text with a random nonce, issued to one user of one realm, that the user
 * signs with the wallet. It lives in Keycloak's single-use object store (cluster-wide), and consuming it removes it,
 * so a signature over it binds at most one request, on any node, and only for the user it was issued to.
 */
final class WalletChallenges {
    private static final String KEY = "fractal-wallet-challenge:";

    record Challenge(String nonce, String text, Instant expiresAt) {
    }

    private final KeycloakSession session;

    WalletChallenges(KeycloakSession session) {
        this.session = session;
    }

    Challenge issue(RealmModel realm, UserModel user, Duration lifetime) {
        String nonce = SecretGenerator.getInstance().randomString(32);
        Instant expiresAt = Instant.ofEpochSecond(Instant.now().getEpochSecond() + lifetime.toSeconds());
        String text = (realm.getDisplayName() == null || realm.getDisplayName().isBlank() ? realm.getName() : realm.getDisplayName())
                + " asks you to prove that you control this wallet.\n"
                + "Signing costs nothing and allows no transaction.\n\n"
                + "Account: " + user.getUsername() + "\n"
                + "Realm: " + realm.getName() + "\n"
                + "Nonce: " + nonce + "\n"
                + "Expires: " + expiresAt;
        store().put(KEY + nonce, lifetime.toSeconds(), Map.of("realm", realm.getId(), "user", user.getId(), "text", text));
        return new Challenge(nonce, text, expiresAt);
    }

    /**
     * The challenge's text if {@code nonce} names a live challenge issued to this user of this realm; it is spent
     * either way it was theirs. Someone else's nonce is left alone and refused.
     */
    Optional<String> consume(RealmModel realm, UserModel user, String nonce) {
        String key = KEY + nonce;
        Map<String, String> notes = store().get(key);
        if (notes == null || !realm.getId().equals(notes.get("realm")) || !user.getId().equals(notes.get("user"))) {
            return Optional.empty();
        }
        // remove answers the notes to one caller only: two concurrent uses cannot both succeed
        return Optional.ofNullable(store().remove(key)).map(removed -> removed.get("text"));
    }

    private SingleUseObjectProvider store() {
        return session.singleUseObjects();
    }
}

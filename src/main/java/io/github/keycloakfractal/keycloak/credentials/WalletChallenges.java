package io.github.keycloakfractal.keycloak.credentials;

import org.keycloak.common.util.SecretGenerator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proof of wallet control: a short-lived text with a random nonce, issued to one user of one realm, that the user
 * signs with the wallet. It lives in Keycloak's single-use object store (cluster-wide), and consuming it removes it,
 * so a signature over it binds at most one request, on any node, and only for the user it was issued to. A user holds
 * at most {@value #OUTSTANDING} at a time: asking for more drops the oldest, so a caller cannot fill the replicated
 * store. The user's list of live nonces is itself an entry of the store; a nonce missing from it is not accepted.
 */
final class WalletChallenges {
    static final int OUTSTANDING = 5;
    private static final String KEY = "fractal-wallet-challenge:";
    private static final String USER_KEY = "fractal-wallet-challenges:";

    record Challenge(String nonce, String text, Instant expiresAt) {
    }

    private final KeycloakSession session;

    WalletChallenges(KeycloakSession session) {
        this.session = session;
    }

    Challenge issue(RealmModel realm, UserModel user, Duration lifetime, String realmDisplayName) {
        String nonce = SecretGenerator.getInstance().randomString(32);
        Instant expiresAt = Instant.ofEpochSecond(Instant.now().getEpochSecond() + lifetime.toSeconds());
        String text = realmDisplayName + " asks you to prove that you control this wallet.\n"
                + "Signing costs nothing and allows no transaction.\n\n"
                + "Account: " + user.getUsername() + "\n"
                + "Realm: " + realm.getName() + "\n"
                + "Nonce: " + nonce + "\n"
                + "Expires: " + expiresAt;
        store().put(KEY + nonce, lifetime.toSeconds(), Map.of("realm", realm.getId(), "user", user.getId(), "text", text));
        List<String> live = new ArrayList<>(outstanding(realm, user));
        live.add(nonce);
        while (live.size() > OUTSTANDING) {
            store().remove(KEY + live.remove(0));
        }
        store().put(userKey(realm, user), lifetime.toSeconds(), Map.of("nonces", String.join(",", live)));
        return new Challenge(nonce, text, expiresAt);
    }

    /**
     * The challenge's text if {@code nonce} names a live challenge issued to this user of this realm; it is spent
     * either way it was theirs. Someone else's nonce is left alone and refused.
     */
    Optional<String> consume(RealmModel realm, UserModel user, String nonce) {
        String key = KEY + nonce;
        Map<String, String> notes = store().get(key);
        if (notes == null || !realm.getId().equals(notes.get("realm")) || !user.getId().equals(notes.get("user"))
                || !outstanding(realm, user).contains(nonce)) {
            return Optional.empty();
        }
        // remove answers the notes to one caller only: two concurrent uses cannot both succeed
        return Optional.ofNullable(store().remove(key)).map(removed -> removed.get("text"));
    }

    private List<String> outstanding(RealmModel realm, UserModel user) {
        Map<String, String> index = store().get(userKey(realm, user));
        String nonces = index == null ? null : index.get("nonces");
        return nonces == null || nonces.isEmpty() ? List.of() : Arrays.asList(nonces.split(","));
    }

    private static String userKey(RealmModel realm, UserModel user) {
        return USER_KEY + realm.getId() + ":" + user.getId();
    }

    private SingleUseObjectProvider store() {
        return session.singleUseObjects();
    }
}

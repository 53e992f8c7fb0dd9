package io.github.keycloakfractal.keycloak.setup;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * What a realm needs once it has a Fractal provider: the protected {@code fractal_*} attributes in its user profile
 * (users may view them, only admins and the extension write them) and the wallet-expiry mapper in its {@code roles}
 * client scope. Every step only adds what is missing, so running it again changes nothing and an admin's own edits
 * are kept. {@link SetupTrigger} runs it when a provider is saved or a realm is imported; the wallet binding runs it
 * again before it grants a wallet role.
 */
public final class RealmSetup {
    /** The provider id of the token mapper that keeps expired wallet credentials out of tokens. */
    public static final String WALLET_EXPIRY_MAPPER = "fractal-wallet-expiry";

    private RealmSetup() {
    }

    public static void install(KeycloakSession session, RealmModel realm) {
        FractalUserProfile.declare(session, realm);
        installWalletExpiry(realm);
    }

    /** Only the wallet-expiry mapper (cheap when it is there already). */
    public static void installWalletExpiry(RealmModel realm) {
        WalletExpiryScope.install(realm);
    }
}

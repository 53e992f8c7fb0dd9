package io.github.keycloakfractal.keycloak.setup;

import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import io.github.keycloakfractal.keycloak.kyc.KycRoles;
import io.github.keycloakfractal.keycloak.settings.CredentialSettings;
import io.github.keycloakfractal.keycloak.settings.KrakenSettings;
import io.github.keycloakfractal.keycloak.settings.KycRoleNames;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a realm needs once it has a Fractal provider: the protected {@code fractal_*} attributes in its user profile
 * (users may view them, only admins and the extension write them), the wallet-expiry mapper in its {@code roles}
 * client scope, and the KYC roles its providers will grant (so they exist before the first delivery needs them, and
 * admins can map them to clients beforehand). Every step only adds what is missing, so running it again changes
 * nothing and an admin's own edits are kept. {@link SetupTrigger} runs it when a provider is saved or a realm is
 * imported; the wallet binding runs the mapper step again before it grants a wallet role.
 */
public final class RealmSetup {
    /** The provider id of the token mapper that keeps expired wallet credentials out of tokens. */
    public static final String WALLET_EXPIRY_MAPPER = "fractal-wallet-expiry";
    /** Levels whose roles every realm gets at once; others (add-ons, older levels) are created when first granted. */
    private static final List<String> USUAL_LEVELS = List.of("uniqueness", "basic", "plus", "liveness");

    private RealmSetup() {
    }

    public static void install(KeycloakSession session, RealmModel realm) {
        FractalUserProfile.declare(session, realm);
        installWalletExpiry(realm);
        for (IdentityProviderModel provider : FractalProviders.of(session)) {
            roleNames(provider).forEach(name -> KycRoles.ensureHere(realm, name));
        }
    }

    /** Only the wallet-expiry mapper (cheap when it is there already). */
    public static void installWalletExpiry(RealmModel realm) {
        WalletExpiryScope.install(realm);
    }

    /** Every status role, the accredited-investor and wallet roles, and the level roles of the usual and configured levels. */
    private static Set<String> roleNames(IdentityProviderModel provider) {
        KycRoleNames names = KycRoleNames.from(provider.getConfig());
        Set<String> roles = new LinkedHashSet<>();
        for (KycStatus status : KycStatus.values()) {
            roles.add(names.status(status));
        }
        roles.add(names.accreditedInvestor());
        roles.add(names.walletVerified());
        Set<String> levels = new LinkedHashSet<>(USUAL_LEVELS);
        levels.addAll(KrakenSettings.from(provider.getConfig()).level().components());
        levels.addAll(KycLevel.parse(CredentialSettings.LEVEL.read(provider.getConfig()).orElse("basic")).components());
        levels.forEach(level -> roles.add(names.level(level)));
        return roles;
    }
}

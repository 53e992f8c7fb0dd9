package io.github.keycloakfractal.keycloak.kraken;

import io.github.keycloakfractal.fractal.kraken.KrakenException;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.keycloak.kyc.StoredKyc;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

import java.util.Optional;

/**
 * Asks Kraken again where a Kraken-linked user stands and applies the answer: for a user waiting on the pending
 * page, and for reconciliation, since Kraken users do not appear in Fractal's statistics.
 */
public final class KrakenRecheck {
    private KrakenRecheck() {
    }

    /**
     * Kraken's current decision, applied; empty when the user has no Kraken id or the realm has not exactly one
     * Fractal provider with Kraken configured.
     */
    public static Optional<KycStatus> recheck(KeycloakSession session, UserModel user) throws KrakenException {
        return recheck(session, user, Optional.empty());
    }

    /** The same with the provider a journey named ({@code alias}), when it named one. */
    static Optional<KycStatus> recheck(KeycloakSession session, UserModel user, Optional<String> alias) throws KrakenException {
        Optional<String> krakenId = StoredKyc.of(user).krakenId();
        Optional<KrakenProvider> provider = KrakenProvider.find(session, alias.orElse(null));
        if (krakenId.isEmpty() || provider.isEmpty()) {
            return Optional.empty();
        }
        KycStatus status = KrakenClient.api(session, provider.get().settings()).status(krakenId.get());
        provider.get().applyDecision(session, user, krakenId.get(), status);
        return Optional.of(status);
    }
}

package io.github.keycloakfractal.keycloak.kraken;

import io.github.keycloakfractal.fractal.kraken.KrakenException;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.keycloak.kyc.KycAttributes;
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
     * Kraken's current decision, applied; empty when the user has no Kraken id or no single provider (or the named
     * one, when {@code alias} is given) has Kraken configured.
     */
    public static Optional<KycStatus> recheck(KeycloakSession session, UserModel user, String alias) throws KrakenException {
        String krakenId = user.getFirstAttribute(KycAttributes.KRAKEN_ID);
        Optional<KrakenProvider> provider = KrakenProvider.find(session, alias);
        if (krakenId == null || provider.isEmpty()) {
            return Optional.empty();
        }
        KycStatus status = KrakenClient.api(session, provider.get().settings()).status(krakenId);
        provider.get().applyDecision(session, user, krakenId, status);
        return Optional.of(status);
    }
}

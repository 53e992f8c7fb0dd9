package io.github.keycloakfractal.keycloak.kraken;

import io.github.keycloakfractal.fractal.kyc.KycSource;
import io.github.keycloakfractal.fractal.kyc.KycObservation;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import io.github.keycloakfractal.keycloak.settings.KrakenSettings;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A Fractal identity provider of the realm that has Kraken configured, with its Kraken settings. The journey needs
 * one: the one a required-action configuration names, or else the realm's only one.
 */
public record KrakenProvider(IdentityProviderModel model, KrakenSettings settings) {

    /** Empty when none (or, without a name, more than one) Fractal provider of the realm has a Kraken client id. */
    public static Optional<KrakenProvider> find(KeycloakSession session, String alias) {
        List<KrakenProvider> configured = FractalProviders.of(session).stream()
                .filter(model -> alias == null || alias.isBlank() || alias.trim().equals(model.getAlias()))
                .flatMap(model -> of(model).stream())
                .toList();
        return configured.size() == 1 ? Optional.of(configured.get(0)) : Optional.empty();
    }

    /** Links the Kraken user to this person and applies Kraken's decision through the provider's applier. */
    void applyDecision(KeycloakSession session, UserModel user, String krakenId, KycStatus status) {
        FractalProviders.applier(session, session.getContext().getRealm(), model)
                .applyKraken(user, krakenId, observed(settings, status, KycSource.KRAKEN_RETURN), Optional.empty());
    }

    /**
     * What Kraken's one status means for the user: that decision for every component of the journey's configured
     * level, observed now (Kraken's answers carry no time of their own).
     */
    public static KycObservation observed(KrakenSettings settings, KycStatus status, KycSource source) {
        return KycObservation.of(settings.level(), status, Instant.now(), source);
    }

    private static Optional<KrakenProvider> of(IdentityProviderModel model) {
        try {
            KrakenSettings settings = KrakenSettings.from(model.getConfig());
            return settings.configured() ? Optional.of(new KrakenProvider(model, settings)) : Optional.empty();
        } catch (IllegalArgumentException unusable) { // FractalConfigurationException, UnknownKycValueException
            return Optional.empty();
        }
    }
}

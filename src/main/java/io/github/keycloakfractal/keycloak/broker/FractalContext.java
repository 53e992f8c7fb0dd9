package io.github.keycloakfractal.keycloak.broker;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakfractal.fractal.kyc.KycSource;
import io.github.keycloakfractal.fractal.kyc.KycLedger;
import io.github.keycloakfractal.fractal.kyc.KycObservation;
import io.github.keycloakfractal.fractal.kyc.KycStanding;
import io.github.keycloakfractal.fractal.kyc.UnknownKycValueException;
import io.github.keycloakfractal.fractal.kyc.UserInfoKyc;
import io.github.keycloakfractal.fractal.profile.FractalProfile;
import io.github.keycloakfractal.fractal.profile.FractalResponseException;
import io.github.keycloakfractal.keycloak.kyc.StoredKyc;
import org.jboss.logging.Logger;
import org.keycloak.broker.oidc.mappers.AbstractJsonUserAttributeMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.IdentityBrokerException;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.util.Optional;

/**
 * What a broker login learned from Fractal, read back from the user info the provider stored in the brokered
 * context (it survives Keycloak's first-login serialization as a JSON node). The provider and the mappers read it
 * the same way.
 */
final class FractalContext {
    private static final Logger LOG = Logger.getLogger(FractalContext.class);
    private static final String OBSERVED_AT = "fractal.observedAt";

    private final BrokeredIdentityContext context;

    FractalContext(BrokeredIdentityContext context) {
        this.context = context;
    }

    /** Stores the user info and the moment Keycloak read it (the observation time of the KYC state). */
    static void store(BrokeredIdentityContext context, JsonNode userInfo, String alias) {
        AbstractJsonUserAttributeMapper.storeUserProfileForMapper(context, userInfo, alias);
        context.getContextData().put(OBSERVED_AT, Instant.now().toString());
    }

    JsonNode userInfo() {
        return (JsonNode) context.getContextData().get(AbstractJsonUserAttributeMapper.CONTEXT_JSON_NODE);
    }

    FractalProfile profile() {
        return profile(userInfo());
    }

    /** A login whose user info has no uid cannot be brokered; Keycloak shows its error page. */
    static FractalProfile profile(JsonNode userInfo) {
        try {
            return FractalProfile.parse(userInfo);
        } catch (FractalResponseException e) {
            throw new IdentityBrokerException("Fractal user info is not usable: " + e.getMessage());
        }
    }

    /**
     * What the user info says of the KYC (every listed case's levels at the moment Keycloak read it), or empty when it
     * says nothing or holds a value this extension does not know (logged, never guessed: the stored state then stays as
     * it was and the login goes on).
     */
    Optional<KycObservation> observation() {
        try {
            return UserInfoKyc.observe(userInfo(), KycSource.BROKER_LOGIN, observedAt());
        } catch (UnknownKycValueException e) {
            LOG.warnf("Fractal user info for provider '%s' holds an unknown KYC value, KYC state not updated: %s",
                    context.getIdpConfig().getAlias(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Where the user stands once this login's observation is merged into what is stored (for mappers, which may run first). */
    KycStanding standing(UserModel user) {
        KycLedger stored = StoredKyc.of(user).ledger();
        return observation().map(seen -> stored.merge(seen, Instant.now()).ledger()).orElse(stored).derive();
    }

    private Instant observedAt() {
        Object value = context.getContextData().get(OBSERVED_AT);
        return value instanceof String text ? Instant.parse(text) : Instant.now();
    }
}

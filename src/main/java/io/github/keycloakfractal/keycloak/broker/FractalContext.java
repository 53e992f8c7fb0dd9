package io.github.keycloakfractal.keycloak.broker;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakfractal.fractal.kyc.KycSource;
import io.github.keycloakfractal.fractal.kyc.KycState;
import io.github.keycloakfractal.fractal.kyc.UnknownKycValueException;
import io.github.keycloakfractal.fractal.kyc.UserInfoKyc;
import io.github.keycloakfractal.fractal.profile.FractalProfile;
import io.github.keycloakfractal.fractal.profile.FractalResponseException;
import org.jboss.logging.Logger;
import org.keycloak.broker.oidc.mappers.AbstractJsonUserAttributeMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.IdentityBrokerException;

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
     * The KYC state in the user info, or empty when there is none or it holds a value this extension does not know
     * (logged, never guessed: the stored state then stays as it was and the login goes on).
     */
    Optional<KycState> kyc() {
        try {
            return UserInfoKyc.read(userInfo(), KycSource.BROKER_LOGIN, observedAt());
        } catch (UnknownKycValueException e) {
            LOG.warnf("Fractal user info for provider '%s' holds an unknown KYC value, KYC state not updated: %s",
                    context.getIdpConfig().getAlias(), e.getMessage());
            return Optional.empty();
        }
    }

    private Instant observedAt() {
        Object value = context.getContextData().get(OBSERVED_AT);
        return value instanceof String text ? Instant.parse(text) : Instant.now();
    }
}

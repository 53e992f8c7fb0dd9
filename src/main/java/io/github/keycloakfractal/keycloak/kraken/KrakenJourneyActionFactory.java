package io.github.keycloakfractal.keycloak.kraken;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

import java.util.ArrayList;
import java.util.List;

/** Registers the {@code fractal-kyc} required action and its settings on the admin console. */
public final class KrakenJourneyActionFactory implements RequiredActionFactory {
    public static final String ID = "fractal-kyc";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Verify your identity with Fractal";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return new KrakenJourneyAction();
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        List<ProviderConfigProperty> properties = new ArrayList<>(ProviderConfigurationBuilder.create()
                .property().name(JourneySettings.WHEN_NOT_APPROVED).label("When verification is pending or rejected")
                .helpText("'hold': the user stays on the result page (they can check again, start over, or cancel an "
                        + "application-initiated action). 'continue': the page offers to go on without an approval.")
                .type(ProviderConfigProperty.LIST_TYPE).options(JourneySettings.HOLD, JourneySettings.CONTINUE)
                .defaultValue(JourneySettings.HOLD).add()
                .property().name(JourneySettings.PROVIDER).label("Fractal provider alias")
                .helpText("The Fractal identity provider whose Kraken settings start the journey. Empty: the realm's only "
                        + "Fractal provider with a Kraken client id.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .build());
        properties.addAll(RequiredActionFactory.super.getConfigMetadata());
        return properties;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        RequiredActionFactory.super.validateConfig(session, realm, model);
        String policy = model.getConfigValue(JourneySettings.WHEN_NOT_APPROVED);
        if (policy != null && !policy.equals(JourneySettings.HOLD) && !policy.equals(JourneySettings.CONTINUE)) {
            throw new ValidationException(new ValidationError(ID, JourneySettings.WHEN_NOT_APPROVED, "error-invalid-value"));
        }
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}

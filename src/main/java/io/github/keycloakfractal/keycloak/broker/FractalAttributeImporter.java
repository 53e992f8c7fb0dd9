package io.github.keycloakfractal.keycloak.broker;

import io.github.keycloakfractal.fractal.profile.FractalField;
import io.github.keycloakfractal.keycloak.settings.ProfileSettings;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * "Fractal attribute importer": copies one Fractal fact into a user attribute (or email, first or last name). Import
 * writes it when the user is created; force and legacy on every login too. A fact Fractal did not send never clears
 * the attribute.
 */
public final class FractalAttributeImporter extends FractalMapper {
    public static final String ID = "fractal-attribute-importer";
    static final String FIELD = "fractalField";
    static final String ATTRIBUTE = "user.attribute";

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(FIELD).label("Fractal field").helpText("The Fractal fact to import.")
            .type(ProviderConfigProperty.LIST_TYPE).options(Arrays.stream(FractalField.values()).map(FractalField::configValue).toList())
            .defaultValue(FractalField.RESIDENTIAL_COUNTRY.configValue()).add()
            .property().name(ATTRIBUTE).label("User attribute").helpText("Where the value goes: an attribute, or email, firstName, lastName.")
            .type(ProviderConfigProperty.USER_PROFILE_ATTRIBUTE_LIST_TYPE).add()
            .build();

    public FractalAttributeImporter() {
        super(ID, "Attribute Importer", "Fractal Attribute Importer",
                "Import a Fractal fact (name, country, accredited investor, email, company, account type, uid, levels) into a user attribute.",
                PROPERTIES);
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapper, BrokeredIdentityContext context) {
        write(user, mapper, context);
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapper, BrokeredIdentityContext context) {
        write(user, mapper, context);
    }

    private static void write(UserModel user, IdentityProviderMapperModel mapper, BrokeredIdentityContext context) {
        String attribute = mapper.getConfig().get(ATTRIBUTE);
        FractalField field = FractalField.fromConfig(mapper.getConfig().get(FIELD)).orElse(null);
        if (attribute == null || attribute.isBlank() || field == null) {
            return;
        }
        FractalContext fractal = new FractalContext(context);
        List<String> values = field.values(fractal.profile(), ProfileSettings.from(context.getIdpConfig().getConfig()).companyNames(),
                field == FractalField.LEVELS ? Optional.of(fractal.standing(user)) : Optional.empty());
        if (values.isEmpty()) {
            return;
        }
        switch (attribute) {
            case UserModel.EMAIL -> user.setEmail(values.get(0));
            case UserModel.FIRST_NAME -> user.setFirstName(values.get(0));
            case UserModel.LAST_NAME -> user.setLastName(values.get(0));
            default -> user.setAttribute(attribute, values);
        }
    }
}

package io.github.keycloakfractal.keycloak.broker;

import io.github.keycloakfractal.fractal.kyc.KycCondition;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.fractal.kyc.UnknownKycValueException;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.ConfigConstants;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.Arrays;
import java.util.List;

/**
 * "Fractal KYC role": grants a chosen realm or client role while the user's Fractal KYC matches a condition, e.g.
 * approved with {@code plus}. Import grants at first login; force grants or revokes at every login; legacy only
 * revokes when the condition no longer holds (Keycloak's own claim-to-role behaviour).
 */
public final class FractalKycRoleMapper extends FractalMapper {
    public static final String ID = "fractal-kyc-role-mapper";
    static final String STATUS = "kycStatus";
    static final String LEVELS = "kycLevels";
    private static final Logger LOG = Logger.getLogger(FractalKycRoleMapper.class);

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(ConfigConstants.ROLE).label("Role").helpText("Realm or client role to grant.")
            .type(ProviderConfigProperty.ROLE_TYPE).add()
            .property().name(STATUS).label("KYC status").helpText("The status the user must have.")
            .type(ProviderConfigProperty.LIST_TYPE).options(Arrays.stream(KycStatus.values()).map(KycStatus::value).toList())
            .defaultValue(KycStatus.APPROVED.value()).add()
            .property().name(LEVELS).label("Required levels")
            .helpText("Level and add-ons that must all be approved, e.g. plus or basic+liveness. Empty: the status alone decides.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .build();

    public FractalKycRoleMapper() {
        super(ID, "Role Importer", "Fractal KYC Role", "Grant a role while the user's Fractal KYC status (and levels) match.", PROPERTIES);
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapper, BrokeredIdentityContext context) {
        RoleModel role = role(realm, mapper);
        if (role != null && applies(user, mapper, context)) {
            user.grantRole(role);
        }
    }

    @Override
    public void updateBrokeredUserLegacy(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapper, BrokeredIdentityContext context) {
        RoleModel role = role(realm, mapper);
        if (role != null && !applies(user, mapper, context)) {
            user.deleteRoleMapping(role);
        }
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapper, BrokeredIdentityContext context) {
        RoleModel role = role(realm, mapper);
        String roleName = mapper.getConfig().get(ConfigConstants.ROLE);
        if (role == null || context.hasMapperGrantedRole(roleName)) {
            return;
        }
        if (applies(user, mapper, context)) {
            context.addMapperGrantedRole(roleName);
            user.grantRole(role);
        } else {
            user.deleteRoleMapping(role);
        }
    }

    private static boolean applies(UserModel user, IdentityProviderMapperModel mapper, BrokeredIdentityContext context) {
        try {
            KycCondition condition = KycCondition.parse(mapper.getConfig().get(STATUS), mapper.getConfig().get(LEVELS));
            return condition.matches(new FractalContext(context).standing(user));
        } catch (UnknownKycValueException e) {
            LOG.warnf("Fractal KYC role mapper '%s' has an unusable condition: %s", mapper.getName(), e.getMessage());
            return false;
        }
    }

    private static RoleModel role(RealmModel realm, IdentityProviderMapperModel mapper) {
        String name = mapper.getConfig().get(ConfigConstants.ROLE);
        return name == null || name.isBlank() ? null : KeycloakModelUtils.getRoleFromString(realm, name);
    }
}

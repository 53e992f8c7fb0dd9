package io.github.keycloakfractal.keycloak.broker;

import io.github.keycloakfractal.fractal.FractalEnvironment;
import io.github.keycloakfractal.fractal.UserInfoShape;
import io.github.keycloakfractal.keycloak.credentials.CredentialSettings;
import io.github.keycloakfractal.keycloak.kraken.KrakenSettings;
import io.github.keycloakfractal.keycloak.sync.ReconcileSettings;
import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import io.github.keycloakfractal.keycloak.kyc.KycRoleNames;
import io.github.keycloakfractal.keycloak.vault.VaultSecrets;
import org.keycloak.broker.provider.AbstractIdentityProviderFactory;
import org.keycloak.broker.social.SocialIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.Arrays;
import java.util.List;

/** Registers "Fractal" in the admin console's "Add provider" list; every setting below is a field on its page. */
public final class FractalIdentityProviderFactory extends AbstractIdentityProviderFactory<FractalIdentityProvider>
        implements SocialIdentityProviderFactory<FractalIdentityProvider> {
    public static final String PROVIDER_ID = FractalProviders.PROVIDER_ID;

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(FractalIdentityProviderConfig.ENVIRONMENT).label("Fractal environment")
            .helpText("production and staging use the URLs Fractal documents; custom uses only the URLs set below.")
            .type(ProviderConfigProperty.LIST_TYPE).options(Arrays.stream(FractalEnvironment.values()).map(FractalEnvironment::configValue).toList())
            .defaultValue(FractalEnvironment.PRODUCTION.configValue()).add()
            .property().name(FractalIdentityProviderConfig.USER_INFO_SHAPE).label("User info shape")
            .helpText("v2 reads /v2/users/me (emails with source type, verification cases); v1 reads /users/me (person, institution, verifications).")
            .type(ProviderConfigProperty.LIST_TYPE).options(Arrays.stream(UserInfoShape.values()).map(UserInfoShape::configValue).toList())
            .defaultValue(UserInfoShape.V2.configValue()).add()
            .property().name(FractalIdentityProviderConfig.AUTHORIZATION_URL).label("Authorization URL override")
            .helpText("Leave empty to use the environment's authorize URL.").type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(FractalIdentityProviderConfig.TOKEN_URL).label("Token URL override")
            .helpText("Leave empty to use the environment's token URL.").type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(FractalIdentityProviderConfig.USER_INFO_URL).label("User info URL override")
            .helpText("Leave empty to use the environment's user-info URL for the chosen shape.").type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(KycRoleNames.PREFIX).label("KYC role prefix")
            .helpText("Put in front of every realm role the KYC state becomes, e.g. fractal-kyc-approved.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(KycRoleNames.DEFAULTS.get(KycRoleNames.PREFIX)).add()
            .property().name(KycRoleNames.STATUS_TEMPLATE).label("Status role name")
            .helpText("The one status role a user holds; {status} is approved, pending, contacted, rejected or expired.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(KycRoleNames.DEFAULTS.get(KycRoleNames.STATUS_TEMPLATE)).add()
            .property().name(KycRoleNames.LEVEL_TEMPLATE).label("Level role name")
            .helpText("One role per approved level and add-on; {level} is e.g. basic, plus, liveness.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(KycRoleNames.DEFAULTS.get(KycRoleNames.LEVEL_TEMPLATE)).add()
            .property().name(KycRoleNames.ACCREDITED_INVESTOR).label("Accredited investor role name")
            .helpText("Granted while Fractal says the user is an accredited investor.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(KycRoleNames.DEFAULTS.get(KycRoleNames.ACCREDITED_INVESTOR)).add()
            .property().name(VaultSecrets.LEGACY_WEBHOOK).label("Webhook secrets")
            .helpText("Vault references to the secrets of Fractal's webhooks, e.g. ${vault.fractal_webhook}; several separated by commas "
                    + "when notification types have their own secrets. Plain secrets are refused: provider settings are visible to admins.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(KrakenSettings.CLIENT_ID).label("Kraken client ID")
            .helpText("The client id Fractal issued for Kraken, its newer KYC flow. Empty: Kraken is not used.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(KrakenSettings.URL).label("Kraken URL override")
            .helpText("Leave empty to use the environment's Kraken host.").type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(KrakenSettings.PRIVATE_KEY).label("Kraken private key")
            .helpText("Vault reference to your ES512 (P-521) PKCS#8 private key; API calls then use signed JWTs.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(KrakenSettings.API_KEY).label("Kraken API key")
            .helpText("Vault reference to a static Kraken API key (Kraken's first authentication form); used when no private key is set.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(KrakenSettings.WEBHOOK_SECRETS).label("Kraken webhook secrets")
            .helpText("Vault references to the secret Fractal gave you for Kraken webhooks.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(KrakenSettings.CONFIRM_STATUS).label("Confirm Kraken webhooks")
            .helpText("Kraken webhooks carry no timestamp: ask Kraken for the current status before applying one.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name(KrakenSettings.LEVEL).label("Kraken KYC level")
            .helpText("The level your Kraken journey verifies, e.g. basic+liveness; its roles are granted on approval.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(KrakenSettings.DEFAULT_LEVEL).add()
            .property().name(ReconcileSettings.INTERVAL_MINUTES).label("Reconciliation interval (minutes)")
            .helpText("Compare every linked user with Fractal's statistics this often and repair drift. Empty or 0: off. "
                    + "Needs the client-credentials grant with client.stats:read for this client at Fractal.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(ReconcileSettings.STATS_URL).label("Statistics URL override")
            .helpText("Leave empty to use the environment's statistics API (RESOURCE/v2/stats).").type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(CredentialSettings.LEVEL).label("Wallet credential level")
            .helpText("What a wallet's credential proof must show, e.g. basic, plus or plus+liveness (uniqueness < basic < plus).")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(CredentialSettings.DEFAULT_LEVEL).add()
            .property().name(CredentialSettings.CITIZENSHIP_BLOCKLIST).label("Wallet credential: excluded citizenships")
            .helpText("ISO 3166-1 alpha-2 codes, comma separated, whose citizens the credential must exclude (level basic or plus).")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(CredentialSettings.RESIDENCY_BLOCKLIST).label("Wallet credential: excluded residencies")
            .helpText("ISO 3166-1 alpha-2 codes, comma separated, whose residents the credential must exclude (level plus).")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(CredentialSettings.MAX_AGE_DAYS).label("Wallet credential maximum age (days)")
            .helpText("Refuse proofs whose KYC approval is older than this. Empty: no limit.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(CredentialSettings.APP_NAME).label("Wallet credential application name")
            .helpText("Your application's name as registered at Fractal; used in the authorization message offered with each challenge.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(CredentialSettings.CHALLENGE_SECONDS).label("Wallet challenge lifetime (seconds)")
            .helpText("How long a wallet has to sign the challenge it was given (1 to 3600).")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(CredentialSettings.DEFAULT_CHALLENGE_SECONDS)).add()
            .property().name(CredentialSettings.API_URL).label("Credentials API URL override")
            .helpText("Leave empty to use the environment's Credentials API.").type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(CredentialSettings.SIGNER).label("Credential signer override")
            .helpText("The address whose signature proofs must carry. Leave empty for the environment's published signer "
                    + "(required for the custom environment).").type(ProviderConfigProperty.STRING_TYPE).add()
            .build();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getName() {
        return "Fractal";
    }

    @Override
    public FractalIdentityProvider create(KeycloakSession session, IdentityProviderModel model) {
        return new FractalIdentityProvider(session, new FractalIdentityProviderConfig(model));
    }

    @Override
    public FractalIdentityProviderConfig createConfig() {
        return FractalIdentityProviderConfig.withDefaults();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }
}

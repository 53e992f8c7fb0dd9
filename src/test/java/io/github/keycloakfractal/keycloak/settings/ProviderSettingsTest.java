package io.github.keycloakfractal.keycloak.settings;

import io.github.keycloakfractal.fractal.FractalConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderSettingsTest {

    @Test
    void theAdminPageListsEverySettingOnceWithTheKeysRealmsAlreadyUse() {
        List<String> keys = ProviderSettings.properties().stream().map(ProviderConfigProperty::getName).toList();

        assertThat(keys).containsExactly("environment", "userInfoShape", "authorizationUrl", "tokenUrl", "userInfoUrl",
                "companyNames", "rolePrefix", "statusRoleTemplate", "levelRoleTemplate", "accreditedInvestorRole", "webhookSecrets", "webhookAcceptUndated",
                "krakenClientId", "krakenUrl", "krakenPrivateKey", "krakenApiKey", "krakenWebhookSecrets", "krakenConfirmStatus", "krakenLevel",
                "reconcileIntervalMinutes", "statsUrl", "credentialLevel", "credentialCitizenshipBlocklist", "credentialResidencyBlocklist",
                "credentialMaxAgeDays", "credentialAppName", "credentialChallengeSeconds", "credentialsUrl", "credentialsSigner", "credentialOneAccountPerPerson");
        assertThat(ProviderSettings.properties()).allSatisfy(property -> {
            assertThat(property.getLabel()).isNotBlank();
            assertThat(property.getHelpText()).isNotBlank();
        });
    }

    @Test
    void aNewProviderStartsOnProductionWithV2AndTheDefaultRoleNames() {
        assertThat(ProviderSettings.defaults()).containsExactly(Map.entry("environment", "production"), Map.entry("userInfoShape", "v2"),
                Map.entry("rolePrefix", "fractal-"), Map.entry("statusRoleTemplate", "kyc-{status}"),
                Map.entry("levelRoleTemplate", "level-{level}"), Map.entry("accreditedInvestorRole", "accredited-investor"));
    }

    @Test
    void aProviderWithOnlyClientCredentialsIsValid() {
        assertThatCode(() -> ProviderSettings.validate(Map.of("clientId", "c", "clientSecret", "s"))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "authorizationUrl | /authorize | Authorization URL override (authorizationUrl)",
            "tokenUrl | ftp://auth.example/token | Token URL override (tokenUrl)",
            "krakenUrl | //kraken.example | Kraken URL override (krakenUrl)",
            "krakenUrl | https:// | Kraken URL override (krakenUrl)",
            "statsUrl | stats.example/v2/stats | Statistics URL override (statsUrl)",
            "credentialsUrl | javascript:alert(1) | Credentials API URL override (credentialsUrl)",
            "krakenLevel | basic+teleport | Kraken KYC level (krakenLevel)",
            "webhookSecrets | plain-secret | Webhook secrets (webhookSecrets)",
            "krakenApiKey | ${vault.ok},plain | Kraken API key (krakenApiKey)",
            "statusRoleTemplate | kyc | Status role name (statusRoleTemplate)",
            "credentialMaxAgeDays | 99999999999999999999 | maximum age",
            "credentialChallengeSeconds | 3601 | challenge lifetime",
            "reconcileIntervalMinutes | 10081 | reconciliation interval",
            "environment | mainnet | unknown Fractal environment",
            "companyNames | representative | Company names (companyNames)"})
    void everySettingThatCannotWorkIsRefusedNamingItsField(String key, String value, String named) {
        Map<String, String> config = new HashMap<>(Map.of("clientId", "c", "clientSecret", "s"));
        config.put(key, value);

        assertThatThrownBy(() -> ProviderSettings.validate(config)).isInstanceOf(FractalConfigurationException.class).hasMessageContaining(named);
    }

    @Test
    void theCustomEnvironmentNeedsItsThreeOAuthUrls() {
        assertThatThrownBy(() -> ProviderSettings.validate(Map.of("environment", "custom", "authorizationUrl", "http://localhost/a",
                "userInfoUrl", "http://localhost/u"))).hasMessageContaining("token URL must be set for the custom environment");
    }
}

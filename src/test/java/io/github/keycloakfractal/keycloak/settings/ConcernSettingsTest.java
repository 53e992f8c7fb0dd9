package io.github.keycloakfractal.keycloak.settings;

import io.github.keycloakfractal.fractal.FractalEnvironment;
import io.github.keycloakfractal.fractal.credentials.FractalSigner;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed readers of each concern: what an admin's values mean, and what an empty page means. */
class ConcernSettingsTest {

    @Test
    void clientSettingsResolveTheEnvironmentsUrlsUnlessOverridden() {
        ClientSettings staging = ClientSettings.from(Map.of("environment", "staging", "clientId", " app ", "clientSecret", "${vault.s}"));
        assertThat(staging.environment()).isEqualTo(FractalEnvironment.STAGING);
        assertThat(staging.endpoints().tokenUrl()).isEqualTo("https://auth.staging.sandbox.fractal.id/oauth/token");
        assertThat(staging.clientId()).contains("app");
        assertThat(staging.clientSecretReference()).contains("${vault.s}");

        ClientSettings local = ClientSettings.from(Map.of("tokenUrl", "http://localhost:8081/oauth/token"));
        assertThat(local.endpoints().tokenUrl()).isEqualTo("http://localhost:8081/oauth/token");
        assertThat(local.endpoints().userInfoUrl()).isEqualTo("https://resource.fractal.id/v2/users/me");
        assertThat(local.clientId()).isEmpty();
    }

    @Test
    void roleNamesComeFromThePrefixAndTemplates() {
        KycRoleNames defaults = KycRoleNames.from(Map.of());
        assertThat(defaults.status(KycStatus.APPROVED)).isEqualTo("fractal-kyc-approved");
        assertThat(defaults.level("plus")).isEqualTo("fractal-level-plus");
        assertThat(defaults.accreditedInvestor()).isEqualTo("fractal-accredited-investor");
        assertThat(defaults.walletVerified()).isEqualTo("fractal-wallet-verified");

        KycRoleNames custom = KycRoleNames.from(Map.of("rolePrefix", "acme_", "statusRoleTemplate", "{status}", "levelRoleTemplate", "lvl_{level}"));
        assertThat(custom.status(KycStatus.REJECTED)).isEqualTo("acme_rejected");
        assertThat(custom.level("basic")).isEqualTo("acme_lvl_basic");
        assertThatThrownBy(() -> KycRoleNames.from(Map.of("levelRoleTemplate", "level"))).hasMessageContaining("levelRoleTemplate");
    }

    @Test
    void webhookSecretsAreVaultReferencesOnly() {
        assertThat(WebhookSettings.from(Map.of("webhookSecrets", " ${vault.a} , ${vault.b},")).secretReferences())
                .containsExactly("${vault.a}", "${vault.b}");
        assertThat(WebhookSettings.from(Map.of()).secretReferences()).isEmpty();
        assertThatThrownBy(() -> WebhookSettings.from(Map.of("webhookSecrets", "${vault.a}, hunter2")))
                .hasMessageContaining("vault references").hasMessageNotContaining("hunter2");
    }

    @Test
    void krakenIsOffWithoutAClientIdAndOtherwiseFollowsTheEnvironment() {
        KrakenSettings off = KrakenSettings.from(Map.of());
        assertThat(off.configured()).isFalse();
        assertThat(off.confirmStatus()).isTrue();
        assertThat(off.level().toString()).isEqualTo("basic+liveness");

        KrakenSettings on = KrakenSettings.from(Map.of("environment", "staging", "krakenClientId", "k", "krakenConfirmStatus", "false",
                "krakenLevel", "plus", "krakenPrivateKey", "${vault.key}"));
        assertThat(on.configured()).isTrue();
        assertThat(on.url()).contains("https://kraken.staging.sandbox.fractal.id");
        assertThat(on.confirmStatus()).isFalse();
        assertThat(on.level().toString()).isEqualTo("plus");
        assertThat(on.privateKeyReferences()).containsExactly("${vault.key}");

        assertThat(KrakenSettings.from(Map.of("environment", "custom", "krakenClientId", "k")).configured()).isFalse();
    }

    @Test
    void credentialSettingsUseThePublishedSignerUnlessOneIsNamed() {
        CredentialSettings production = CredentialSettings.from(Map.of());
        assertThat(production.signer()).contains(FractalSigner.PRODUCTION);
        assertThat(production.apiUrl()).contains("https://credentials.fractal.id");
        assertThat(production.challengeLifetime()).isEqualTo(Duration.ofSeconds(300));
        assertThat(production.maxAge()).isEmpty();

        CredentialSettings custom = CredentialSettings.from(Map.of("environment", "custom",
                "credentialsSigner", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "credentialMaxAgeDays", "182",
                "credentialChallengeSeconds", "60", "credentialLevel", "plus", "credentialResidencyBlocklist", "us, ca"));
        assertThat(custom.signer().orElseThrow().address().value()).isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        assertThat(custom.apiUrl()).isEmpty();
        assertThat(custom.maxAge()).contains(Duration.ofDays(182));
        assertThat(custom.challengeLifetime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(CredentialSettings.from(Map.of("environment", "custom")).signer()).isEmpty();
    }

    @Test
    void reconciliationIsOffUntilAnIntervalIsSet() {
        ReconcileSettings off = ReconcileSettings.from(Map.of());
        assertThat(off.scheduled()).isFalse();
        assertThat(off.statsUrl()).contains("https://resource.fractal.id/v2/stats");

        ReconcileSettings hourly = ReconcileSettings.from(Map.of("reconcileIntervalMinutes", "60", "statsUrl", "http://localhost:8081/v2/stats"));
        assertThat(hourly.scheduled()).isTrue();
        assertThat(hourly.intervalMinutes()).isEqualTo(60);
        assertThat(hourly.statsUrl()).contains("http://localhost:8081/v2/stats");
    }

    @Test
    void vaultReferencesAreSplitOnCommas() {
        assertThat(VaultSecrets.references(KrakenSettings.WEBHOOK_SECRETS, Map.of("krakenWebhookSecrets", "${vault.one}"))).isEqualTo(List.of("${vault.one}"));
        assertThatThrownBy(() -> VaultSecrets.references(KrakenSettings.WEBHOOK_SECRETS, Map.of("krakenWebhookSecrets", "${vault.}")))
                .hasMessageContaining("krakenWebhookSecrets");
    }
}

package io.github.keycloakfractal.keycloak.settings;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's reference lists every setting key an admin can set, so no setting is undocumented. */
class ReadmeSettingsTest {

    @Test
    void everySettingKeyIsInTheReadmeReference() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String reference = readme.substring(readme.indexOf("### Setting keys"), readme.indexOf("### Logging"));

        assertThat(ProviderSettings.ALL).allSatisfy(setting -> assertThat(reference).as(setting.key()).contains("`" + setting.key() + "`"));
    }
}

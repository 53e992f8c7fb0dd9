package io.github.keycloakfractal.keycloak.compat;

import io.github.keycloakfractal.testkit.KeycloakLaunch;
import io.github.keycloakfractal.testkit.KeycloakServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keycloak 26.5 is the minimum (26.5 moved the login methods of identity providers into a new interface). An admin
 * who drops the JAR into an older Keycloak must learn it once, when the server starts, not from a 500 at every
 * Fractal login. The distribution is Keycloak's own zip from Maven Central (26.4.7, the newest 26.4), unpacked by
 * Maven with the freshly built JAR in its {@code providers/}.
 */
class UnsupportedKeycloakIT {
    static final String HOME = "keycloak.unsupported.home";
    static final String VERSION = "keycloak.unsupported.version";

    @Test
    void anOlderKeycloakWithTheJarRefusesToStartAndSaysWhyOnce() throws IOException {
        Path home = KeycloakServer.home(HOME);
        String version = System.getProperty(VERSION);
        try (Stream<Path> providers = Files.list(home.resolve("providers"))) {
            assertThat(providers.map(jar -> jar.getFileName().toString())).as("the JAR is installed")
                    .anyMatch(name -> name.startsWith("keycloak-fractal-") && name.endsWith(".jar"));
        }
        KeycloakLaunch launch = KeycloakLaunch.development(home, KeycloakServer.freePort(), KeycloakServer.freePort(),
                List.of("--metrics-enabled=true"));

        assertThatThrownBy(() -> KeycloakServer.start(launch)).as("Keycloak %s never becomes ready", version)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exited with");

        List<String> log = Files.readAllLines(launch.logFile(), StandardCharsets.UTF_8);
        String expected = "keycloak-fractal needs Keycloak 26.5 or newer; this server is Keycloak " + version + ".";
        assertThat(log.stream().filter(line -> line.contains("keycloak-fractal needs Keycloak"))).as("log: " + launch.logFile())
                .singleElement().satisfies(line -> assertThat(line).startsWith("ERROR").contains(expected)
                        .contains("Remove the keycloak-fractal JAR from providers/ or upgrade Keycloak"));
        assertThat(log).as("no login ran, so no login failed").noneMatch(line -> line.contains("NoClassDefFoundError"));
        assertThat(log).as("the server never listened").noneMatch(line -> line.contains("Listening on:"));
    }
}

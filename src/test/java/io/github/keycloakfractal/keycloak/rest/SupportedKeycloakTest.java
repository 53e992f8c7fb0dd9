package io.github.keycloakfractal.keycloak.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SupportedKeycloakTest {

    @Test
    void keycloak265AndNewerStart() {
        assertThatCode(() -> SupportedKeycloak.require(getClass().getClassLoader(), "26.5.6")).doesNotThrowAnyException();
    }

    @Test
    void anOlderKeycloakRefusesToStartSayingWhich() {
        ClassLoader without265 = new ClassLoader(null) {
        };

        assertThatThrownBy(() -> SupportedKeycloak.require(without265, "26.4.7"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs Keycloak 26.5 or newer")
                .hasMessageContaining("this server is Keycloak 26.4.7");
    }
}

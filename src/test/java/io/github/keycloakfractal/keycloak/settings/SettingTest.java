package io.github.keycloakfractal.keycloak.settings;

import io.github.keycloakfractal.fractal.FractalConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingTest {
    private static final Setting ON = Setting.flag("on", "On by default", "help", true);
    private static final Setting OFF = Setting.flag("off", "Off by default", "help", false);
    private static final Setting NUMBER = Setting.text("n", "A number", "help");

    @Test
    void blankMeansUnsetAndValuesAreTrimmed() {
        assertThat(NUMBER.read(Map.of("n", "  "))).isEmpty();
        assertThat(NUMBER.read(Map.of())).isEmpty();
        assertThat(NUMBER.read(Map.of("n", " 7 "))).contains("7");
    }

    @Test
    void onlyTheOppositeWordTurnsAFlagFromItsDefault() {
        assertThat(ON.flag(Map.of())).isTrue();
        assertThat(ON.flag(Map.of("on", "FALSE"))).isFalse();
        assertThat(ON.flag(Map.of("on", "no"))).isTrue();
        assertThat(OFF.flag(Map.of())).isFalse();
        assertThat(OFF.flag(Map.of("off", "true"))).isTrue();
        assertThat(OFF.flag(Map.of("off", "yes"))).isFalse();
    }

    @Test
    void numbersOutsideTheirRangeOrTooLargeForALongAreRefusedByName() {
        assertThat(NUMBER.number(Map.of("n", "5"), 1, 10, "the n")).contains(5L);
        assertThatThrownBy(() -> NUMBER.number(Map.of("n", "11"), 1, 10, "the n"))
                .isInstanceOf(FractalConfigurationException.class).hasMessage("A number (n): the n must be a whole number from 1 to 10: 11");
        assertThatThrownBy(() -> NUMBER.number(Map.of("n", "9223372036854775808"), 1, 10, "the n"))
                .isInstanceOf(FractalConfigurationException.class);
        assertThatThrownBy(() -> NUMBER.number(Map.of("n", "1.5"), 1, 10, "the n")).isInstanceOf(FractalConfigurationException.class);
    }

    @Test
    void aUrlMustBeAbsoluteHttpWithAHost() {
        Setting url = Setting.text("u", "Some URL", "help");
        assertThat(url.url(Map.of("u", " https://kraken.example/ "))).contains("https://kraken.example/");
        assertThat(url.url(Map.of("u", "http://localhost:8081"))).contains("http://localhost:8081");
        assertThatThrownBy(() -> url.url(Map.of("u", "//kraken.example"))).hasMessageStartingWith("Some URL (u) is not an absolute http(s) URL");
        assertThatThrownBy(() -> url.url(Map.of("u", "https://exa mple.com"))).hasMessageContaining("not an absolute http(s) URL");
    }
}

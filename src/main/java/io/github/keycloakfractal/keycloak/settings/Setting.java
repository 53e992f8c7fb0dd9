package io.github.keycloakfractal.keycloak.settings;

import io.github.keycloakfractal.fractal.FractalConfigurationException;
import io.github.keycloakfractal.fractal.HttpUrl;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One field of the Fractal provider's admin page. The key is public (realms, exported realm JSON and
 * {@code kcadm.sh} scripts use it) and never changes without a migration; the label and help text are what admins read.
 * Reading goes through here so every setting treats blank as unset and names itself in its errors.
 */
public record Setting(String key, String label, String help, String type, String defaultValue, List<String> options) {

    public Setting {
        options = options == null ? List.of() : List.copyOf(options);
    }

    static Setting text(String key, String label, String help) {
        return new Setting(key, label, help, ProviderConfigProperty.STRING_TYPE, null, List.of());
    }

    static Setting text(String key, String label, String help, String defaultValue) {
        return new Setting(key, label, help, ProviderConfigProperty.STRING_TYPE, defaultValue, List.of());
    }

    static Setting flag(String key, String label, String help, boolean defaultValue) {
        return new Setting(key, label, help, ProviderConfigProperty.BOOLEAN_TYPE, String.valueOf(defaultValue), List.of());
    }

    static Setting choice(String key, String label, String help, List<String> options, String defaultValue) {
        return new Setting(key, label, help, ProviderConfigProperty.LIST_TYPE, defaultValue, options);
    }

    /** The admin console field. */
    ProviderConfigProperty property() {
        ProviderConfigProperty property = new ProviderConfigProperty(key, label, help, type, defaultValue);
        if (!options.isEmpty()) {
            property.setOptions(options);
        }
        return property;
    }

    /** The trimmed value; empty when unset or blank. */
    public Optional<String> read(Map<String, String> config) {
        String value = config.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** The trimmed value, or the default when unset or blank. */
    String readOrDefault(Map<String, String> config) {
        return read(config).orElse(defaultValue);
    }

    /** A boolean flag: only {@code false} (any case) turns a flag that defaults on off, and only {@code true} turns one on. */
    boolean flag(Map<String, String> config) {
        return read(config).map(value -> Boolean.parseBoolean(defaultValue) ? !"false".equalsIgnoreCase(value) : "true".equalsIgnoreCase(value))
                .orElse(Boolean.parseBoolean(defaultValue));
    }

    /** A URL override, checked: absolute http(s) with a host, or refused naming this field. */
    Optional<String> url(Map<String, String> config) {
        return read(config).map(value -> HttpUrl.require(describe(), value));
    }

    /** A whole number from {@code min} to {@code max}; {@code what} reads "the wallet challenge lifetime must be ...". */
    Optional<Long> number(Map<String, String> config, long min, long max, String what) {
        Optional<String> value = read(config);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long number = Long.parseLong(value.get());
            if (number >= min && number <= max) {
                return Optional.of(number);
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw invalid(what + " must be a whole number from " + min + " to " + max + ": " + value.get());
    }

    /** A refusal naming this field, for admins: "Kraken URL override (krakenUrl): ...". */
    FractalConfigurationException invalid(String why) {
        return new FractalConfigurationException(describe() + ": " + why);
    }

    String describe() {
        return label + " (" + key + ")";
    }
}

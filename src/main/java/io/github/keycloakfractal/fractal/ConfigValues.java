package io.github.keycloakfractal.fractal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Admin-page choices are enum names in lower case; blank means the default, anything else unknown is refused. */
final class ConfigValues {
    private ConfigValues() {
    }

    static <E extends Enum<E>> E parse(E[] choices, String value, E fallback, String what) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        for (E choice : choices) {
            if (name(choice).equalsIgnoreCase(value.trim())) {
                return choice;
            }
        }
        throw new FractalConfigurationException("unknown " + what + " '" + value + "' (expected "
                + Arrays.stream(choices).map(ConfigValues::name).collect(Collectors.joining(", ")) + ")");
    }

    static String name(Enum<?> choice) {
        return choice.name().toLowerCase(Locale.ROOT);
    }
}

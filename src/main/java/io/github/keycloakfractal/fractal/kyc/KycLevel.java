package io.github.keycloakfractal.fractal.kyc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Fractal level string, {@code <level>(+<addon>)*} such as {@code plus+liveness+wallet-eth}. Webhooks send one
 * notification per level and per add-on, so a lone add-on ({@code liveness}) is a valid level string too. Every
 * component must be one Fractal has defined; the components keep their order.
 */
public record KycLevel(List<String> components) {
    static final Set<String> LEVELS = Set.of("uniqueness", "basic", "plus", "v1", "light");
    static final Set<String> ADDONS = Set.of("liveness", "selfie", "sow", "ssn", "telegram", "twitter", "uniq", "idos",
            "wallet", "wallet-ada", "wallet-algo", "wallet-btc", "wallet-eth", "wallet-kar", "wallet-sol", "wallet-substrate",
            "video", "accreditation");

    /** Every level and add-on Fractal has defined, e.g. to find roles of levels a user no longer holds. */
    public static Set<String> knownComponents() {
        Set<String> all = new java.util.TreeSet<>(LEVELS);
        all.addAll(ADDONS);
        return all;
    }

    /**
     * True for a main level ({@code uniqueness}, {@code basic}, {@code plus}, {@code v1}, {@code light}); every other
     * known component is an add-on, which never approves a user on its own.
     */
    public static boolean isMainLevel(String component) {
        return component != null && LEVELS.contains(component);
    }

    /** True for every level and add-on Fractal has defined. */
    public static boolean isKnownComponent(String component) {
        return component != null && (LEVELS.contains(component) || ADDONS.contains(component));
    }

    public KycLevel {
        components = List.copyOf(components);
    }

    public static KycLevel parse(String text) {
        if (text == null || text.isBlank()) {
            throw new UnknownKycValueException("empty KYC level");
        }
        List<String> components = new ArrayList<>();
        String[] parts = text.trim().split("\\+", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean known = i == 0 ? LEVELS.contains(part) || ADDONS.contains(part) : ADDONS.contains(part);
            if (!known || components.contains(part)) {
                throw new UnknownKycValueException("unknown KYC level '" + Excerpt.of(text) + "' (component '" + Excerpt.of(part) + "')");
            }
            components.add(part);
        }
        return new KycLevel(components);
    }

    @Override
    public String toString() {
        return String.join("+", components);
    }
}

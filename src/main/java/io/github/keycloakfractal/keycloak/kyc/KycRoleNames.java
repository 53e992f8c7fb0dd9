package io.github.keycloakfractal.keycloak.kyc;

import io.github.keycloakfractal.fractal.FractalConfigurationException;
import io.github.keycloakfractal.fractal.kyc.KycStatus;

import java.util.Map;

/**
 * The realm role names the KYC state becomes, from the provider's settings: a prefix (default {@code fractal-}) and
 * templates for the status role ({@code kyc-{status}}), the level roles ({@code level-{level}}) and the accredited
 * investor role. Apps check these names, so an admin can match an existing naming scheme.
 */
public record KycRoleNames(String prefix, String statusTemplate, String levelTemplate, String accreditedInvestorName) {
    public static final String PREFIX = "rolePrefix";
    public static final String STATUS_TEMPLATE = "statusRoleTemplate";
    public static final String LEVEL_TEMPLATE = "levelRoleTemplate";
    public static final String ACCREDITED_INVESTOR = "accreditedInvestorRole";
    public static final Map<String, String> DEFAULTS = Map.of(PREFIX, "fractal-", STATUS_TEMPLATE, "kyc-{status}",
            LEVEL_TEMPLATE, "level-{level}", ACCREDITED_INVESTOR, "accredited-investor");

    public KycRoleNames {
        if (!statusTemplate.contains("{status}")) {
            throw new FractalConfigurationException("the status role template must contain {status}");
        }
        if (!levelTemplate.contains("{level}")) {
            throw new FractalConfigurationException("the level role template must contain {level}");
        }
        if (accreditedInvestorName.isBlank()) {
            throw new FractalConfigurationException("the accredited investor role must have a name");
        }
    }

    /** From a provider's config map; blank or missing settings take the defaults. */
    public static KycRoleNames from(Map<String, String> config) {
        return new KycRoleNames(setting(config, PREFIX), setting(config, STATUS_TEMPLATE), setting(config, LEVEL_TEMPLATE),
                setting(config, ACCREDITED_INVESTOR));
    }

    public String status(KycStatus status) {
        return prefix + statusTemplate.replace("{status}", status.value());
    }

    public String level(String component) {
        return prefix + levelTemplate.replace("{level}", component);
    }

    /** Held while a verified credential proof of the user's wallet is unexpired. */
    public String walletVerified() {
        return prefix + "wallet-verified";
    }

    public String accreditedInvestor() {
        return prefix + accreditedInvestorName;
    }

    private static String setting(Map<String, String> config, String key) {
        String value = config.get(key);
        return value == null || value.isBlank() ? DEFAULTS.get(key) : value.trim();
    }
}

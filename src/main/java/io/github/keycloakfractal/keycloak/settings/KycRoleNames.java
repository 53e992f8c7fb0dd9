package io.github.keycloakfractal.keycloak.settings;

import io.github.keycloakfractal.fractal.kyc.KycStatus;

import java.util.List;
import java.util.Map;

/**
 * The realm role names the KYC state becomes, from the provider's settings: a prefix (default {@code fractal-}) and
 * templates for the status role ({@code kyc-{status}}), the level roles ({@code level-{level}}) and the accredited
 * investor role. Apps check these names, so an admin can match an existing naming scheme.
 */
public record KycRoleNames(String prefix, String statusTemplate, String levelTemplate, String accreditedInvestorName) {
    public static final Setting PREFIX = Setting.text("rolePrefix", "KYC role prefix",
            "Put in front of every realm role the KYC state becomes, e.g. fractal-kyc-approved.", "fractal-");
    public static final Setting STATUS_TEMPLATE = Setting.text("statusRoleTemplate", "Status role name",
            "The one status role a user holds; {status} is approved, pending, contacted, rejected or expired.", "kyc-{status}");
    public static final Setting LEVEL_TEMPLATE = Setting.text("levelRoleTemplate", "Level role name",
            "One role per approved level and add-on; {level} is e.g. basic, plus, liveness.", "level-{level}");
    public static final Setting ACCREDITED_INVESTOR = Setting.text("accreditedInvestorRole", "Accredited investor role name",
            "Granted while Fractal says the user is an accredited investor.", "accredited-investor");

    static final List<Setting> SETTINGS = List.of(PREFIX, STATUS_TEMPLATE, LEVEL_TEMPLATE, ACCREDITED_INVESTOR);

    public KycRoleNames {
        if (!statusTemplate.contains("{status}")) {
            throw STATUS_TEMPLATE.invalid("the status role template must contain {status}");
        }
        if (!levelTemplate.contains("{level}")) {
            throw LEVEL_TEMPLATE.invalid("the level role template must contain {level}");
        }
        if (accreditedInvestorName.isBlank()) {
            throw ACCREDITED_INVESTOR.invalid("the accredited investor role must have a name");
        }
    }

    /** From a provider's config map; blank or missing settings take the defaults. */
    public static KycRoleNames from(Map<String, String> config) {
        return new KycRoleNames(PREFIX.readOrDefault(config), STATUS_TEMPLATE.readOrDefault(config), LEVEL_TEMPLATE.readOrDefault(config),
                ACCREDITED_INVESTOR.readOrDefault(config));
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
}

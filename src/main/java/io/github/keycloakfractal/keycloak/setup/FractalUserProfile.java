package io.github.keycloakfractal.keycloak.setup;

import io.github.keycloakfractal.keycloak.kyc.KycAttributes;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.representations.userprofile.config.UPGroup;
import org.keycloak.userprofile.UserProfileProvider;

import java.util.Set;

/**
 * Declares the {@code fractal_*} attributes in the realm's user profile: users and admins may view them, only admins
 * may edit them through the UI and REST APIs (the extension writes them directly). Each carries a display name
 * {@code ${<attribute name>}}, a message key the extension ships (theme resources reach every theme type), so the
 * account console, the admin console and the login forms show "KYC status" instead of {@code fractal_kyc_status}.
 * Only what is missing is added (a declaration, or the display name of one declared without it), so an admin's own
 * changes are kept and running it again changes nothing.
 */
final class FractalUserProfile {
    static final String GROUP = "fractal";

    private FractalUserProfile() {
    }

    static void declare(KeycloakSession session, RealmModel realm) {
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            UserProfileProvider provider = session.getProvider(UserProfileProvider.class);
            UPConfig config = provider.getConfiguration();
            boolean changed = false;
            if (config.getGroups().stream().noneMatch(group -> GROUP.equals(group.getName()))) {
                UPGroup group = new UPGroup(GROUP);
                group.setDisplayHeader("Fractal KYC");
                group.setDisplayDescription("Set by Fractal; users cannot change these.");
                config.addGroup(group);
                changed = true;
            }
            for (String name : KycAttributes.ALL) {
                UPAttribute declared = config.getAttribute(name);
                if (declared == null) {
                    UPAttribute attribute = new UPAttribute(name, KycAttributes.MULTIVALUED.contains(name),
                            new UPAttributePermissions(Set.of("admin", "user"), Set.of("admin")));
                    attribute.setGroup(GROUP);
                    attribute.setDisplayName(displayName(name));
                    config.addOrReplaceAttribute(attribute);
                    changed = true;
                } else if (declared.getDisplayName() == null || declared.getDisplayName().isBlank()) {
                    declared.setDisplayName(displayName(name));
                    changed = true;
                }
            }
            if (changed) {
                provider.setConfiguration(config);
            }
        } finally {
            session.getContext().setRealm(previous);
        }
    }

    /** The message key of an attribute's label: its own name (the messages live in theme-resources/messages). */
    static String displayName(String attribute) {
        return "${" + attribute + "}";
    }
}

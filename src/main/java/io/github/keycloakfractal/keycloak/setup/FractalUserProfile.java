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
 * may edit them through the UI and REST APIs (the extension writes them directly). Only missing declarations are
 * added, so an admin's own changes to them are kept; running it again changes nothing.
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
                if (config.getAttribute(name) == null) {
                    UPAttribute attribute = new UPAttribute(name, KycAttributes.MULTIVALUED.contains(name),
                            new UPAttributePermissions(Set.of("admin", "user"), Set.of("admin")));
                    attribute.setGroup(GROUP);
                    config.addOrReplaceAttribute(attribute);
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
}

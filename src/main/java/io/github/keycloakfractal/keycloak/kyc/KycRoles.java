package io.github.keycloakfractal.keycloak.kyc;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The realm roles the KYC state becomes exist before they are granted. The realm setup creates the usual ones when a
 * provider is saved; a role that is still missing (a level first seen, a role an admin deleted) is created here in a
 * transaction of its own. Two deliveries may create the same role at once: the loser's duplicate-name failure stays in
 * that small transaction (inside the caller's it would leave the whole delivery unusable and roll it back after the
 * answer), and both then use the role that won.
 */
public final class KycRoles {
    static final String DESCRIPTION = "Granted by keycloak-fractal from the user's Fractal KYC state";
    private static final int ATTEMPTS = 3;

    private KycRoles() {
    }

    /** The realm role of that name, created if it is missing; never null. */
    public static RoleModel ensure(KeycloakSession session, RealmModel realm, String name) {
        RoleModel role = realm.getRole(name);
        for (int attempt = 0; role == null && attempt < ATTEMPTS; attempt++) {
            create(session, realm.getId(), name);
            role = realm.getRole(name);
        }
        if (role == null) {
            throw new IllegalStateException("the realm role " + name + " could not be created");
        }
        return role;
    }

    /** Creates the role in the caller's own transaction: for the realm setup, which runs where the provider is saved. */
    public static void ensureHere(RealmModel realm, String name) {
        if (realm.getRole(name) == null) {
            realm.addRole(name).setDescription(DESCRIPTION);
        }
    }

    private static void create(KeycloakSession session, String realmId, String name) {
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), job -> {
                RealmModel realm = job.realms().getRealm(realmId);
                if (realm != null && realm.getRole(name) == null) {
                    realm.addRole(name).setDescription(DESCRIPTION);
                }
            });
        } catch (ModelDuplicateException createdMeanwhile) {
            // another delivery created it first: read it back
        } catch (RuntimeException failed) {
            // e.g. the unique constraint reported at commit; the caller reads again and tries once more
        }
    }
}

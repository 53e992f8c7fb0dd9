package io.github.keycloakfractal.keycloak.http;

import jakarta.ws.rs.core.Response;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import java.util.Optional;

/**
 * Admin operations are for users of this realm who may manage its users: a bearer token of the realm (401
 * otherwise) whose user holds {@code realm-management}'s {@code manage-users} role, directly, through a composite
 * or a group (403 otherwise).
 */
public final class RealmAdminCaller {
    private RealmAdminCaller() {
    }

    /** Empty when the caller may proceed; otherwise the JSON refusal. */
    public static Optional<Response> refusal(KeycloakSession session) {
        Optional<UserModel> user = BearerUser.of(session);
        if (user.isEmpty()) {
            return Optional.of(ApiErrors.unauthorized());
        }
        RealmModel realm = session.getContext().getRealm();
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        RoleModel manageUsers = management == null ? null : management.getRole(AdminRoles.MANAGE_USERS);
        if (manageUsers == null || !user.get().hasRole(manageUsers)) {
            return Optional.of(ApiErrors.error(Response.Status.FORBIDDEN, "forbidden",
                    "This operation needs the realm's manage-users role."));
        }
        return Optional.empty();
    }
}

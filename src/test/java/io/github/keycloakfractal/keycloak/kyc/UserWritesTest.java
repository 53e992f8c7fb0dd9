package io.github.keycloakfractal.keycloak.kyc;

import org.junit.jupiter.api.Test;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user of a user-storage federation (LDAP, a custom provider) is written through Keycloak's {@link UserModel}, whose
 * federation mappers may keep attributes and roles elsewhere, never as rows of Keycloak's database; a held role is not
 * granted again and a role not held is not revoked. (Users of Keycloak's own database are written as rows: the webhook,
 * login, wallet and reconciliation ITs check what they end with.)
 */
class UserWritesTest {
    private final List<String> calls = new ArrayList<>();
    private final RoleModel approved = role("role-approved");
    private final RoleModel rejected = role("role-rejected");
    private final RoleModel basic = role("role-basic");

    @Test
    void aFederatedUserIsWrittenThroughTheUserModelAndNeverThroughTheDatabasesRows() {
        UserWrites writes = UserWrites.of(sessionWithDatabase(), user("ldap-provider", rejected));

        writes.attribute("fractal_kyc_status", List.of("approved"));
        writes.attribute("fractal_kyc_levels", List.of());
        writes.grant(approved);
        writes.grant(approved);
        assertThat(writes.revoke(rejected)).as("revoked a held role").isTrue();
        assertThat(writes.revoke(basic)).as("revoked a role not held").isFalse();

        assertThat(calls).containsExactly("setAttribute fractal_kyc_status [approved]", "setAttribute fractal_kyc_levels []",
                "grantRole role-approved", "deleteRoleMapping role-rejected");
    }

    @Test
    void withoutKeycloaksDatabaseEveryUserIsWrittenThroughTheUserModel() {
        UserWrites writes = UserWrites.of(sessionWithout(), user(null, approved));

        writes.attribute("fractal_kyc_decisions", List.of("basic approved 2026-11-30T01:02:03Z webhook", "liveness approved 2026-11-30T01:02:03Z webhook"));
        writes.grant(approved);
        writes.grant(basic);

        assertThat(calls).containsExactly(
                "setAttribute fractal_kyc_decisions [basic approved 2026-11-30T01:02:03Z webhook, liveness approved 2026-11-30T01:02:03Z webhook]",
                "grantRole role-basic");
    }

    private UserModel user(String federationLink, RoleModel... held) {
        return (UserModel) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {UserModel.class}, (self, method, args) ->
                switch (method.getName()) {
                    case "getId" -> "user-1";
                    case "getFederationLink" -> federationLink;
                    case "getRoleMappingsStream" -> Stream.of(held);
                    case "setAttribute" -> record(method.getName() + " " + args[0] + " " + args[1]);
                    case "grantRole", "deleteRoleMapping" -> record(method.getName() + " " + ((RoleModel) args[0]).getId());
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Object record(String call) {
        calls.add(call);
        return null;
    }

    /** A session with Keycloak's database, whose entity manager no federated user may reach. */
    private KeycloakSession sessionWithDatabase() {
        JpaConnectionProvider jpa = (JpaConnectionProvider) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {JpaConnectionProvider.class}, (self, method, args) -> {
                    throw new AssertionError("a federated user's rows were reached through " + method.getName());
                });
        return session(jpa);
    }

    private KeycloakSession sessionWithout() {
        return session(null);
    }

    private KeycloakSession session(JpaConnectionProvider jpa) {
        return (KeycloakSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {KeycloakSession.class}, (self, method, args) -> {
            if (method.getName().equals("getProvider") && args.length == 1 && args[0] == JpaConnectionProvider.class) {
                return jpa;
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }

    private static RoleModel role(String id) {
        return (RoleModel) Proxy.newProxyInstance(UserWritesTest.class.getClassLoader(), new Class<?>[] {RoleModel.class}, (self, method, args) -> {
            if (method.getName().equals("getId")) {
                return id;
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }
}

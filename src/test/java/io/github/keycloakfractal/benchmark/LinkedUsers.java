package io.github.keycloakfractal.benchmark;

import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.PostgresServer;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * N local users of a realm, each linked through the {@code fractal} provider to the Fractal uid {@code prefix + i}, as
 * a first broker login leaves them (username, email, names, the realm's default roles, the link), optionally with the
 * same attributes and realm roles each ({@link Seed}, e.g. a KYC state). Their ids are fixed in advance, so a benchmark
 * can address them without listing them first.
 *
 * <p>Two ways in. {@link #importThroughAdminApi} uses Keycloak's partial import in batches of 1000: the supported path,
 * works on every database, about 1000 users in a few seconds. {@link #insertIntoPostgres} writes the same rows straight
 * into the test PostgreSQL ({@code user_entity}, {@code federated_identity}, {@code user_role_mapping}): 100 000 users
 * in seconds instead of many minutes, and without filling Keycloak's caches and heap before the measurement starts
 * (Keycloak has never seen these users, as after a restart). The driver is the one Keycloak ships, loaded from its
 * distribution, so the build needs no extra dependency.
 */
final class LinkedUsers {
    private static final int BATCH = 1000;

    /** One user: Keycloak id, username, Fractal uid. */
    record User(String id, String username, String uid) {
    }

    /** What every user holds besides the link: attributes and realm roles by name (none: a user without KYC state). */
    record Seed(Map<String, List<String>> attributes, List<String> realmRoles) {
        static final Seed NONE = new Seed(Map.of(), List.of());
    }

    private final List<User> users;

    private LinkedUsers(List<User> users) {
        this.users = List.copyOf(users);
    }

    List<User> all() {
        return users;
    }

    User get(int index) {
        return users.get(index);
    }

    int size() {
        return users.size();
    }

    private static List<User> plan(String realm, int count, String uidPrefix) {
        List<User> planned = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = UUID.nameUUIDFromBytes((realm + "/" + i).getBytes(StandardCharsets.UTF_8)).toString();
            planned.add(new User(id, "user" + i, uidPrefix + i));
        }
        return planned;
    }

    static LinkedUsers importThroughAdminApi(AdminApi admin, String realm, int count, String uidPrefix, Seed seed) {
        List<User> planned = plan(realm, count, uidPrefix);
        for (int from = 0; from < count; from += BATCH) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (User user : planned.subList(from, Math.min(count, from + BATCH))) {
                batch.add(Map.of("id", user.id(), "username", user.username(), "enabled", true,
                        "email", user.username() + "@example.org", "firstName", "Bench", "lastName", user.username(),
                        "attributes", seed.attributes(), "realmRoles", seed.realmRoles(),
                        "federatedIdentities", List.of(Map.of("identityProvider", FractalRealm.ALIAS, "userId", user.uid(),
                                "userName", user.username()))));
            }
            admin.post("/realms/" + realm + "/partialImport", Map.of("ifResourceExists", "SKIP", "users", batch));
        }
        String firstId = admin.get("/realms/" + realm + "/users/" + planned.get(0).id()).path("id").asText();
        if (!firstId.equals(planned.get(0).id())) {
            throw new IllegalStateException("partial import did not keep the given user ids");
        }
        return new LinkedUsers(planned);
    }

    static LinkedUsers insertIntoPostgres(AdminApi admin, PostgresServer postgres, String realm, int count, String uidPrefix, Seed seed)
            throws Exception {
        var representation = admin.get("/realms/" + realm);
        String realmId = representation.path("id").asText();
        List<String> roleIds = new ArrayList<>(List.of(representation.path("defaultRole").path("id").asText()));
        seed.realmRoles().forEach(role -> roleIds.add(admin.get("/realms/" + realm + "/roles/" + AdminApi.encode(role)).path("id").asText()));
        List<User> planned = plan(realm, count, uidPrefix);
        long now = System.currentTimeMillis();
        try (Connection db = connect(postgres)) {
            db.setAutoCommit(false);
            try (PreparedStatement user = db.prepareStatement("INSERT INTO user_entity (id, email, email_constraint, email_verified, enabled, "
                    + "first_name, last_name, realm_id, username, created_timestamp, not_before) VALUES (?, ?, ?, false, true, 'Bench', ?, ?, ?, ?, 0)");
                 PreparedStatement link = db.prepareStatement("INSERT INTO federated_identity (identity_provider, realm_id, federated_user_id, "
                         + "federated_username, user_id) VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement role = db.prepareStatement("INSERT INTO user_role_mapping (role_id, user_id) VALUES (?, ?)");
                 PreparedStatement attribute = db.prepareStatement("INSERT INTO user_attribute (id, name, value, user_id) VALUES (?, ?, ?, ?)")) {
                int pending = 0;
                for (User each : planned) {
                    String email = each.username() + "@example.org";
                    user.setString(1, each.id());
                    user.setString(2, email);
                    user.setString(3, email);
                    user.setString(4, each.username());
                    user.setString(5, realmId);
                    user.setString(6, each.username());
                    user.setLong(7, now);
                    user.addBatch();
                    link.setString(1, FractalRealm.ALIAS);
                    link.setString(2, realmId);
                    link.setString(3, each.uid());
                    link.setString(4, each.username());
                    link.setString(5, each.id());
                    link.addBatch();
                    for (String roleId : roleIds) {
                        role.setString(1, roleId);
                        role.setString(2, each.id());
                        role.addBatch();
                    }
                    for (Map.Entry<String, List<String>> values : seed.attributes().entrySet()) {
                        for (String value : values.getValue()) {
                            attribute.setString(1, UUID.randomUUID().toString());
                            attribute.setString(2, values.getKey());
                            attribute.setString(3, value);
                            attribute.setString(4, each.id());
                            attribute.addBatch();
                        }
                    }
                    if (++pending == BATCH) {
                        flush(user, link, role, attribute);
                        pending = 0;
                    }
                }
                flush(user, link, role, attribute);
            }
            db.commit();
            db.setAutoCommit(true);
            try (var analyze = db.createStatement()) {
                analyze.execute("ANALYZE user_entity; ANALYZE federated_identity; ANALYZE user_role_mapping; ANALYZE user_attribute");
            }
        }
        String firstUid = admin.get("/realms/" + realm + "/users/" + planned.get(0).id() + "/federated-identity").path(0).path("userId").asText();
        if (!firstUid.equals(planned.get(0).uid())) {
            throw new IllegalStateException("Keycloak does not read the users written into its database: " + firstUid);
        }
        return new LinkedUsers(planned);
    }

    private static void flush(PreparedStatement... statements) throws java.sql.SQLException {
        for (PreparedStatement statement : statements) {
            statement.executeBatch();
        }
    }

    /** Keycloak's own PostgreSQL driver, from the distribution's libraries. */
    private static Connection connect(PostgresServer postgres) throws Exception {
        Path libraries = KeycloakServer.home().resolve("lib/lib/main");
        Path jar;
        try (Stream<Path> files = Files.list(libraries)) {
            jar = files.filter(file -> file.getFileName().toString().startsWith("org.postgresql.postgresql-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL driver in " + libraries));
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, LinkedUsers.class.getClassLoader());
        Driver driver = (Driver) Class.forName("org.postgresql.Driver", true, loader).getDeclaredConstructor().newInstance();
        Properties login = new Properties();
        login.setProperty("user", PostgresServer.USER);
        login.setProperty("password", PostgresServer.PASSWORD);
        login.setProperty("reWriteBatchedInserts", "true");
        return driver.connect(postgres.jdbcUrl(), login);
    }
}

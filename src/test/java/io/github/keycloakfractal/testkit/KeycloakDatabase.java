package io.github.keycloakfractal.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The database the single-node test server runs on, chosen with {@code -Dkeycloak.db=postgres|h2} (Maven's default is
 * PostgreSQL; see the failsafe executions in pom.xml). PostgreSQL is what production runs on, so the suite runs there;
 * H2 is what {@code mvn -Pdemo package} runs on, so the demo's paths run there too.
 */
public enum KeycloakDatabase {
    /** Keycloak's embedded dev-file database in the distribution Maven unpacked, as the demo uses it. */
    H2,
    /** A fresh {@link PostgresServer} per test run, and a distribution copy of its own. */
    POSTGRES;

    public static final String PROPERTY = "keycloak.db";

    public static KeycloakDatabase fromSystemProperty() {
        String value = System.getProperty(PROPERTY, "postgres").trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PROPERTY + " must be postgres or h2, not " + System.getProperty(PROPERTY), e);
        }
    }

    /** Keycloak's options for a database that {@code postgres} serves. */
    public static List<String> postgresOptions(PostgresServer postgres) {
        return List.of("--db=postgres", "--db-url=" + postgres.jdbcUrl(), "--db-username=" + PostgresServer.USER,
                "--db-password=" + PostgresServer.PASSWORD);
    }

    /** A started PostgreSQL for this choice, or null for H2. */
    PostgresServer startServer() throws IOException {
        return this == POSTGRES ? PostgresServer.start("single-node") : null;
    }

    /** The distribution the server runs from: the original for H2, a copy of its own for PostgreSQL. */
    Path home() throws IOException {
        return this == POSTGRES ? KeycloakDistribution.copy("postgres") : KeycloakServer.home();
    }

    List<String> options(PostgresServer postgres) {
        return this == POSTGRES ? postgresOptions(postgres) : List.of();
    }
}

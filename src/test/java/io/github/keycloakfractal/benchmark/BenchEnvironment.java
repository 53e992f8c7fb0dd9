package io.github.keycloakfractal.benchmark;

import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.KeycloakDatabase;
import io.github.keycloakfractal.testkit.KeycloakDistribution;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.PostgresServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One Keycloak for a benchmark run, as the test harness starts it ({@code kc.sh start-dev} with the packaged JAR, the
 * file vault, metrics on), on the database {@code -Dkeycloak.db} names: H2 (the distribution Maven unpacked) or a fresh
 * PostgreSQL of its own (a distribution copy named {@code benchmark}, so its build is not redone when the suite switches
 * databases). Plus the Fractal sandbox. Keycloak keeps its default heap ({@code -Xms64m -Xmx512m} outside a container),
 * so the figures are those of an untuned installation; {@code JAVA_OPTS_APPEND} in the benchmark's environment reaches
 * Keycloak's JVM (kc.sh reads it), e.g. to start a flight recording from the first second.
 */
final class BenchEnvironment implements AutoCloseable {
    private final KeycloakDatabase database;
    private final PostgresServer postgres;
    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;

    private BenchEnvironment(KeycloakDatabase database, PostgresServer postgres, KeycloakServer keycloak, FractalSandbox sandbox) {
        this.database = database;
        this.postgres = postgres;
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = new AdminApi(keycloak);
    }

    static BenchEnvironment start() throws IOException {
        KeycloakDatabase database = KeycloakDatabase.fromSystemProperty();
        PostgresServer postgres = database == KeycloakDatabase.POSTGRES ? PostgresServer.start("benchmark") : null;
        List<String> options = new ArrayList<>(postgres == null ? List.of() : KeycloakDatabase.postgresOptions(postgres));
        options.addAll(KeycloakServer.fileVault());
        options.add("--metrics-enabled=true");
        // more server options for an experiment, e.g. -Dbench.kcOptions=--log-level=INFO,org.hibernate.SQL:DEBUG
        for (String option : System.getProperty("bench.kcOptions", "").split("\\s+")) {
            if (!option.isBlank()) {
                options.add(option);
            }
        }
        Path home = postgres == null ? KeycloakServer.home() : KeycloakDistribution.copy("benchmark");
        long started = System.nanoTime();
        KeycloakServer keycloak;
        try {
            keycloak = KeycloakServer.start(home, KeycloakServer.freePort(), KeycloakServer.freePort(), options);
        } catch (IOException | RuntimeException e) {
            if (postgres != null) {
                postgres.close();
            }
            throw e;
        }
        System.out.printf("Keycloak on %s ready in %d s at %s (log %s)%n", database, (System.nanoTime() - started) / 1_000_000_000L,
                keycloak.baseUrl(), keycloak.logFile());
        return new BenchEnvironment(database, postgres, keycloak, FractalSandbox.start(0));
    }

    KeycloakDatabase database() {
        return database;
    }

    /** Null on H2. */
    PostgresServer postgres() {
        return postgres;
    }

    KeycloakServer keycloak() {
        return keycloak;
    }

    FractalSandbox sandbox() {
        return sandbox;
    }

    AdminApi admin() {
        return admin;
    }

    String metricsUrl() {
        return keycloak.managementUrl() + "/metrics";
    }

    /** The machine's load averages (1, 5, 15 min) as {@code /proc/loadavg} has them, printed beside every figure. */
    static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return "load " + fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "load ?";
        }
    }

    @Override
    public void close() {
        sandbox.close();
        keycloak.close();
        if (postgres != null) {
            postgres.close();
        }
    }
}

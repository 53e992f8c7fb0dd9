package io.github.keycloakfractal.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Copies of the distribution Maven unpacked, one per kind of server (H2 keeps the original, which the demo uses too;
 * PostgreSQL and each cluster node get their own), under {@code target/keycloak-runs/<distribution>/<name>} (the
 * distribution's folder name, e.g. {@code keycloak-26.5.6}, so runs on another Keycloak version never share a copy's
 * build). Keycloak rebuilds
 * itself ("augmentation", tens of seconds) whenever its build options or provider JARs change; a server of its own
 * per configuration keeps that to once per new JAR instead of once per switch between H2 and PostgreSQL.
 *
 * <p>Refreshing a copy brings in the original's files (the provider JAR with its file time), but keeps the copy's
 * own build ({@code lib/quarkus}), data and log.
 */
public final class KeycloakDistribution {
    private static final Set<String> OWN_FILES = Set.of("lib/quarkus", "data", "vault", "keycloak-test.log");

    private KeycloakDistribution() {
    }

    /** The copy named {@code name} of {@link KeycloakServer#home()}, made or brought up to date now. */
    public static Path copy(String name) throws IOException {
        Path original = KeycloakServer.home();
        Path copy = original.getParent().resolve("keycloak-runs").resolve(original.getFileName().toString()).resolve(name);
        if (!Files.isDirectory(copy.resolve("lib/quarkus"))) {
            Directories.mirror(original.resolve("lib/quarkus"), copy.resolve("lib/quarkus"), Set.of());
        }
        Directories.mirror(original, copy, OWN_FILES);
        return copy;
    }

    /**
     * Gives {@code follower} the build {@code leader} made, so a second cluster node starts without building again:
     * same JARs, same times, same build options, nothing for Keycloak to redo.
     */
    public static void shareBuild(Path leader, Path follower) throws IOException {
        Directories.mirror(leader.resolve("lib/quarkus"), follower.resolve("lib/quarkus"), Set.of());
        Directories.mirror(leader.resolve("providers"), follower.resolve("providers"), Set.of());
    }

    /** Forgets a copy's data folder (transaction logs, caches), for a fresh start. */
    public static void clearData(Path home) throws IOException {
        Directories.deleteRecursively(home.resolve("data"));
    }
}

package io.github.keycloakfractal.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two Keycloak nodes in production mode forming one Infinispan cluster on one PostgreSQL, as a small production
 * deployment would: each node its own copy of the distribution, ports and cluster port; JGroups finds the other node
 * through the database ({@code --cache-stack=jdbc-ping}); both share one {@code --hostname} (node A's URL, so a token
 * from either node names the same issuer) and one file vault. Node A builds Keycloak when its JAR changed; node B
 * takes that build instead of making its own.
 */
public final class KeycloakCluster implements AutoCloseable {
    private static final Pattern VIEW = Pattern.compile("ISPN000094: Received new cluster view for channel \\S+: \\[[^]]*] \\((\\d+)\\)");
    private static final Duration VIEW_LIMIT = Duration.ofSeconds(90);

    private final List<KeycloakServer> nodes;

    private KeycloakCluster(List<KeycloakServer> nodes) {
        this.nodes = nodes;
    }

    /** Starts node A, then node B, with {@code options} added to both; returns once each sees a view of two. */
    public static KeycloakCluster start(PostgresServer postgres, List<String> options) throws IOException {
        Path homeA = KeycloakDistribution.copy("node-a");
        Path homeB = KeycloakDistribution.copy("node-b");
        KeycloakDistribution.clearData(homeA);
        KeycloakDistribution.clearData(homeB);
        int portA = KeycloakServer.freePort();
        List<String> shared = new ArrayList<>(KeycloakDatabase.postgresOptions(postgres));
        shared.addAll(List.of("--hostname=http://127.0.0.1:" + portA, "--cache=ispn", "--cache-stack=jdbc-ping",
                "--cache-embedded-network-bind-address=127.0.0.1"));
        shared.addAll(KeycloakServer.fileVault());
        shared.addAll(options);

        KeycloakServer a = KeycloakServer.start(node(homeA, portA, shared));
        KeycloakDistribution.shareBuild(homeA, homeB);
        KeycloakServer b;
        try {
            b = KeycloakServer.start(node(homeB, KeycloakServer.freePort(), shared));
        } catch (IOException | RuntimeException e) {
            a.close();
            throw e;
        }
        KeycloakCluster cluster = new KeycloakCluster(List.of(a, b));
        cluster.awaitView(2);
        return cluster;
    }

    private static KeycloakLaunch node(Path home, int httpPort, List<String> shared) throws IOException {
        List<String> options = new ArrayList<>(shared);
        options.add("--cache-embedded-network-bind-port=" + KeycloakServer.freePort());
        return KeycloakLaunch.production(home, httpPort, KeycloakServer.freePort(), options);
    }

    public KeycloakServer a() {
        return nodes.get(0);
    }

    public KeycloakServer b() {
        return nodes.get(1);
    }

    public List<KeycloakServer> nodes() {
        return nodes;
    }

    /**
     * Waits until every running node's latest cluster view has {@code members} members (Infinispan logs each view
     * as {@code ISPN000094}); e.g. 2 after a restarted node rejoined, 1 on the survivor after a kill.
     */
    public void awaitView(int members) throws IOException {
        Instant deadline = Instant.now().plus(VIEW_LIMIT);
        while (!nodes.stream().filter(KeycloakServer::isAlive).allMatch(node -> latestView(node) == members)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no cluster view of " + members + " within " + VIEW_LIMIT + "; logs: "
                        + nodes.stream().map(KeycloakServer::logFile).toList());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the cluster", e);
            }
        }
    }

    /** Members in the node's newest logged view, 0 before its first. */
    static int latestView(KeycloakServer node) {
        try {
            Matcher matcher = VIEW.matcher(new String(Files.readAllBytes(node.logFile()), java.nio.charset.StandardCharsets.UTF_8));
            int members = 0;
            while (matcher.find()) {
                members = Integer.parseInt(matcher.group(1));
            }
            return members;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        // B first: A then leaves a cluster of one, which needs no rebalancing
        b().close();
        a().close();
    }
}

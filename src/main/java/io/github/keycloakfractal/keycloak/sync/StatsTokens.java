package io.github.keycloakfractal.keycloak.sync;

import io.github.keycloakfractal.fractal.stats.ClientToken;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statistics tokens this Keycloak node holds, one per realm, provider and Fractal client, so reconciliation runs
 * reuse a token until it expires. Owned by the extension's provider factory (one per node), not static.
 */
public final class StatsTokens {
    private final Map<String, ClientToken> tokens = new ConcurrentHashMap<>();

    ClientToken forClient(String realmId, String alias, String clientId) {
        return tokens.computeIfAbsent(realmId + "/" + alias + "/" + clientId, key -> new ClientToken(Clock.systemUTC()));
    }
}

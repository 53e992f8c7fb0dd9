package io.github.keycloakfractal.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The OAuth applications registered at the sandbox (client id and secret; any redirect URI is accepted). */
final class SandboxClients {
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    void register(String clientId, String clientSecret) {
        if (clientId == null || clientId.isEmpty() || clientSecret == null || clientSecret.isEmpty()) {
            throw new IllegalArgumentException("client id and secret must not be empty");
        }
        secrets.put(clientId, clientSecret);
    }

    boolean exists(String clientId) {
        return clientId != null && secrets.containsKey(clientId);
    }

    /** Constant-time secret comparison, as a real authorization server does. */
    boolean authenticate(String clientId, String clientSecret) {
        String expected = clientId == null ? null : secrets.get(clientId);
        return expected != null && clientSecret != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), clientSecret.getBytes(StandardCharsets.UTF_8));
    }
}

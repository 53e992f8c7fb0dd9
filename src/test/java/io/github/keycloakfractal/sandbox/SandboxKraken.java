package io.github.keycloakfractal.sandbox;

import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Kraken as Fractal runs it for one integrator: Kraken users with a KYC status and note, the integrator's client id
 * with both credential forms (the early static API key, and the ES512 public key its JWTs are checked against), and
 * a log of how each API call authenticated, so tests can see which form the extension used.
 */
public final class SandboxKraken {
    public static final String CLIENT_ID = "sandbox-kraken-client";
    /** Kraken's first credential form; a well-known test value. */
    public static final String API_KEY = "sandbox-kraken-api-key";

    record KrakenUser(String status, String note) {
    }

    private final Map<String, KrakenUser> users = new ConcurrentHashMap<>();
    private final List<String> authLog = new CopyOnWriteArrayList<>();
    private volatile PublicKey publicKey;

    /** A new Kraken user with that status ({@code approved}, {@code pending} or {@code rejected}); returns its id. */
    public String addUser(String status) {
        String id = UUID.randomUUID().toString();
        setStatus(id, status, "");
        return id;
    }

    public void setStatus(String id, String status, String note) {
        users.put(id, new KrakenUser(status, note));
    }

    /** The integrator's ES512 public key (P-521), as given to Fractal at setup. */
    public void registerPublicKey(PublicKey key) {
        this.publicKey = key;
    }

    /** "api-key" or "jwt" per authenticated API call, in order. */
    public List<String> authLog() {
        return List.copyOf(authLog);
    }

    KrakenUser user(String id) {
        return users.get(id);
    }

    PublicKey publicKey() {
        return publicKey;
    }

    void authenticated(String form) {
        authLog.add(form);
    }
}

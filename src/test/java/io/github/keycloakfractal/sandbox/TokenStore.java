package io.github.keycloakfractal.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Authorization codes and token pairs, with Doorkeeper's rules as Fractal configures them: codes are single-use
 * and live 10 minutes; access tokens live {@link #accessTokenLifetime()}; refresh tokens do not expire, and a
 * refresh rotates the pair but revokes the previous one only when the new access token is first used
 * ({@code refresh_token_revoked_on_use}). One lock guards everything: the sandbox is small and correctness under
 * concurrent Keycloak and browser requests matters more than throughput.
 */
final class TokenStore {
    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(7200);

    /** A code the user approved, bound to the client, redirect URI, user and granted scopes. */
    record AuthorizationCode(String clientId, String redirectUri, String userKey, List<String> scopes, Instant expiresAt) {
    }

    /**
     * What a grant issued. {@code userKey} and {@code refreshToken} are null for client-credentials tokens.
     */
    record TokenPair(String accessToken, String refreshToken, String clientId, String userKey, List<String> scopes,
                     Instant createdAt, Duration lifetime) {
        boolean isUserToken() {
            return userKey != null;
        }

        GrantedScopes grantedScopes() {
            return new GrantedScopes(scopes);
        }
    }

    /** Why a presented access token is refused, with Doorkeeper's descriptions. */
    enum Refusal {
        UNKNOWN("The access token is invalid"),
        REVOKED("The access token was revoked"),
        EXPIRED("The access token expired");

        final String description;

        Refusal(String description) {
            this.description = description;
        }
    }

    /** The outcome of presenting an access token at a resource endpoint: a token or a refusal. */
    record Use(TokenPair token, Refusal refusal) {
    }

    private static final class Entry {
        final TokenPair pair;
        boolean revoked;
        /** Set after a refresh: the refresh token of the pair this one replaces, revoked when this one is first used. */
        String previousRefreshToken;

        Entry(TokenPair pair) {
            this.pair = pair;
        }
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, AuthorizationCode> codes = new HashMap<>();
    private final Map<String, Entry> byAccessToken = new HashMap<>();
    private final Map<String, Entry> byRefreshToken = new HashMap<>();
    private final Map<String, String> latestRefreshTokenByUser = new HashMap<>();
    private final List<String> grantLog = new ArrayList<>();
    private Duration accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;

    TokenStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    synchronized Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    synchronized void setAccessTokenLifetime(Duration lifetime) {
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("the access token lifetime must be positive");
        }
        this.accessTokenLifetime = lifetime;
    }

    synchronized String issueCode(String clientId, String redirectUri, String userKey, List<String> scopes) {
        String code = randomToken();
        codes.put(code, new AuthorizationCode(clientId, redirectUri, userKey, List.copyOf(scopes), clock.instant().plus(CODE_LIFETIME)));
        return code;
    }

    /**
     * Exchanges a code. A code presented by another client or with another redirect URI is refused but kept (the
     * rightful client may still use it); a used or expired code is gone.
     */
    synchronized TokenPair redeemCode(String code, String clientId, String redirectUri) {
        AuthorizationCode grant = code == null ? null : codes.get(code);
        if (grant == null) {
            throw OAuthError.invalidGrant();
        }
        if (!clock.instant().isBefore(grant.expiresAt())) {
            codes.remove(code);
            throw OAuthError.invalidGrant();
        }
        if (!grant.clientId().equals(clientId) || !grant.redirectUri().equals(redirectUri)) {
            throw OAuthError.invalidGrant();
        }
        codes.remove(code);
        grantLog.add("authorization_code");
        return issue(clientId, grant.userKey(), grant.scopes()).pair;
    }

    /** Rotation: a new pair with the same scopes; the old pair stays usable until the new access token is used. */
    synchronized TokenPair refresh(String refreshToken, String clientId) {
        Entry old = refreshToken == null ? null : byRefreshToken.get(refreshToken);
        if (old == null || old.revoked || !old.pair.clientId().equals(clientId)) {
            throw OAuthError.invalidGrant();
        }
        Entry fresh = issue(clientId, old.pair.userKey(), old.pair.scopes());
        fresh.previousRefreshToken = refreshToken;
        grantLog.add("refresh_token");
        return fresh.pair;
    }

    synchronized TokenPair issueClientToken(String clientId, List<String> scopes) {
        grantLog.add("client_credentials");
        return issue(clientId, null, scopes).pair;
    }

    /**
     * Presents an access token at a resource endpoint. The first use of a refreshed token revokes the pair it
     * replaced (old access token and old refresh token).
     */
    synchronized Use use(String accessToken) {
        Entry entry = accessToken == null ? null : byAccessToken.get(accessToken);
        if (entry == null) {
            return new Use(null, Refusal.UNKNOWN);
        }
        if (entry.revoked) {
            return new Use(null, Refusal.REVOKED);
        }
        if (!clock.instant().isBefore(entry.pair.createdAt().plus(entry.pair.lifetime()))) {
            return new Use(null, Refusal.EXPIRED);
        }
        if (entry.previousRefreshToken != null) {
            Entry previous = byRefreshToken.get(entry.previousRefreshToken);
            if (previous != null) {
                previous.revoked = true;
            }
            entry.previousRefreshToken = null;
        }
        return new Use(entry.pair, null);
    }

    synchronized List<String> grantLog() {
        return List.copyOf(grantLog);
    }

    synchronized String latestRefreshToken(String userKey) {
        return latestRefreshTokenByUser.get(userKey);
    }

    synchronized boolean isRefreshTokenActive(String refreshToken) {
        Entry entry = refreshToken == null ? null : byRefreshToken.get(refreshToken);
        return entry != null && !entry.revoked;
    }

    private Entry issue(String clientId, String userKey, List<String> scopes) {
        String refreshToken = userKey == null ? null : randomToken();
        Entry entry = new Entry(new TokenPair(randomToken(), refreshToken, clientId, userKey, List.copyOf(scopes),
                clock.instant(), accessTokenLifetime));
        byAccessToken.put(entry.pair.accessToken(), entry);
        if (refreshToken != null) {
            byRefreshToken.put(refreshToken, entry);
            latestRefreshTokenByUser.put(userKey, refreshToken);
        }
        return entry;
    }

    /** 32 random bytes as unpadded base64url: 43 characters, the format Fractal's tokens and codes have. */
    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

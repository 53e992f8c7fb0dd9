package io.github.keycloakfractal.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;

/** A user's tokens from the realm, read the way a downstream app reads them. */
public record UserTokens(JsonNode response) {

    public String accessToken() {
        return response.path("access_token").asText();
    }

    /** The access token's {@code realm_access.roles}. */
    public Set<String> realmRoles() {
        Set<String> roles = new TreeSet<>();
        claims().path("realm_access").path("roles").forEach(role -> roles.add(role.asText()));
        return roles;
    }

    /** Only the realm roles that start with {@code prefix}, e.g. {@code fractal-}. */
    public Set<String> realmRoles(String prefix) {
        Set<String> roles = new TreeSet<>(realmRoles());
        roles.removeIf(role -> !role.startsWith(prefix));
        return roles;
    }

    public JsonNode claims() {
        String payload = accessToken().split("\\.")[1];
        try {
            return AdminApi.JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

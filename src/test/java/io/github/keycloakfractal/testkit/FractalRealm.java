package io.github.keycloakfractal.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A throw-away realm wired to the sandbox the way an admin would wire it: the {@code fractal} provider in the custom
 * environment with the sandbox's URLs, the {@code fractal} login theme, and an OIDC client "test-app" through which a
 * test obtains the user's own tokens. Names are unique, so tests never see each other's users.
 */
public final class FractalRealm {
    public static final String ALIAS = "fractal";
    /** The client the sandbox registers at start (see FractalSandbox). */
    public static final String SANDBOX_CLIENT_ID = "sandbox-client";
    public static final String SANDBOX_CLIENT_SECRET = "sandbox-secret";
    public static final String APP_CLIENT = "test-app";
    /** The vault key of the webhook secret (no underscore: the file vault escapes those). */
    public static final String VAULT_KEY = "fractalwebhook";
    public static final String APP_SECRET = "test-app-secret";
    public static final String V1_SCOPES = "uid:read email:read person.full_name:read person.residential_address_country:read "
            + "person.accredited_investor:read institution.company_name:read institution.residential_address_country:read "
            + "institution.accredited_investor:read verification.v1:read verification.basic:read verification.plus:read";
    public static final String V2_SCOPES = "uid:read contact:read verification.basic:read verification.basic.details:read "
            + "verification.plus:read verification.plus.details:read verification.liveness:read";

    private final AdminApi admin;
    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final String name;

    private FractalRealm(AdminApi admin, KeycloakServer keycloak, FractalSandbox sandbox, String name) {
        this.admin = admin;
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.name = name;
    }

    public static Builder builder(AdminApi admin, KeycloakServer keycloak, FractalSandbox sandbox) {
        return new Builder(admin, keycloak, sandbox);
    }

    public String name() {
        return name;
    }

    /** The same realm through another node of a cluster: URLs, tokens and admin calls go to {@code node}. */
    public FractalRealm via(KeycloakServer node) {
        return new FractalRealm(new AdminApi(node), node, sandbox, name);
    }

    public String url() {
        return keycloak.realmUrl(name);
    }

    public String accountConsoleUrl() {
        return url() + "/account";
    }

    public String appRedirectUri() {
        return sandbox.baseUrl() + "/test-app/callback";
    }

    public String webhookUrl() {
        return url() + "/fractal/webhook";
    }

    public String adminPath() {
        return "/realms/" + name;
    }

    /** The realm on Keycloak's admin REST API, e.g. {@code <this>/fractal/reconcile} for the admin operations. */
    public String adminApiUrl() {
        return keycloak.baseUrl() + "/admin" + adminPath();
    }

    /** The user linked to this Fractal uid through the provider, or null. */
    public JsonNode userLinkedTo(String fractalUid) {
        JsonNode users = admin.get(adminPath() + "/users?briefRepresentation=false&idpAlias=" + ALIAS + "&idpUserId=" + AdminApi.encode(fractalUid));
        return users.size() == 0 ? null : users.get(0);
    }

    public JsonNode federatedIdentities(String userId) {
        return admin.get(adminPath() + "/users/" + userId + "/federated-identity");
    }

    public int userCount() {
        return admin.get(adminPath() + "/users/count").asInt();
    }

    /** The realm roles the user linked to this Fractal uid holds directly, those starting with {@code prefix}. */
    public java.util.Set<String> realmRoles(String fractalUid, String prefix) {
        return realmRolesOfUser(userLinkedTo(fractalUid).path("id").asText(), prefix);
    }

    /** The realm roles a user (by Keycloak id) holds directly, those starting with {@code prefix}. */
    public java.util.Set<String> realmRolesOfUser(String id, String prefix) {
        java.util.Set<String> roles = new java.util.TreeSet<>();
        admin.get(adminPath() + "/users/" + id + "/role-mappings/realm").forEach(role -> roles.add(role.path("name").asText()));
        roles.removeIf(role -> !role.startsWith(prefix));
        return roles;
    }

    /** The KYC changes Keycloak recorded as events for that user, oldest first, as {@code source:old->new}. */
    public List<String> kycChanges(String fractalUid) {
        String id = userLinkedTo(fractalUid).path("id").asText();
        List<String> changes = new java.util.ArrayList<>();
        admin.get(adminPath() + "/events?max=100&type=UPDATE_PROFILE&user=" + id).forEach(event -> {
            JsonNode details = event.path("details");
            if ("FRACTAL_KYC".equals(details.path("context").asText())) {
                changes.add(0, details.path("fractal_source").asText() + ":" + details.path("fractal_old_status").asText()
                        + "->" + details.path("fractal_new_status").asText());
            }
        });
        return changes;
    }

    /** A local account with a password and a complete profile; returns its Keycloak id. */
    public String createLocalUser(String username, String password) {
        admin.post(adminPath() + "/users", Map.of("username", username, "enabled", true, "email", username + "@example.org",
                "emailVerified", true, "firstName", "Local", "lastName", "User",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
        return admin.get(adminPath() + "/users?exact=true&username=" + AdminApi.encode(username)).get(0).path("id").asText();
    }

    /** A local account linked to a Fractal uid through the provider, as a first broker login would leave it. */
    public String createLinkedUser(String username, String fractalUid) {
        String id = createLocalUser(username, "linked-" + UUID.randomUUID());
        admin.post(adminPath() + "/users/" + id + "/federated-identity/" + ALIAS,
                Map.of("identityProvider", ALIAS, "userId", fractalUid, "userName", username));
        return id;
    }

    /** Gives the user the realm-management role {@code manage-users}. */
    public void grantManageUsers(String userId) {
        String client = admin.get(adminPath() + "/clients?clientId=realm-management").get(0).path("id").asText();
        JsonNode role = admin.get(adminPath() + "/clients/" + client + "/roles/manage-users");
        admin.post(adminPath() + "/users/" + userId + "/role-mappings/clients/" + client, List.of(role));
    }

    public JsonNode user(String id) {
        return admin.get(adminPath() + "/users/" + id);
    }

    /** Registers the fractal-kyc required action in the realm, with its configuration. */
    public void enableKycAction(Map<String, String> config) {
        admin.post(adminPath() + "/authentication/register-required-action",
                Map.of("providerId", "fractal-kyc", "name", "Verify your identity with Fractal"));
        if (!config.isEmpty()) {
            admin.put(adminPath() + "/authentication/required-actions/fractal-kyc/config", Map.of("config", config));
        }
    }

    public void addMapper(String name, String mapperType, Map<String, String> config) {
        admin.post(adminPath() + "/identity-provider/instances/" + ALIAS + "/mappers", Map.of("name", name,
                "identityProviderAlias", ALIAS, "identityProviderMapper", mapperType, "config", config));
    }

    public JsonNode identityProvider() {
        return admin.get(adminPath() + "/identity-provider/instances/" + ALIAS);
    }

    public static final class Builder {
        private final AdminApi admin;
        private final KeycloakServer keycloak;
        private final FractalSandbox sandbox;
        private String shape = "v1";
        private boolean storeToken;
        private String webhookSecret;
        private final Map<String, String> vaultSecrets = new HashMap<>();
        private final Map<String, String> config = new HashMap<>();

        private Builder(AdminApi admin, KeycloakServer keycloak, FractalSandbox sandbox) {
            this.admin = admin;
            this.keycloak = keycloak;
            this.sandbox = sandbox;
        }

        public Builder userInfoShape(String shape) {
            this.shape = shape;
            return this;
        }

        public Builder storeToken() {
            this.storeToken = true;
            return this;
        }

        /** Puts the secret into Keycloak's vault for this realm and configures the provider with its reference. */
        public Builder webhookSecret(String secret) {
            this.webhookSecret = secret;
            return this;
        }

        /** Any secret for the realm's vault, e.g. a Kraken API key; reference it as {@code ${vault.<key>}}. */
        public Builder vaultSecret(String key, String value) {
            vaultSecrets.put(key, value);
            return this;
        }

        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        public FractalRealm create(String prefix) {
            String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, String> idpConfig = new HashMap<>(Map.of(
                    "clientId", SANDBOX_CLIENT_ID,
                    "clientSecret", SANDBOX_CLIENT_SECRET,
                    "environment", "custom",
                    "userInfoShape", shape,
                    "authorizationUrl", sandbox.authorizeUrl(),
                    "tokenUrl", sandbox.tokenUrl(),
                    "userInfoUrl", "v1".equals(shape) ? sandbox.userInfoV1Url() : sandbox.userInfoV2Url(),
                    "defaultScope", "v1".equals(shape) ? V1_SCOPES : V2_SCOPES));
            if (webhookSecret != null) {
                writeVaultSecret(name, VAULT_KEY, webhookSecret);
                idpConfig.put("webhookSecrets", "${vault." + VAULT_KEY + "}");
            }
            vaultSecrets.forEach((key, value) -> writeVaultSecret(name, key, value));
            idpConfig.putAll(config);
            Map<String, Object> idp = new HashMap<>(Map.of("alias", ALIAS, "providerId", "fractal", "enabled", true,
                    "trustEmail", true, "storeToken", storeToken, "addReadTokenRoleOnCreate", storeToken, "config", idpConfig));
            Map<String, Object> app = Map.of("clientId", APP_CLIENT, "enabled", true, "publicClient", false,
                    "secret", APP_SECRET, "standardFlowEnabled", true, "directAccessGrantsEnabled", true,
                    "redirectUris", List.of(sandbox.baseUrl() + "/test-app/*"));
            admin.post("/realms", Map.of("realm", name, "enabled", true, "loginTheme", "fractal", "eventsEnabled", true,
                    "identityProviders", List.of(idp), "clients", List.of(app)));
            FractalRealm realm = new FractalRealm(admin, keycloak, sandbox, name);
            showUnmanagedAttributesToAdmins(realm);
            return realm;
        }

        private static void writeVaultSecret(String realm, String key, String secret) {
            try {
                java.nio.file.Files.writeString(KeycloakServer.vaultDirectory().resolve(realm + "_" + key), secret);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** Lets the admin API show attributes that mappers write outside the declared fractal_* ones. */
        private void showUnmanagedAttributesToAdmins(FractalRealm realm) {
            JsonNode profile = admin.get(realm.adminPath() + "/users/profile");
            ((com.fasterxml.jackson.databind.node.ObjectNode) profile).put("unmanagedAttributePolicy", "ADMIN_VIEW");
            admin.put(realm.adminPath() + "/users/profile", profile);
        }
    }
}

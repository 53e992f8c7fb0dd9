package io.github.keycloakfractal.keycloak.credentials;

import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.sandbox.SandboxCredentials;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakServer;

import java.util.Map;

/** A realm whose dApp asks the sandbox's Credentials API for KYC plus+liveness and no US residency, as the wallet ITs need. */
final class DappRealms {
    private DappRealms() {
    }

    static FractalRealm create(AdminApi admin, KeycloakServer keycloak, FractalSandbox sandbox, String prefix, Map<String, String> extra) {
        FractalRealm.Builder builder = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2")
                .config("credentialsUrl", sandbox.credentialsUrl())
                .config("credentialsSigner", SandboxCredentials.SIGNER_ADDRESS)
                .config("credentialLevel", "plus+liveness")
                .config("credentialResidencyBlocklist", "US")
                .config("credentialAppName", "Sandbox dApp");
        extra.forEach(builder::config);
        return builder.create(prefix);
    }
}

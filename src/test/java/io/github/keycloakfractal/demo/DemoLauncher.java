package io.github.keycloakfractal.demo;

import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.sandbox.SandboxUser;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.KeycloakServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mvn -Pdemo package}: the extension for real. Starts the Fractal sandbox and the Keycloak distribution the
 * build unpacked (with the freshly built JAR in its providers/), creates the demo realm from
 * {@code demo/fractal-demo-realm.json}, prints where to go, and runs until Ctrl-C.
 *
 * <p>docker-compose imports the same file, so everything the demo realm needs (the provider with its Kraken settings,
 * the {@code fractal-kyc} required action, the demo app) lives in that file and nothing is added here at run time;
 * only the sandbox learns Keycloak's Kraken return URL, as an integrator would tell Fractal.
 */
public final class DemoLauncher {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+):([^}]*)}");
    /** The demo realm, relative to the project root; docker-compose.yml imports the same file. */
    static final Path REALM_FILE = Path.of("demo", "fractal-demo-realm.json");
    /** The demo's file vault (webhook secret, Kraken API key); docker-compose.yml mounts the same folder. */
    static final Path VAULT = Path.of("demo", "vault");

    public static void main(String[] args) throws Exception {
        int keycloakPort = port("DEMO_KEYCLOAK_PORT", 8080);
        int sandboxPort = port("FRACTAL_SANDBOX_PORT", 8081);
        FractalSandbox sandbox = FractalSandbox.start(sandboxPort);
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        System.out.println("Starting Keycloak (first start takes about a minute)...");
        KeycloakServer keycloak = KeycloakServer.start(KeycloakServer.home(), keycloakPort, port("DEMO_MANAGEMENT_PORT", 9000),
                List.of("--vault=file", "--vault-dir=" + VAULT.toAbsolutePath()));

        AdminApi admin = new AdminApi(keycloak);
        String realmJson = resolve(Files.readString(REALM_FILE),
                Map.of("FRACTAL_SANDBOX_URL", "http://localhost:" + sandboxPort));
        if (admin.send("GET", "/realms/fractal-demo", null).statusCode() == 200) {
            admin.delete("/realms/fractal-demo");
        }
        admin.post("/realms", AdminApi.JSON.readTree(realmJson));
        sandbox.kraken().registerRedirectUrl("http://localhost:" + keycloakPort + "/realms/fractal-demo/fractal/kraken/return");

        String base = "http://localhost:" + keycloakPort;
        StringBuilder users = new StringBuilder();
        for (SandboxUser user : sandbox.users()) {
            users.append(String.format("      %-6s %s%n", user.key(), user.describe()));
        }
        System.out.printf("""

                ==================================================================================
                 keycloak-fractal demo is running (Ctrl-C stops it)

                 Sign in with Fractal:  %1$s/realms/fractal-demo/account
                                        click "Verify with Fractal", pick a sandbox user, Approve
                 Admin console:         %1$s/admin/master/console/#/fractal-demo   (admin / admin)
                 Fractal sandbox:       http://localhost:%2$d   (client sandbox-client / sandbox-secret)
                 Webhooks:              POST %1$s/realms/fractal-demo/fractal/webhook
                                        signed with the demo secret in demo/vault/fractal-demo_fractalwebhook
                 KYC journey (Kraken):  sign in first (above), then open
                                        %1$s/realms/fractal-demo/protocol/openid-connect/auth?client_id=demo-app&response_type=code&scope=openid&redirect_uri=http%%3A%%2F%%2Flocalhost%%3A%2$d%%2Ftest-app%%2Fcallback&kc_action=fractal-kyc
                 Admin operations:      %1$s/admin/realms/fractal-demo/fractal/health (admin API token: view-users to read, manage-users to run)
                 Sandbox users (no password, pick one on the consent page):
                %3$s
                 Keycloak log:          %4$s
                ==================================================================================
                """, base, sandboxPort, users, keycloak.logFile());
        Thread.currentThread().join();
    }

    /** Fills {@code ${NAME:default}} from the environment, else from the given values, else the default. */
    static String resolve(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = System.getenv().getOrDefault(matcher.group(1), values.getOrDefault(matcher.group(1), matcher.group(2)));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}

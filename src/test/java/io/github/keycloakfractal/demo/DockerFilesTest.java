package io.github.keycloakfractal.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml and the production Dockerfile, checked without Docker (there is none on the build machine): what a
 * Docker user relies on (healthchecks, start order, loopback-only ports, restarts), and that both stay in step with the
 * pom's Keycloak version and with the demo {@code mvn -Pdemo package} runs (same realm file, same vault).
 */
class DockerFilesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_.]+)(?::([^}]*))?}");

    private static JsonNode services;
    private static JsonNode realm;
    private static String realmText;
    private static String keycloakVersion;
    private static String jarName;

    @BeforeAll
    static void read() throws Exception {
        services = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker-compose.yml").toFile()).path("services");
        realmText = Files.readString(DemoLauncher.REALM_FILE);
        realm = new ObjectMapper().readTree(realmText);
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        var xpath = XPathFactory.newInstance().newXPath();
        keycloakVersion = xpath.evaluate("/project/properties/keycloak.version", pom);
        jarName = xpath.evaluate("/project/artifactId", pom) + "-" + xpath.evaluate("/project/version", pom) + ".jar";
        assertThat(keycloakVersion).isNotBlank();
    }

    @Test
    void postgresIsCheckedWithPgIsreadyAndKeycloakWaitsUntilItIsHealthy() {
        assertThat(text(services.path("postgres").path("healthcheck").path("test"))).contains("pg_isready");
        assertThat(services.path("keycloak").path("depends_on").path("postgres").path("condition").asText())
                .isEqualTo("service_healthy");
    }

    @Test
    void everyDependencyNamesTheConditionItWaitsFor() {
        services.fields().forEachRemaining(service -> {
            JsonNode dependsOn = service.getValue().path("depends_on");
            if (!dependsOn.isMissingNode()) {
                assertThat(dependsOn.isObject()).as(service.getKey() + ": depends_on with conditions, not a plain list").isTrue();
                dependsOn.fields().forEachRemaining(dependency -> assertThat(dependency.getValue().path("condition").asText())
                        .as(service.getKey() + " -> " + dependency.getKey())
                        .isIn("service_healthy", "service_started", "service_completed_successfully"));
            }
        });
    }

    @Test
    void everyServiceHasAHealthcheckAndARestartPolicy() {
        assertThat(services.size()).isEqualTo(3);
        services.fields().forEachRemaining(service -> {
            assertThat(service.getValue().path("healthcheck").path("test").isArray()).as(service.getKey() + " healthcheck").isTrue();
            assertThat(service.getValue().path("restart").asText()).as(service.getKey() + " restart")
                    .isIn("always", "unless-stopped", "on-failure");
        });
    }

    @Test
    void keycloakHasHealthAndMetricsAndIsHealthyOnlyWhenReady() {
        JsonNode keycloak = services.path("keycloak");
        assertThat(keycloak.path("environment").path("KC_HEALTH_ENABLED").asText()).isEqualTo("true");
        assertThat(keycloak.path("environment").path("KC_METRICS_ENABLED").asText()).isEqualTo("true");
        assertThat(text(keycloak.path("healthcheck").path("test")))
                .contains("/dev/tcp/127.0.0.1/9000", "GET /health/ready", "\" 200 \"");
    }

    @Test
    void everyPublishedPortIsBoundToLoopback() {
        List<String> ports = new ArrayList<>();
        services.forEach(service -> service.path("ports").forEach(port -> ports.add(port.asText())));
        assertThat(ports).isNotEmpty().allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
    }

    @Test
    void keycloakIsThePomsVersion() {
        assertThat(services.path("keycloak").path("image").asText()).isEqualTo("quay.io/keycloak/keycloak:" + keycloakVersion);
    }

    @Test
    void keycloakImportsTheDemosRealmFileAndVault() {
        JsonNode keycloak = services.path("keycloak");
        List<String> volumes = StreamSupport.stream(keycloak.path("volumes").spliterator(), false).map(JsonNode::asText).toList();
        assertThat(volumes).contains("./" + slashes(DemoLauncher.REALM_FILE) + ":/opt/keycloak/data/import/fractal-demo-realm.json:ro",
                "./" + slashes(DemoLauncher.VAULT) + ":/opt/keycloak/vault:ro", "./providers:/opt/keycloak/providers:ro");
        assertThat(text(keycloak.path("command"))).contains("--import-realm", "--vault=file", "--vault-dir=/opt/keycloak/vault");
    }

    @Test
    void theRealmReachesTheSandboxWhereComposeRunsIt() {
        JsonNode sandbox = services.path("sandbox");
        String port = sandbox.path("environment").path("FRACTAL_SANDBOX_PORT").asText();
        assertThat(sandbox.path("network_mode").asText()).isEqualTo("service:keycloak");
        assertThat(text(services.path("keycloak").path("ports"))).contains("127.0.0.1:" + port + ":" + port);
        assertThat(services.path("keycloak").path("environment").has("FRACTAL_SANDBOX_URL")).isFalse();

        Matcher placeholders = PLACEHOLDER.matcher(realmText);
        int urls = 0;
        while (placeholders.find()) {
            if (placeholders.group(1).startsWith("vault.")) {
                String file = "fractal-demo_" + placeholders.group(1).substring("vault.".length());
                assertThat(DemoLauncher.VAULT.resolve(file)).as("vault entry for " + placeholders.group()).isRegularFile();
            } else {
                urls++;
                assertThat(placeholders.group(1)).isEqualTo("FRACTAL_SANDBOX_URL");
                assertThat(placeholders.group(2)).isEqualTo("http://localhost:" + port);
            }
        }
        assertThat(urls).isGreaterThanOrEqualTo(6);
    }

    @Test
    void theImportedRealmCarriesTheKrakenJourneyAndKeepsKeycloaksDefaultActions() {
        JsonNode config = realm.path("identityProviders").path(0).path("config");
        assertThat(config.path("krakenClientId").asText()).isNotBlank();
        assertThat(config.path("krakenUrl").asText()).endsWith("/kraken");
        assertThat(config.path("krakenApiKey").asText()).isEqualTo("${vault.krakenapikey}");

        Map<String, JsonNode> actions = new java.util.HashMap<>();
        realm.path("requiredActions").forEach(action -> actions.put(action.path("alias").asText(), action));
        assertThat(actions.get("fractal-kyc").path("providerId").asText()).isEqualTo("fractal-kyc");
        assertThat(actions.get("fractal-kyc").path("enabled").asBoolean()).isTrue();
        // a realm file that lists required actions gets only those: Keycloak's own must be listed as well
        assertThat(actions).containsKeys("UPDATE_PASSWORD", "VERIFY_EMAIL", "UPDATE_PROFILE", "CONFIGURE_TOTP", "VERIFY_PROFILE",
                "idp_link", "webauthn-register", "delete_credential", "update_user_locale");
    }

    @Test
    void theDockerfileBuildsAnOptimizedServerInOneStageAndCopiesItIntoASlimOne() throws Exception {
        List<String> lines = instructions(Path.of("Dockerfile"));
        List<String> froms = lines.stream().filter(line -> line.startsWith("FROM ")).toList();
        assertThat(froms).containsExactly("FROM quay.io/keycloak/keycloak:" + keycloakVersion + " AS builder",
                "FROM quay.io/keycloak/keycloak:" + keycloakVersion);
        int finalStage = lines.indexOf(froms.get(1));
        List<String> builder = lines.subList(0, finalStage);
        List<String> last = lines.subList(finalStage, lines.size());

        String copyJar = builder.stream().filter(line -> line.startsWith("COPY ") && line.endsWith(" /opt/keycloak/providers/"))
                .findFirst().orElseThrow();
        String source = copyJar.split(" ")[copyJar.split(" ").length - 2];
        assertThat(FileSystems.getDefault().getPathMatcher("glob:" + source).matches(Path.of("providers", jarName)))
                .as(source + " matches the JAR Maven builds, " + jarName).isTrue();
        assertThat(builder).anySatisfy(line -> assertThat(line).startsWith("RUN /opt/keycloak/bin/kc.sh build ")
                .contains("--db=postgres", "--health-enabled=true", "--metrics-enabled=true"));
        assertThat(last).contains("COPY --from=builder /opt/keycloak/ /opt/keycloak/", "ENTRYPOINT [\"/opt/keycloak/bin/kc.sh\"]");
        assertThat(last).anySatisfy(line -> assertThat(line).startsWith("CMD ").contains("--optimized"));
        assertThat(last).anySatisfy(line -> assertThat(line).startsWith("HEALTHCHECK ").contains("/dev/tcp/127.0.0.1/9000", "/health/ready"));
        assertThat(Files.readAllLines(Path.of(".dockerignore"))).contains("*", "!providers/*.jar");
    }

    /** The Dockerfile's instructions, continuation lines joined, comments and blank lines left out. */
    private static List<String> instructions(Path dockerfile) throws Exception {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(dockerfile)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
            } else {
                out.add(current.append(trimmed).toString().replaceAll("\\s+", " "));
                current.setLength(0);
            }
        }
        return out;
    }

    private static String text(JsonNode node) {
        return node.isArray() ? String.join(" ", StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList())
                : node.asText();
    }

    private static String slashes(Path path) {
        return path.toString().replace('\\', '/');
    }
}

package io.github.keycloakfractal;

import io.github.keycloakfractal.fractal.credentials.PersonalSignature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider JAR as it is shipped: only the extension's own classes, its services files and its themes, nothing a
 * second extension could collide with (a root resource, a relocated library) and nothing Keycloak already ships.
 * Failsafe runs integration tests against the packaged JAR (not target/classes), so the JAR checked here is the one
 * the other integration tests load into Keycloak.
 */
class PackagingIT {
    /** The size budget of issue 13.8, 300 KB in bytes, counted as the issue counts (its "807 KB" file has 807 176 bytes). */
    private static final long MAX_BYTES = 300_000;
    private static final List<String> ALLOWED_ROOTS = List.of("META-INF/", "theme/", "theme-resources/", "io/github/keycloakfractal/");
    private static final List<String> FOREIGN_PACKAGES = List.of("org/bouncycastle", "com/fasterxml", "org/slf4j", "org/web3j");

    private static Path jar;
    private static List<String> entries;

    @BeforeAll
    static void openTheJar() throws IOException, URISyntaxException {
        jar = Path.of(PersonalSignature.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(jar.getFileName().toString()).as("failsafe must load the extension from its packaged JAR").endsWith(".jar");
        try (JarFile file = new JarFile(jar.toFile())) {
            entries = file.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void holdsOnlyMetaInfThemesAndTheExtensionsOwnPackage() {
        List<String> outside = entries.stream().filter(name -> !allowed(name)).toList();
        assertThat(outside).as("entries outside META-INF/, theme/, theme-resources/, io/github/keycloakfractal/").isEmpty();
    }

    @Test
    void startsWithItsManifestAsJarReadersExpect() {
        assertThat(entries.get(0)).as("the first entry (java.util.jar.JarInputStream finds a manifest only there)").isEqualTo("META-INF/MANIFEST.MF");
    }

    @Test
    void isAtMost300KB() throws IOException {
        assertThat(Files.size(jar)).as(jar + " in bytes").isLessThanOrEqualTo(MAX_BYTES);
    }

    @Test
    void bundlesNoBouncyCastleJacksonSlf4jOrWeb3jNotEvenRelocated() {
        List<String> foreign = entries.stream()
                .filter(name -> FOREIGN_PACKAGES.stream().anyMatch(name::contains)
                        || name.toLowerCase(Locale.ROOT).matches(".*(web3j|bouncycastle|jackson|slf4j|shaded).*"))
                .toList();
        assertThat(foreign).isEmpty();
    }

    @Test
    void everyClassIsCompiledFromTheProjectsOwnSources() {
        Path sources = Path.of(System.getProperty("basedir", "."), "src", "main", "java");
        List<String> strangers = new ArrayList<>();
        for (String name : entries) {
            if (name.endsWith(".class")) {
                String outer = name.substring(0, name.length() - ".class".length()).replaceFirst("\\$.*", "");
                if (!Files.isRegularFile(sources.resolve(outer + ".java"))) {
                    strangers.add(name);
                }
            }
        }
        assertThat(entries).anyMatch(name -> name.endsWith(".class"));
        assertThat(strangers).as("classes without a source file under " + sources).isEmpty();
    }

    @Test
    void noClassReferencesWeb3jOrARelocatedPackage() throws IOException {
        List<String> referencing = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (String name : entries) {
                if (name.endsWith(".class")) {
                    try (InputStream in = file.getInputStream(file.getEntry(name))) {
                        // class-file constant pools hold type names as modified UTF-8, which is ASCII for these names
                        String constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                        if (constants.contains("org/web3j") || constants.contains("keycloakfractal/shaded")) {
                            referencing.add(name);
                        }
                    }
                }
            }
        }
        assertThat(referencing).isEmpty();
    }

    @Test
    void stillCarriesWhatKeycloakLoads() {
        assertThat(entries).contains(
                "META-INF/services/org.keycloak.broker.social.SocialIdentityProviderFactory",
                "META-INF/services/org.keycloak.services.resource.RealmResourceProviderFactory",
                "META-INF/services/org.keycloak.authentication.RequiredActionFactory",
                "META-INF/keycloak-themes.json",
                "META-INF/beans.xml",
                "META-INF/LICENSE",
                "theme/fractal/login/theme.properties",
                "theme-resources/templates/fractal-kyc.ftl",
                "io/github/keycloakfractal/fractal/credentials/Secp256k1.class");
    }

    /** Allowed roots, and the directory entries leading to them ({@code io/}, {@code io/github/}). */
    private static boolean allowed(String name) {
        return ALLOWED_ROOTS.stream().anyMatch(root -> name.startsWith(root) || (name.endsWith("/") && root.startsWith(name)));
    }
}

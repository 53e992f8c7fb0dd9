package io.github.keycloakfractal.keycloak.credentials;

import io.github.keycloakfractal.fractal.FractalConfigurationException;
import io.github.keycloakfractal.fractal.FractalEnvironment;
import io.github.keycloakfractal.fractal.credentials.CredentialLevel;
import io.github.keycloakfractal.fractal.credentials.CredentialRequirement;
import io.github.keycloakfractal.fractal.credentials.FractalSigner;
import io.github.keycloakfractal.fractal.credentials.WalletAddress;
import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.profile.CountryCode;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The provider's settings for wallet credential proofs: where the Credentials API is, whose signature a proof must
 * carry (the environment's published signer unless one is configured), what the realm demands of a credential, and
 * an optional maximum age since Fractal approved the KYC. Refused at save when they cannot work.
 */
public record CredentialSettings(Optional<String> apiUrl, Optional<FractalSigner> signer, CredentialRequirement requirement,
                                 Optional<Duration> maxAge, Optional<String> appName, Duration challengeLifetime) {
    public static final String API_URL = "credentialsUrl";
    public static final String SIGNER = "credentialsSigner";
    public static final String LEVEL = "credentialLevel";
    public static final String CITIZENSHIP_BLOCKLIST = "credentialCitizenshipBlocklist";
    public static final String RESIDENCY_BLOCKLIST = "credentialResidencyBlocklist";
    public static final String MAX_AGE_DAYS = "credentialMaxAgeDays";
    public static final String APP_NAME = "credentialAppName";
    public static final String CHALLENGE_SECONDS = "credentialChallengeSeconds";
    public static final long DEFAULT_CHALLENGE_SECONDS = 300;
    public static final String DEFAULT_LEVEL = "basic";

    public static CredentialSettings from(Map<String, String> config) {
        FractalEnvironment environment = FractalEnvironment.fromConfig(config.get("environment"));
        Optional<String> url = setting(config, API_URL).or(environment::credentialsUrl);
        Optional<FractalSigner> signer = setting(config, SIGNER).map(CredentialSettings::signer)
                .or(() -> FractalSigner.forEnvironment(environment));
        return new CredentialSettings(url, signer, requirement(config), setting(config, MAX_AGE_DAYS).map(CredentialSettings::days),
                setting(config, APP_NAME), setting(config, CHALLENGE_SECONDS).map(CredentialSettings::challengeSeconds)
                        .orElse(Duration.ofSeconds(DEFAULT_CHALLENGE_SECONDS)));
    }

    private static CredentialRequirement requirement(Map<String, String> config) {
        try {
            KycLevel level = KycLevel.parse(setting(config, LEVEL).orElse(DEFAULT_LEVEL));
            Set<String> addOns = level.components().stream().skip(1).collect(Collectors.toSet());
            return new CredentialRequirement(CredentialLevel.of(level), addOns, countries(config, CITIZENSHIP_BLOCKLIST),
                    countries(config, RESIDENCY_BLOCKLIST));
        } catch (IllegalArgumentException e) {
            throw new FractalConfigurationException("the credential requirement cannot be met by any Fractal credential: " + e.getMessage());
        }
    }

    private static Set<CountryCode> countries(Map<String, String> config, String key) {
        return setting(config, key).stream()
                .flatMap(list -> Arrays.stream(list.split(",")))
                .map(String::trim).filter(code -> !code.isEmpty())
                .map(code -> CountryCode.parse(code).orElseThrow(
                        () -> new FractalConfigurationException("not an ISO 3166-1 alpha-2 code in " + key + ": " + code)))
                .collect(Collectors.toSet());
    }

    private static FractalSigner signer(String address) {
        try {
            return FractalSigner.custom(WalletAddress.parse(address));
        } catch (IllegalArgumentException e) {
            throw new FractalConfigurationException("the credential signer is not an Ethereum address: " + address);
        }
    }

    private static Duration days(String value) {
        try {
            long days = Long.parseLong(value);
            if (days < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofDays(days);
        } catch (NumberFormatException e) {
            throw new FractalConfigurationException("the credential maximum age must be a number of days: " + value);
        }
    }

    private static Duration challengeSeconds(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 1 || seconds > 3600) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new FractalConfigurationException("the wallet challenge lifetime must be 1 to 3600 seconds: " + value);
        }
    }

    private static Optional<String> setting(Map<String, String> config, String key) {
        String value = config.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}

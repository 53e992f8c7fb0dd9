package io.github.keycloakfractal.keycloak.settings;

import io.github.keycloakfractal.fractal.FractalEnvironment;
import io.github.keycloakfractal.fractal.credentials.CredentialLevel;
import io.github.keycloakfractal.fractal.credentials.CredentialRequirement;
import io.github.keycloakfractal.fractal.credentials.FractalSigner;
import io.github.keycloakfractal.fractal.credentials.WalletAddress;
import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.profile.CountryCode;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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
                                 Optional<Duration> maxAge, Optional<String> appName, Duration challengeLifetime,
                                 boolean oneAccountPerPerson) {
    public static final long DEFAULT_CHALLENGE_SECONDS = 300;
    public static final Setting LEVEL = Setting.text("credentialLevel", "Wallet credential level",
            "What a wallet's credential proof must show, e.g. basic, plus or plus+liveness (uniqueness < basic < plus).", "basic");
    public static final Setting CITIZENSHIP_BLOCKLIST = Setting.text("credentialCitizenshipBlocklist", "Wallet credential: excluded citizenships",
            "ISO 3166-1 alpha-2 codes, comma separated, whose citizens the credential must exclude (level basic or plus).");
    public static final Setting RESIDENCY_BLOCKLIST = Setting.text("credentialResidencyBlocklist", "Wallet credential: excluded residencies",
            "ISO 3166-1 alpha-2 codes, comma separated, whose residents the credential must exclude (level plus).");
    public static final Setting MAX_AGE_DAYS = Setting.text("credentialMaxAgeDays", "Wallet credential maximum age (days)",
            "Refuse proofs whose KYC approval is older than this. Empty: no limit.");
    public static final Setting APP_NAME = Setting.text("credentialAppName", "Wallet credential application name",
            "Your application's name as registered at Fractal; used in the authorization message offered with each challenge.");
    public static final Setting CHALLENGE_SECONDS = Setting.text("credentialChallengeSeconds", "Wallet challenge lifetime (seconds)",
            "How long a wallet has to sign the challenge it was given (1 to 3600).", String.valueOf(DEFAULT_CHALLENGE_SECONDS));
    public static final Setting API_URL = Setting.text("credentialsUrl", "Credentials API URL override",
            "Leave empty to use the environment's Credentials API.");
    public static final Setting SIGNER = Setting.text("credentialsSigner", "Credential signer override",
            "The address whose signature proofs must carry. Leave empty for the environment's published signer "
                    + "(required for the custom environment).");

    public static final Setting ONE_ACCOUNT_PER_PERSON = Setting.flag("credentialOneAccountPerPerson", "One account per verified person",
            "Refuse a wallet whose Fractal identity (the proof's fractalId) is already bound to another account of this realm, so one "
                    + "verified person cannot approve several accounts with several wallets.", true);

    static final List<Setting> SETTINGS = List.of(LEVEL, CITIZENSHIP_BLOCKLIST, RESIDENCY_BLOCKLIST, MAX_AGE_DAYS, APP_NAME,
            CHALLENGE_SECONDS, API_URL, SIGNER, ONE_ACCOUNT_PER_PERSON);
    private static final long MAX_AGE_LIMIT_DAYS = 100L * 366;

    public static CredentialSettings from(Map<String, String> config) {
        FractalEnvironment environment = ClientSettings.environment(config);
        Optional<String> url = API_URL.url(config).or(environment::credentialsUrl);
        Optional<FractalSigner> signer = SIGNER.read(config).map(CredentialSettings::signer).or(() -> FractalSigner.forEnvironment(environment));
        Optional<Duration> maxAge = MAX_AGE_DAYS.number(config, 0, MAX_AGE_LIMIT_DAYS, "the credential maximum age").map(Duration::ofDays);
        Duration challenge = Duration.ofSeconds(CHALLENGE_SECONDS.number(config, 1, 3600, "the wallet challenge lifetime")
                .orElse(DEFAULT_CHALLENGE_SECONDS));
        return new CredentialSettings(url, signer, requirement(config), maxAge, APP_NAME.read(config), challenge,
                ONE_ACCOUNT_PER_PERSON.flag(config));
    }

    private static CredentialRequirement requirement(Map<String, String> config) {
        Set<CountryCode> citizenships = countries(config, CITIZENSHIP_BLOCKLIST);
        Set<CountryCode> residencies = countries(config, RESIDENCY_BLOCKLIST);
        try {
            KycLevel level = KycLevel.parse(LEVEL.readOrDefault(config));
            Set<String> addOns = level.components().stream().skip(1).collect(Collectors.toSet());
            return new CredentialRequirement(CredentialLevel.of(level), addOns, citizenships, residencies);
        } catch (IllegalArgumentException e) {
            throw LEVEL.invalid("the credential requirement cannot be met by any Fractal credential: " + e.getMessage());
        }
    }

    private static Set<CountryCode> countries(Map<String, String> config, Setting setting) {
        return setting.read(config).stream()
                .flatMap(list -> Arrays.stream(list.split(",")))
                .map(String::trim).filter(code -> !code.isEmpty())
                .map(code -> CountryCode.parse(code).orElseThrow(() -> setting.invalid("not an ISO 3166-1 alpha-2 code: " + code)))
                .collect(Collectors.toSet());
    }

    private static FractalSigner signer(String address) {
        try {
            return FractalSigner.custom(WalletAddress.parse(address));
        } catch (IllegalArgumentException e) {
            throw SIGNER.invalid("the credential signer is not an Ethereum address: " + address);
        }
    }
}

package io.github.keycloakfractal.fractal.credentials;

import io.github.keycloakfractal.fractal.FractalEnvironment;

import java.util.Objects;
import java.util.Optional;

/**
 * The key Fractal signs proofs with in one environment. A staging proof must never pass as a production one (staging
 * approves users by hand without real checks), so the signer is always named explicitly; a custom environment (a
 * sandbox) has to configure its own.
 */
public record FractalSigner(String name, WalletAddress address) {
    public static final FractalSigner PRODUCTION =
            new FractalSigner("production", new WalletAddress("0xacD08d6714ADba531beFF582e6FD5DA1AFD6bc65"));
    public static final FractalSigner STAGING =
            new FractalSigner("staging", new WalletAddress("0x2fCAb633adFA6aF8266025D63228047033c3ceD0"));

    public FractalSigner {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }

    /** A signer Fractal has not published, e.g. a sandbox's test key. */
    public static FractalSigner custom(WalletAddress address) {
        return new FractalSigner("custom", address);
    }

    /** The documented signer of an environment; empty for {@link FractalEnvironment#CUSTOM}. */
    public static Optional<FractalSigner> forEnvironment(FractalEnvironment environment) {
        return switch (environment) {
            case PRODUCTION -> Optional.of(PRODUCTION);
            case STAGING -> Optional.of(STAGING);
            case CUSTOM -> Optional.empty();
        };
    }
}

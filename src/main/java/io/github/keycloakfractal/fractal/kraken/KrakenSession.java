package io.github.keycloakfractal.fractal.kraken;

import io.github.keycloakfractal.fractal.kyc.KycStatus;

import java.util.Optional;

/** The answer of Kraken's one-time-token exchange: the Kraken user, their KYC status, and the state of the link. */
public record KrakenSession(String userId, KycStatus status, Optional<String> externalState) {
}

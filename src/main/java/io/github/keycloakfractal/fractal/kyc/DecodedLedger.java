package io.github.keycloakfractal.fractal.kyc;

import java.util.List;

/**
 * A ledger read back from storage, and the stored values that could not be read (edited by hand, or written by a
 * newer version). Those are skipped, never guessed, and reported so the caller can log them.
 */
public record DecodedLedger(KycLedger ledger, List<String> unreadable) {
    public DecodedLedger {
        unreadable = List.copyOf(unreadable);
    }
}

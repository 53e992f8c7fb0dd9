package io.github.keycloakfractal.keycloak.kyc;

import io.github.keycloakfractal.fractal.credentials.FractalProof;
import io.github.keycloakfractal.fractal.kyc.KycLedger;
import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.kyc.KycMerge;
import io.github.keycloakfractal.fractal.kyc.KycObservation;
import io.github.keycloakfractal.fractal.kyc.KycSource;
import io.github.keycloakfractal.fractal.kyc.KycStanding;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.fractal.profile.FractalProfile;
import io.github.keycloakfractal.keycloak.metrics.FractalMetrics;
import io.github.keycloakfractal.keycloak.settings.KycRoleNames;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The one place a user's Fractal KYC state is written; every input path (broker login, webhooks, Kraken, credential
 * proofs, reconciliation, admin re-checks) calls it. Each call takes the user's row lock ({@link UserLock}), merges what
 * the path observed into the user's per-level ledger ({@link KycLedger}: a newer decision for a level wins, an older one
 * is ignored, other levels stay), and writes what the ledger derives: the status, level and status roles, and the
 * {@code fractal_kyc_*} attributes, through {@link UserWrites}. Only values that differ are written (the lock itself
 * evicts the user from Keycloak's cache: what was read before it may be stale).
 */
public final class KycApplier {
    /** What applying did, for callers that answer Fractal or report a run. */
    public enum Outcome { CHANGED, UNCHANGED, STALE, DUPLICATE }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final KycRoleNames roles;
    private final KycAudit audit;
    private final FractalMetrics metrics;

    public KycApplier(KeycloakSession session, RealmModel realm, KycRoleNames roles, KycAudit audit, FractalMetrics metrics) {
        this.session = session;
        this.realm = realm;
        this.roles = roles;
        this.audit = audit;
        this.metrics = metrics;
    }

    /**
     * Merges an observation into the user's state.
     *
     * @throws io.github.keycloakfractal.fractal.kyc.FutureObservationException when it is dated more than five minutes ahead
     */
    public Outcome apply(UserModel user, KycObservation observation) {
        UserModel locked = UserLock.lock(session, realm, user);
        return merge(locked, UserWrites.of(session, locked), observation, Optional.empty());
    }

    /** A broker login: the profile facts Fractal vouches for, then what the user info says of the KYC, under one lock. */
    public Outcome applyLogin(UserModel user, FractalProfile profile, Optional<KycObservation> observation) {
        UserModel locked = UserLock.lock(session, realm, user);
        UserWrites writes = UserWrites.of(session, locked);
        writeProfile(writes, profile);
        return observation.map(seen -> merge(locked, writes, seen, Optional.empty())).orElse(Outcome.UNCHANGED);
    }

    /** A decision of Kraken for the Kraken user this person is (remembered, so Kraken's webhooks find them), with Kraken's note. */
    public Outcome applyKraken(UserModel user, String krakenId, KycObservation observation, Optional<String> note) {
        UserModel locked = UserLock.lock(session, realm, user);
        UserWrites writes = UserWrites.of(session, locked);
        writes.attribute(KycAttributes.KRAKEN_ID, List.of(krakenId));
        return merge(locked, writes, observation, note);
    }

    /**
     * A verified credential proof for the user's wallet: the wallet (lower case), Fractal's id for the person, the
     * credential and its end, the wallet role, and the proven level as an approval at Fractal's {@code approvedAt}
     * (it never takes a level away; the wallet role still ends at {@code validUntil}).
     */
    public Outcome applyCredential(UserModel user, FractalProof proof) {
        UserModel locked = UserLock.lock(session, realm, user);
        UserWrites writes = UserWrites.of(session, locked);
        writes.attribute(KycAttributes.WALLET_ADDRESS, List.of(proof.address().value()));
        writes.attribute(KycAttributes.FRACTAL_ID, List.of(proof.fractalId()));
        writes.attribute(KycAttributes.CREDENTIAL, List.of(proof.credential().text()));
        writes.attribute(KycAttributes.CREDENTIAL_VALID_UNTIL, List.of(proof.validUntil().toString()));
        setRole(writes, roles.walletVerified(), true);
        return merge(locked, writes, KycObservation.approval(proof.credential().level(), proof.approvedAt(), KycSource.CREDENTIAL_PROOF),
                Optional.empty());
    }

    /**
     * Fractal's {@code email_changed}: the new address, verified, unless a change at the same or a later time of
     * Fractal's was applied already (a retry, or a captured old body sent again).
     */
    public Outcome changeEmail(UserModel user, String email, Instant changedAt) {
        UserModel locked = UserLock.lock(session, realm, user);
        Optional<Instant> last = StoredKyc.of(locked).emailChangedAt();
        if (last.isPresent() && !changedAt.isAfter(last.get())) {
            return changedAt.equals(last.get()) && email.equalsIgnoreCase(locked.getEmail()) ? Outcome.DUPLICATE : Outcome.STALE;
        }
        locked.setEmail(email);
        locked.setEmailVerified(true);
        UserWrites.of(session, locked).attribute(KycAttributes.EMAIL_CHANGED_AT, List.of(changedAt.toString()));
        return Outcome.CHANGED;
    }

    /**
     * Takes the wallet role away once the credential's {@code validUntil} has passed (the attributes stay, as the
     * record of what was proven); true when it did.
     */
    public boolean expireWallet(UserModel user, Instant now) {
        RoleModel role = realm.getRole(roles.walletVerified());
        if (role == null || !user.hasDirectRole(role) || !StoredKyc.of(user).walletExpired(now)) {
            return false;
        }
        UserModel locked = UserLock.lock(session, realm, user);
        if (!StoredKyc.of(locked).walletExpired(now) || !UserWrites.of(session, locked).revoke(role)) {
            return false;
        }
        audit.walletExpired(locked);
        return true;
    }

    private Outcome merge(UserModel user, UserWrites writes, KycObservation observation, Optional<String> note) {
        StoredKyc stored = StoredKyc.of(user);
        KycMerge merge = stored.ledger().merge(observation, Instant.now());
        KycStanding standing = merge.ledger().derive();
        // a note belongs to a decision: a later observation of the same status without one keeps it
        Optional<String> kept = note.filter(text -> !text.isBlank())
                .or(() -> standing.status().equals(stored.status()) ? stored.note() : Optional.empty());
        boolean standingChanged = !standing.status().equals(stored.status()) || !standing.grantedLevels().equals(stored.levels());
        boolean noteChanged = !kept.equals(stored.note());
        write(writes, stored, merge.ledger(), standing, kept);
        syncRoles(writes, standing);
        if (standingChanged) {
            audit.stateChanged(user, stored.status(), standing, observation.source());
            metrics.kycChange(observation.source().value(), standing.status().map(KycStatus::value).orElse("none"));
        }
        if (merge.duplicate()) {
            return Outcome.DUPLICATE;
        }
        if (merge.change() == KycMerge.Change.CHANGED || standingChanged || noteChanged) {
            return Outcome.CHANGED;
        }
        return merge.change() == KycMerge.Change.NOTHING && !merge.superseded().isEmpty() ? Outcome.STALE : Outcome.UNCHANGED;
    }

    private static void write(UserWrites writes, StoredKyc stored, KycLedger ledger, KycStanding standing, Optional<String> note) {
        List<String> decisions = ledger.encode();
        if (!new HashSet<>(decisions).equals(new HashSet<>(stored.decisions()))) {
            writes.attribute(KycAttributes.DECISIONS, decisions);
        }
        set(writes, KycAttributes.STATUS, standing.status().map(KycStatus::value), stored.status().map(KycStatus::value));
        if (!standing.grantedLevels().equals(stored.levels())) {
            writes.attribute(KycAttributes.LEVELS, List.copyOf(standing.grantedLevels()));
        }
        set(writes, KycAttributes.UPDATED_AT, standing.updatedAt().map(Instant::toString), stored.updatedAt().map(Instant::toString));
        set(writes, KycAttributes.NOTE, note, stored.note());
    }

    /**
     * Profile facts Fractal vouches for, and the accredited-investor role. A fact missing from the user info (a scope
     * not granted) leaves the stored value and the role alone.
     */
    private void writeProfile(UserWrites writes, FractalProfile profile) {
        writes.attribute(KycAttributes.UID, List.of(profile.uid()));
        writes.attribute(KycAttributes.ACCOUNT_TYPE, List.of(profile.accountType().attributeValue()));
        profile.fullName().ifPresent(name -> writes.attribute(KycAttributes.FULL_NAME, List.of(name)));
        profile.companyName().ifPresent(name -> writes.attribute(KycAttributes.COMPANY_NAME, List.of(name)));
        profile.country().ifPresent(country -> writes.attribute(KycAttributes.COUNTRY, List.of(country.value())));
        profile.accreditedInvestor().ifPresent(accredited -> {
            writes.attribute(KycAttributes.ACCREDITED_INVESTOR, List.of(accredited.toString()));
            setRole(writes, roles.accreditedInvestor(), accredited);
        });
    }

    /** Exactly one status role (none for a user without KYC state) and the role of every granted level. */
    private void syncRoles(UserWrites writes, KycStanding standing) {
        for (KycStatus status : KycStatus.values()) {
            setRole(writes, roles.status(status), standing.status().filter(status::equals).isPresent());
        }
        for (String component : KycLevel.knownComponents()) {
            setRole(writes, roles.level(component), standing.grantedLevels().contains(component));
        }
    }

    private static void set(UserWrites writes, String attribute, Optional<String> value, Optional<String> stored) {
        if (!value.equals(stored)) {
            writes.attribute(attribute, value.map(List::of).orElse(List.of()));
        }
    }

    private void setRole(UserWrites writes, String name, boolean granted) {
        if (granted) {
            writes.grant(KycRoles.ensure(session, realm, name));
        } else {
            RoleModel role = realm.getRole(name);
            if (role != null) {
                writes.revoke(role);
            }
        }
    }
}

package io.github.keycloakfractal.keycloak.kyc;

import io.github.keycloakfractal.fractal.credentials.FractalProof;
import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.kyc.KycSource;
import io.github.keycloakfractal.fractal.kyc.KycState;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.fractal.profile.FractalProfile;
import io.github.keycloakfractal.keycloak.settings.KycRoleNames;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place a user's Fractal KYC state becomes attributes and realm roles; every input path (broker login,
 * webhooks, Kraken, credential proofs, reconciliation) calls it. Applying is idempotent, an observation older than
 * the stored one changes nothing, and a missing role is created rather than failing anything.
 */
public final class KycApplier {
    /** What applying did, for callers that answer Fractal or report a run. */
    public enum Outcome { CHANGED, UNCHANGED, STALE }

    private final RealmModel realm;
    private final KycRoleNames roles;
    private final KycAudit audit;

    public KycApplier(RealmModel realm, KycRoleNames roles, KycAudit audit) {
        this.realm = realm;
        this.roles = roles;
        this.audit = audit;
    }

    public Outcome apply(UserModel user, KycState state) {
        return apply(user, state, false);
    }

    /**
     * Applies the state only when it changes the status, the levels or the note, and writes nothing otherwise: for
     * reconciliation, where most users are unchanged and a write (with its cache invalidation) per user would cost
     * an all-changed run every time.
     */
    public Outcome applyIfChanged(UserModel user, KycState state) {
        return apply(user, state, true);
    }

    private Outcome apply(UserModel user, KycState state, boolean onlyIfChanged) {
        StoredKyc stored = StoredKyc.of(user);
        if (stored.updatedAt().isPresent() && state.isOlderThan(stored.updatedAt().get())) {
            return Outcome.STALE;
        }
        // a note belongs to a decision: another observation of the same status without a note (Kraken's own
        // answers, statistics, user info) keeps the one a webhook brought
        Optional<String> note = state.note().or(() -> stored.status().filter(state.status()::equals).flatMap(same -> stored.note()));
        boolean changed = stored.status().filter(state.status()::equals).isEmpty()
                || !stored.levels().equals(state.levels())
                || !note.equals(stored.note());
        if (!changed && onlyIfChanged) {
            return Outcome.UNCHANGED;
        }
        user.setSingleAttribute(KycAttributes.STATUS, state.status().value());
        user.setAttribute(KycAttributes.LEVELS, List.copyOf(state.levels()));
        note.ifPresentOrElse(value -> user.setSingleAttribute(KycAttributes.NOTE, value), () -> user.removeAttribute(KycAttributes.NOTE));
        user.setSingleAttribute(KycAttributes.UPDATED_AT, state.observedAt().toString());
        Set<String> held = heldRoleIds(user);
        for (KycStatus status : KycStatus.values()) {
            setRole(user, held, roles.status(status), status == state.status());
        }
        for (String component : KycLevel.knownComponents()) {
            setRole(user, held, roles.level(component), state.levels().contains(component));
        }
        if (changed) {
            audit.stateChanged(user, stored.status().map(KycStatus::value).orElse(null), state);
        }
        return changed ? Outcome.CHANGED : Outcome.UNCHANGED;
    }

    /** Remembers which Kraken user this person is, so Kraken's webhooks and status checks find them. */
    public void linkKraken(UserModel user, String krakenId) {
        user.setSingleAttribute(KycAttributes.KRAKEN_ID, krakenId);
    }

    /**
     * A verified credential proof for the user's wallet: the wallet (lower case), Fractal's id for the person, the
     * credential and its end, and the wallet role; the level it proves is applied like any other approval.
     */
    public Outcome applyCredential(UserModel user, FractalProof proof) {
        user.setSingleAttribute(KycAttributes.WALLET_ADDRESS, proof.address().value());
        user.setSingleAttribute(KycAttributes.FRACTAL_ID, proof.fractalId());
        user.setSingleAttribute(KycAttributes.CREDENTIAL, proof.credential().text());
        user.setSingleAttribute(KycAttributes.CREDENTIAL_VALID_UNTIL, proof.validUntil().toString());
        setRole(user, heldRoleIds(user), roles.walletVerified(), true);
        return apply(user, KycState.of(KycStatus.APPROVED, List.of(proof.credential().level()), null, KycSource.CREDENTIAL_PROOF, Instant.now()));
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
        user.deleteRoleMapping(role);
        audit.walletExpired(user);
        return true;
    }

    /**
     * Profile facts Fractal vouches for, and the accredited-investor role. A fact missing from the user info (a scope
     * not granted) leaves the stored value and the role alone.
     */
    public void applyProfile(UserModel user, FractalProfile profile) {
        user.setSingleAttribute(KycAttributes.UID, profile.uid());
        user.setSingleAttribute(KycAttributes.ACCOUNT_TYPE, profile.accountType().attributeValue());
        profile.fullName().ifPresent(name -> user.setSingleAttribute(KycAttributes.FULL_NAME, name));
        profile.companyName().ifPresent(name -> user.setSingleAttribute(KycAttributes.COMPANY_NAME, name));
        profile.country().ifPresent(country -> user.setSingleAttribute(KycAttributes.COUNTRY, country.value()));
        profile.accreditedInvestor().ifPresent(accredited -> {
            user.setSingleAttribute(KycAttributes.ACCREDITED_INVESTOR, accredited.toString());
            setRole(user, heldRoleIds(user), roles.accreditedInvestor(), accredited);
        });
    }

    /** The user's direct realm and client role ids, read once: asking per role costs a query each in Keycloak's JPA store. */
    private static Set<String> heldRoleIds(UserModel user) {
        return user.getRoleMappingsStream().map(RoleModel::getId).collect(Collectors.toCollection(HashSet::new));
    }

    private void setRole(UserModel user, Set<String> held, String name, boolean granted) {
        RoleModel role = realm.getRole(name);
        if (granted) {
            if (role == null) {
                role = createRole(name);
            }
            if (held.add(role.getId())) {
                user.grantRole(role);
            }
        } else if (role != null && held.remove(role.getId())) {
            user.deleteRoleMapping(role);
        }
    }

    /** Two logins may create the same role at once; the loser uses the winner's. */
    private RoleModel createRole(String name) {
        try {
            RoleModel role = realm.addRole(name);
            role.setDescription("Granted by keycloak-fractal from the user's Fractal KYC state");
            return role;
        } catch (ModelDuplicateException alreadyCreated) {
            return realm.getRole(name);
        }
    }
}

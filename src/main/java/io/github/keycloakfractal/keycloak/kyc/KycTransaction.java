package io.github.keycloakfractal.keycloak.kyc;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Runs a KYC change and commits it before the caller answers, so an endpoint answers 2xx only for a change that is in
 * the database (Fractal never retries a 2xx). Left to itself a request's transaction commits after the answer is
 * chosen, and one marked rollback-only rolls back silently: a 200 for a lost update. So the first attempt runs in the
 * request's own transaction and commits it here, as Keycloak's admin user update does: no second session, entity
 * manager and database connection per request (the webhook's throughput depends on it). A failed attempt (another
 * node holds the user's lock too long, a deadlock, the database restarting) is rolled back and tried again a few times,
 * each retry in a transaction of its own; when it still fails the result is empty and the caller answers 503, so
 * Fractal delivers again later. Callers therefore do nothing transactional in the request's session after this.
 */
public final class KycTransaction {
    private static final Logger LOG = Logger.getLogger(KycTransaction.class);
    private static final int ATTEMPTS = 4;

    private KycTransaction() {
    }

    /** {@code work} runs with the caller's realm set; its result once committed, or empty when it could not be. */
    public static <R> Optional<R> run(KeycloakSession caller, Function<KeycloakSession, R> work) {
        KeycloakTransactionManager request = caller.getTransactionManager();
        boolean requestUsable = request.isActive() && !request.getRollbackOnly();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return Optional.of(attempt == 1 && requestUsable ? inRequest(caller, work) : inOwnTransaction(caller, work));
            } catch (RuntimeException e) {
                last = e;
                pause(attempt);
            }
        }
        LOG.warnf("A Fractal KYC change could not be committed after %d attempts: %s", ATTEMPTS, describe(last));
        return Optional.empty();
    }

    /** In the request's transaction, committed here; rolled back when the work or the commit fails. */
    private static <R> R inRequest(KeycloakSession caller, Function<KeycloakSession, R> work) {
        KeycloakTransactionManager transaction = caller.getTransactionManager();
        try {
            R result = work.apply(caller);
            requireCommittable(transaction);
            transaction.commit();
            return result;
        } catch (RuntimeException e) {
            if (transaction.isActive()) {
                transaction.rollback();
            }
            throw e;
        }
    }

    private static <R> R inOwnTransaction(KeycloakSession caller, Function<KeycloakSession, R> work) {
        return KeycloakModelUtils.runJobInTransactionWithResult(caller.getKeycloakSessionFactory(), caller.getContext(), session -> {
            R result = work.apply(session);
            requireCommittable(session.getTransactionManager());
            return result;
        }, "fractal-kyc");
    }

    /** A transaction something marked rollback-only would roll back at commit without a word: fail the attempt instead. */
    private static void requireCommittable(KeycloakTransactionManager transaction) {
        if (transaction.getRollbackOnly()) {
            throw new IllegalStateException("the transaction was marked for rollback");
        }
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return failure.getClass().getSimpleName() + " (" + root.getClass().getSimpleName() + ")";
    }

    private static void pause(int attempt) {
        if (attempt == ATTEMPTS) {
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 40) * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

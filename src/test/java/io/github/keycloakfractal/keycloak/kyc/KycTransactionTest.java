package io.github.keycloakfractal.keycloak.kyc;

import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakTransactionManager;

import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a KYC change counts as committed: only after the request's transaction committed it, and never when something
 * marked that transaction rollback-only or its commit failed (then the change is tried again in sessions of its own;
 * here the factory refuses them, as a database that is down would, so the caller gets nothing and answers 503).
 */
class KycTransactionTest {
    /** The request's transaction, recording what was done to it. */
    private static final class RequestTransaction {
        boolean active = true;
        boolean rollbackOnly;
        boolean commitFails;
        int commits;
        int rollbacks;

        KeycloakTransactionManager proxy() {
            return (KeycloakTransactionManager) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {KeycloakTransactionManager.class},
                    (self, method, args) -> switch (method.getName()) {
                        case "isActive" -> active;
                        case "getRollbackOnly" -> rollbackOnly;
                        case "setRollbackOnly" -> {
                            rollbackOnly = true;
                            yield null;
                        }
                        case "commit" -> {
                            commits++;
                            active = false;
                            if (commitFails) {
                                throw new IllegalStateException("could not serialize access");
                            }
                            yield null;
                        }
                        case "rollback" -> {
                            rollbacks++;
                            active = false;
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private final RequestTransaction transaction = new RequestTransaction();
    private final AtomicInteger sessionsOfTheirOwn = new AtomicInteger();
    private final KeycloakSession request = session();

    @Test
    void theChangeIsCommittedInTheRequestsTransactionBeforeItsResultIsReturned() {
        Optional<String> result = KycTransaction.run(request, session -> {
            assertThat(session).isSameAs(request);
            assertThat(transaction.commits).isZero();
            return "changed";
        });

        assertThat(result).contains("changed");
        assertThat(transaction.commits).isEqualTo(1);
        assertThat(transaction.rollbacks).isZero();
        assertThat(sessionsOfTheirOwn).hasValue(0);
    }

    @Test
    void aChangeWhoseTransactionWasMarkedRollbackOnlyIsRolledBackAndNeverReportedCommitted() {
        Optional<String> result = KycTransaction.run(request, session -> {
            session.getTransactionManager().setRollbackOnly();
            return "changed";
        });

        assertThat(result).isEmpty();
        assertThat(transaction.commits).isZero();
        assertThat(transaction.rollbacks).isEqualTo(1);
        assertThat(sessionsOfTheirOwn).as("retries, each in a session of its own").hasValue(3);
    }

    @Test
    void aCommitThatFailsIsTriedAgainInSessionsOfTheirOwn() {
        transaction.commitFails = true;

        Optional<String> result = KycTransaction.run(request, session -> "changed");

        assertThat(result).isEmpty();
        assertThat(transaction.commits).isEqualTo(1);
        assertThat(sessionsOfTheirOwn).hasValue(3);
    }

    @Test
    void aRequestTransactionAlreadyMarkedRollbackOnlyIsNotUsed() {
        transaction.rollbackOnly = true;
        AtomicInteger runsInTheRequest = new AtomicInteger();

        Optional<String> result = KycTransaction.run(request, session -> {
            runsInTheRequest.incrementAndGet();
            return "changed";
        });

        assertThat(result).isEmpty();
        assertThat(runsInTheRequest).hasValue(0);
        assertThat(transaction.commits).isZero();
        assertThat(sessionsOfTheirOwn).hasValue(4);
    }

    private KeycloakSession session() {
        KeycloakTransactionManager manager = transaction.proxy();
        KeycloakSessionFactory factory = (KeycloakSessionFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KeycloakSessionFactory.class}, (self, method, args) -> {
                    if (method.getName().equals("create")) {
                        sessionsOfTheirOwn.incrementAndGet();
                        throw new IllegalStateException("the database is unavailable");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (KeycloakSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {KeycloakSession.class},
                (self, method, args) -> switch (method.getName()) {
                    case "getTransactionManager" -> manager;
                    case "getKeycloakSessionFactory" -> factory;
                    case "getContext" -> null;
                    case "toString" -> "request session";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

package io.github.keycloakfractal.keycloak.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The extension's meters, in Keycloak's Micrometer registry: with {@code --metrics-enabled=true} they are on the
 * management port's {@code /metrics} beside Keycloak's own (names there: dots become underscores, counters end in
 * {@code _total}, timers in {@code _seconds}). Tags take values from small fixed sets (endpoints, webhook types, outcomes,
 * error codes, sources, statuses), never a user, realm-independent ids or free text, so the number of series stays
 * bounded. The README lists every meter.
 */
public final class FractalMetrics {
    static final String WEBHOOKS = "fractal.webhooks";
    static final String KYC_CHANGES = "fractal.kyc.changes";
    static final String RECONCILIATIONS = "fractal.reconciliation.runs";
    static final String RECONCILIATION_DURATION = "fractal.reconciliation.duration";
    static final String RECONCILED_USERS = "fractal.reconciliation.users";
    static final String OUTBOUND = "fractal.outbound.requests";
    static final String WALLET_BINDS = "fractal.wallet.binds";

    private final MeterRegistry registry;

    FractalMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Keycloak's registry (Keycloak's own meters use the same global registry). */
    public static FractalMetrics keycloak() {
        return new FractalMetrics(Metrics.globalRegistry);
    }

    /** A webhook delivery: {@code endpoint} legacy|kraken, its type, the outcome (applied, unchanged, stale, duplicate, acknowledged, refused, unavailable) and for a refusal its error code. */
    public void webhook(String endpoint, String type, String outcome, String reason) {
        Counter.builder(WEBHOOKS).description("Fractal webhook deliveries by endpoint, type and outcome")
                .tags("endpoint", endpoint, "type", type, "outcome", outcome, "reason", reason == null ? "none" : reason)
                .register(registry).increment();
    }

    /** A user's status or levels changed; {@code source} is the path (webhook, broker-login, reconciliation, ...). */
    public void kycChange(String source, String newStatus) {
        Counter.builder(KYC_CHANGES).description("Changes of a user's Fractal KYC state by source and new status")
                .tags("source", source, "status", newStatus).register(registry).increment();
    }

    /** One reconciliation run: how it was started, whether it completed, how long it took and what it did. */
    public void reconciliation(String trigger, boolean completed, Duration took, int checked, int changed, int failed, int unknown) {
        String outcome = completed ? "completed" : "failed";
        Counter.builder(RECONCILIATIONS).description("Reconciliation runs by trigger and outcome")
                .tags("trigger", trigger, "outcome", outcome).register(registry).increment();
        Timer.builder(RECONCILIATION_DURATION).description("Duration of reconciliation runs")
                .tags("trigger", trigger, "outcome", outcome).register(registry).record(took);
        users("checked", checked);
        users("changed", changed);
        users("failed", failed);
        users("unknown", unknown);
    }

    /** A call to Fractal: which API, how it ended (ok, http_4xx, http_5xx, timeout, unreachable), how long it took. */
    public void outbound(String api, String outcome, Duration took) {
        Timer.builder(OUTBOUND).description("Calls to Fractal's APIs by API and outcome")
                .tags("api", api, "outcome", outcome).register(registry).record(took);
    }

    /** A wallet bind: bound, or refused with its error code. */
    public void walletBind(String outcome, String reason) {
        Counter.builder(WALLET_BINDS).description("Wallet credential binds by outcome and refusal reason")
                .tags("outcome", outcome, "reason", reason == null ? "none" : reason).register(registry).increment();
    }

    private void users(String result, int count) {
        Counter.builder(RECONCILED_USERS).description("Users compared by reconciliation runs, by result")
                .tags("result", result).register(registry).increment(count);
    }
}

package io.github.keycloakfractal.keycloak.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FractalMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FractalMetrics metrics = new FractalMetrics(registry);

    @Test
    void webhooksAreCountedByEndpointTypeOutcomeAndReason() {
        metrics.webhook("legacy", "verification_approved", "applied", null);
        metrics.webhook("legacy", "verification_approved", "applied", null);
        metrics.webhook("kraken", "status", "refused", "invalid_signature");

        assertThat(registry.get("fractal.webhooks").tags("endpoint", "legacy", "type", "verification_approved", "outcome", "applied", "reason", "none")
                .counter().count()).isEqualTo(2.0);
        assertThat(registry.get("fractal.webhooks").tags("endpoint", "kraken", "outcome", "refused", "reason", "invalid_signature")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void aReconciliationRunCountsItselfItsDurationAndItsUsers() {
        metrics.reconciliation("schedule", true, Duration.ofSeconds(3), 10, 2, 1, 4);
        metrics.reconciliation("admin", false, Duration.ofMillis(5), 0, 0, 0, 0);

        assertThat(registry.get("fractal.reconciliation.runs").tags("trigger", "schedule", "outcome", "completed").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("fractal.reconciliation.runs").tags("trigger", "admin", "outcome", "failed").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("fractal.reconciliation.duration").tags("trigger", "schedule").timer().totalTime(java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(3.0);
        assertThat(registry.get("fractal.reconciliation.users").tags("result", "checked").counter().count()).isEqualTo(10.0);
        assertThat(registry.get("fractal.reconciliation.users").tags("result", "unknown").counter().count()).isEqualTo(4.0);
    }

    @Test
    void outboundCallsKycChangesAndWalletBindsHaveTheirOwnMeters() {
        metrics.outbound("statistics", "timeout", Duration.ofSeconds(10));
        metrics.kycChange("webhook", "approved");
        metrics.walletBind("refused", "identity_in_use");

        assertThat(registry.get("fractal.outbound.requests").tags("api", "statistics", "outcome", "timeout").timer().count()).isEqualTo(1);
        assertThat(registry.get("fractal.kyc.changes").tags("source", "webhook", "status", "approved").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("fractal.wallet.binds").tags("outcome", "refused", "reason", "identity_in_use").counter().count()).isEqualTo(1.0);
    }
}

package io.github.keycloakfractal.keycloak.metrics;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's metrics table names every meter as Prometheus shows it. */
class ReadmeMetricsTest {

    @Test
    void everyMeterIsInTheReadmeTable() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("### Metrics"), readme.indexOf("### Security notes"));
        Map<String, String> suffixes = Map.of(FractalMetrics.WEBHOOKS, "_total", FractalMetrics.KYC_CHANGES, "_total",
                FractalMetrics.RECONCILIATIONS, "_total", FractalMetrics.RECONCILIATION_DURATION, "_seconds",
                FractalMetrics.RECONCILED_USERS, "_total", FractalMetrics.OUTBOUND, "_seconds", FractalMetrics.WALLET_BINDS, "_total");

        suffixes.forEach((meter, suffix) -> assertThat(table).contains("`" + meter.replace('.', '_') + suffix + "`"));
    }
}

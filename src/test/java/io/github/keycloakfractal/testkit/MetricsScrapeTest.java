package io.github.keycloakfractal.testkit;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The scrape reads Prometheus' text format as Keycloak's management port writes it. */
class MetricsScrapeTest {
    private static final String PAGE = """
            # HELP fractal_webhooks_total Fractal webhook deliveries by endpoint, type and outcome
            # TYPE fractal_webhooks_total counter
            fractal_webhooks_total{endpoint="legacy",outcome="applied",reason="none",type="verification_approved",} 2.0
            fractal_webhooks_total{endpoint="legacy",outcome="refused",reason="invalid_signature",type="unread",} 1.0
            fractal_webhooks_total{endpoint="kraken",outcome="refused",reason="invalid_signature",type="unread"} 4.0
            fractal_outbound_requests_seconds_sum{api="statistics",outcome="ok",} 0.25
            odd_label{text="say \\"hi\\", then go",} 1.0
            jvm_threads_live_threads 42.0
            """;

    @Test
    void sumsTheSeriesWhoseLabelsIncludeTheGivenOnes() {
        MetricsScrape scrape = MetricsScrape.parse(PAGE);

        assertThat(scrape.value("fractal_webhooks_total", Map.of("endpoint", "legacy"))).isEqualTo(3.0);
        assertThat(scrape.value("fractal_webhooks_total", Map.of("reason", "invalid_signature"))).isEqualTo(5.0);
        assertThat(scrape.value("fractal_webhooks_total", Map.of("endpoint", "legacy", "outcome", "duplicate"))).isZero();
        assertThat(scrape.value("fractal_outbound_requests_seconds_sum", Map.of("api", "statistics"))).isEqualTo(0.25);
        assertThat(scrape.value("jvm_threads_live_threads", Map.of())).isEqualTo(42.0);
        assertThat(scrape.series("odd_label")).singleElement().satisfies(sample ->
                assertThat(sample.labels()).containsEntry("text", "say \"hi\", then go"));
    }

    @Test
    void theIncreaseIsTheDifferenceBetweenTwoScrapes() {
        MetricsScrape before = MetricsScrape.parse(PAGE);
        MetricsScrape after = MetricsScrape.parse(PAGE.replace("type=\"verification_approved\",} 2.0", "type=\"verification_approved\",} 5.0"));

        assertThat(after.increase(before, "fractal_webhooks_total", Map.of("outcome", "applied"))).isEqualTo(3.0);
        assertThat(after.increase(before, "fractal_webhooks_total", Map.of("outcome", "refused"))).isZero();
    }
}

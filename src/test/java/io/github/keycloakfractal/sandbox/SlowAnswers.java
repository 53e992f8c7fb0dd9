package io.github.keycloakfractal.sandbox;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fractal having a bad day: while slowed down, each request to one of its APIs (token, user info, statistics,
 * Kraken's API, the Credentials API) waits the given time before it is answered, as a Fractal whose database is
 * stuck would. The consent and journey pages stay fast: a browser is not what is being tested.
 *
 * <p>{@link #reset()} lets every waiting request through at once, so a test that is done does not leave sandbox
 * threads asleep for the rest of the run.
 */
public final class SlowAnswers {
    private volatile Duration delay = Duration.ZERO;
    private volatile CountDownLatch released = new CountDownLatch(0);
    private final AtomicInteger delayed = new AtomicInteger();

    /**
     * From now on, each API request waits {@code delay} (or until {@link #reset()}) before it is answered; zero makes
     * the APIs fast again and answers the requests still waiting now.
     */
    public void slowDown(Duration delay) {
        CountDownLatch before = released;
        released = new CountDownLatch(delay.isZero() ? 0 : 1);
        this.delay = delay;
        before.countDown();
    }

    /** Fast again; requests still waiting are answered now. */
    void reset() {
        delay = Duration.ZERO;
        released.countDown();
        delayed.set(0);
    }

    /** Requests that were made to wait since the last reset. */
    public int delayedCount() {
        return delayed.get();
    }

    /** {@code endpoint}, answering only after the delay in force when the request arrived. */
    Exchanges.Endpoint around(Exchanges.Endpoint endpoint) {
        return exchange -> {
            Duration wait = delay;
            CountDownLatch gate = released;
            if (!wait.isZero()) {
                delayed.incrementAndGet();
                try {
                    gate.await(wait.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            endpoint.handle(exchange);
        };
    }
}

package org.ldapscim.bridge.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code scim_bridge_http_requests_seconds}: every request by route template (so ids never become label values),
 * method, status and client, with a latency histogram.
 */
final class RequestMetrics {
    /** The endpoint label of a request no route matched: its path is whatever the caller sent. */
    static final String UNMATCHED = "unmatched";
    static final String NO_CLIENT = "none";

    private final Meter.MeterProvider<Timer> timers;

    RequestMetrics(MeterRegistry registry) {
        timers = Timer.builder("scim_bridge.http.requests")
                .description("HTTP requests the bridge answered")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .withRegistry(registry);
    }

    void record(Context ctx, String client, long nanos) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        timers.withTags("endpoint", endpoint == null ? UNMATCHED : endpoint.path,
                        "method", ctx.method().name(),
                        "status", Integer.toString(ctx.statusCode()),
                        "client", client == null ? NO_CLIENT : client)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}

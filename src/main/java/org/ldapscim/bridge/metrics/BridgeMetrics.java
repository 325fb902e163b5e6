package org.ldapscim.bridge.metrics;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.ldapscim.bridge.journal.DeprovisionRecords;
import org.ldapscim.bridge.journal.JournalStore;
import org.ldapscim.bridge.journal.PendingDeprovisions;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.OperationListener;
import org.ldapscim.bridge.service.DirectoryWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's meters in one Prometheus registry: the JVM and process, the directory's operations and pool, the
 * journal's writes and pool, pending offboardings and the watcher's lag. The HTTP server adds its requests. Names are
 * {@code scim_bridge_*} for the bridge's own, {@code ldap_*} for the directory, {@code hikaricp_*} for the journal's
 * pool and Micrometer's {@code jvm_*}, {@code process_*} and {@code system_*} (the README lists them). One per
 * process: each {@code watch...} and {@code count...} method is called once, as the bridge is assembled.
 */
public final class BridgeMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeMetrics.class);
    static final Duration DEPROVISIONS_REFRESH = Duration.ofSeconds(30);
    private static final Duration LONGEST_EXPECTED = Duration.ofSeconds(60);

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "metrics-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final Clock clock;
    private final Duration deprovisionsRefresh;
    private volatile PendingDeprovisions pending;

    private BridgeMetrics(Clock clock, Duration deprovisionsRefresh) {
        this.clock = clock;
        this.deprovisionsRefresh = deprovisionsRefresh;
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public static BridgeMetrics start() {
        return start(DEPROVISIONS_REFRESH);
    }

    /** Counting the pending offboardings every {@code deprovisionsRefresh}. */
    public static BridgeMetrics start(Duration deprovisionsRefresh) {
        return new BridgeMetrics(Clock.systemUTC(), deprovisionsRefresh);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** A timer per operation kind, outcome and server: {@code ldap_operations_seconds}. */
    public OperationListener directoryOperations() {
        Meter.MeterProvider<Timer> timers = Timer.builder("ldap.operations")
                .description("LDAP operations the bridge's directory connections completed, binds and health checks included")
                .publishPercentileHistogram().maximumExpectedValue(LONGEST_EXPECTED)
                .withRegistry(registry);
        return (operation, server, outcome, nanos) -> timers
                .withTags("operation", operation, "outcome", outcome, "server", server)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The journal pool's own meters, {@code hikaricp_*} with {@code pool="journal"}. */
    public MetricsTrackerFactory journalPool() {
        return new MicrometerMetricsTrackerFactory(registry);
    }

    /** {@code ldap_pool_connections_available}, {@code _in_use} and {@code _max}. */
    public void watchPool(DirectoryClient directory) {
        Gauge.builder("ldap.pool.connections.available", directory, d -> d.poolUsage().available())
                .description("directory connections open and idle").register(registry);
        Gauge.builder("ldap.pool.connections.in_use", directory, d -> d.poolUsage().inUse())
                .description("directory connections checked out by an operation").register(registry);
        Gauge.builder("ldap.pool.connections.max", directory, d -> d.poolUsage().max())
                .description("the most connections the directory pool holds").register(registry);
    }

    /** {@code scim_bridge_journal_writes_seconds} by write and outcome, for this store's writes. */
    public void timeWrites(JournalStore journal) {
        Meter.MeterProvider<Timer> timers = Timer.builder("scim_bridge.journal.writes")
                .description("writes to journal_entry")
                .publishPercentileHistogram().maximumExpectedValue(LONGEST_EXPECTED)
                .withRegistry(registry);
        journal.timeWrites((write, failed, nanos) -> timers
                .withTags("write", write, "outcome", failed ? "failure" : "success")
                .record(nanos, TimeUnit.NANOSECONDS));
    }

    /**
     * {@code scim_bridge_deprovisions_pending} by state (held, awaiting_purge), counted every
     * {@link #DEPROVISIONS_REFRESH} (or as started) rather than per scrape; NaN while the journal cannot be read.
     */
    public void countPendingDeprovisions(DeprovisionRecords records) {
        Gauge.builder("scim_bridge.deprovisions.pending", this, m -> m.pending == null ? Double.NaN : m.pending.held())
                .description("offboardings held for an operator's decision").tag("state", "held").register(registry);
        Gauge.builder("scim_bridge.deprovisions.pending", this,
                        m -> m.pending == null ? Double.NaN : m.pending.awaitingPurge())
                .description("deprovisioned accounts whose purge is still to come").tag("state", "awaiting_purge")
                .register(registry);
        refresher.scheduleWithFixedDelay(() -> {
            try {
                pending = records.pending();
            } catch (RuntimeException e) {
                pending = null;
                LOG.debug("cannot count the pending offboardings: {}", e.getMessage());
            }
        }, 0, deprovisionsRefresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * {@code scim_bridge_watcher_newest_change_age_seconds} and {@code scim_bridge_watcher_since_caught_up_seconds};
     * NaN until the watcher has looked (or on an instance that does not hold its lock).
     */
    public void watchWatcher(DirectoryWatcher watcher) {
        Gauge.builder("scim_bridge.watcher.newest_change_age", watcher, w -> secondsSince(w::newestChange))
                .description("age of the newest directory change the watcher has taken in").baseUnit("seconds")
                .register(registry);
        Gauge.builder("scim_bridge.watcher.since_caught_up", watcher, w -> secondsSince(w::lastCaughtUp))
                .description("time since a look of the watcher last read every change to the end").baseUnit("seconds")
                .register(registry);
    }

    private double secondsSince(Supplier<Optional<Instant>> when) {
        return when.get().map(instant -> Duration.between(instant, clock.instant()).toMillis() / 1000.0)
                .orElse(Double.NaN);
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        gc.close();
        registry.close();
    }
}

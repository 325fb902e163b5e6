package org.ldapscim.bridge.journal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs named periodic jobs, each only on the one bridge instance that holds its {@link LeaderLock}: at every
 * tick a job's lock is checked (or taken, when free) and the job runs only if this instance leads it. Each job
 * has a thread of its own, so a long run of one does not delay another. A job's failure is logged and the job
 * runs again at its next tick.
 *
 * <pre>{@code
 * LeaderJobRunner jobs = new LeaderJobRunner(settings);
 * jobs.schedule("purger", Duration.ofMinutes(5), purger);
 * jobs.start();
 * ...
 * jobs.close();   // waits for running jobs, then releases the locks
 * }</pre>
 */
public final class LeaderJobRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderJobRunner.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private final JournalSettings settings;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private ScheduledExecutorService executor;
    private boolean closed;

    public LeaderJobRunner(JournalSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Adds a job that runs every {@code interval} (counted from the end of its previous run) while leading. */
    public synchronized void schedule(String name, Duration interval, Runnable job) {
        Objects.requireNonNull(job, "job");
        if (executor != null || closed) {
            throw new IllegalStateException("jobs are scheduled before the runner starts");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("a job's interval must be positive: " + interval);
        }
        if (jobs.containsKey(name)) {
            throw new IllegalArgumentException("job " + name + " is already scheduled");
        }
        jobs.put(name, new Job(name, interval, job, new LeaderLock(settings, name, interval)));
    }

    /** Starts every scheduled job; each first tries for its lock right away. */
    public synchronized void start() {
        if (executor != null || closed) {
            throw new IllegalStateException("the runner has already been started");
        }
        executor = Executors.newScheduledThreadPool(Math.max(1, jobs.size()), threads());
        for (Job job : jobs.values()) {
            executor.scheduleWithFixedDelay(job::tick, 0, job.interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Whether this instance held the job's lock at its last tick. */
    public boolean leads(String name) {
        Job job = jobs.get(name);
        if (job == null) {
            throw new IllegalArgumentException("no job " + name);
        }
        return job.lock.held();
    }

    /**
     * Stops the jobs: no new run starts, a running one may finish within 30 seconds (after that it is interrupted),
     * then every lock is released so that another instance takes over at its next tick.
     */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = executor;
        }
        if (running != null) {
            running.shutdown();
            try {
                if (!running.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("a job still ran {} s after shutdown began; interrupting it", SHUTDOWN_GRACE.toSeconds());
                    running.shutdownNow();
                    running.awaitTermination(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                running.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        jobs.values().forEach(job -> job.lock.close());
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "bridge-job-" + count.incrementAndGet());
            // The bridge stops with its HTTP server; close() lets a running job finish first.
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Job(String name, Duration interval, Runnable work, LeaderLock lock) {
        void tick() {
            try {
                if (lock.lead()) {
                    work.run();
                }
            } catch (RuntimeException e) {
                // Caught, or the executor would silently never run the job again.
                LOG.error("job {} failed; it runs again in {}: {}", name, interval.toString().substring(2).toLowerCase(),
                        e.toString());
            }
        }
    }
}

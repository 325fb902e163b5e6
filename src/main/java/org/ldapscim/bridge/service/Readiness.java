package org.ldapscim.bridge.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ldapscim.bridge.journal.JournalStore;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.DirectoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the bridge can serve: the directory answers a root DSE read over the pool, and the journal a
 * {@code SELECT 1}, each within {@link #TIMEOUT}. The checks run on two threads of their own, so a server that hangs
 * costs a probe no more than the timeout; a report is reused for a second, so probes in a burst cost one check.
 * A change of state is logged, not each probe. Thread-safe.
 */
public final class Readiness implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REUSED = Duration.ofSeconds(1);

    /**
     * @param directoryServer  host:port of the directory server that answered, null when none did
     * @param directoryProblem why the directory is taken as down (a result code's name, or timeout); null when up
     * @param journalProblem   why the journal is taken as down (unreachable or timeout); null when up
     */
    public record Report(String directoryServer, String directoryProblem, String journalProblem) {
        public boolean ready() {
            return directoryProblem == null && journalProblem == null;
        }
    }

    private final DirectoryClient directory;
    private final JournalStore journal;
    private final Clock clock;
    private final ExecutorService checks = Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "readiness");
        thread.setDaemon(true);
        return thread;
    });
    private Report last;
    private Instant lastAt = Instant.MIN;

    public Readiness(DirectoryClient directory, JournalStore journal) {
        this(directory, journal, Clock.systemUTC());
    }

    Readiness(DirectoryClient directory, JournalStore journal, Clock clock) {
        this.directory = directory;
        this.journal = journal;
        this.clock = clock;
    }

    public synchronized Report check() {
        if (last != null && lastAt.plus(REUSED).isAfter(clock.instant())) {
            return last;
        }
        Future<String> server = checks.submit(() -> directory.answeringServer(TIMEOUT.toMillis()));
        Future<String> journalAnswer = checks.submit(() -> {
            journal.ping((int) TIMEOUT.toSeconds());
            return "up";
        });
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String directoryProblem = problem(server, deadline, "the directory", last == null ? null : last.directoryProblem());
        String journalProblem = problem(journalAnswer, deadline, "the journal", last == null ? null : last.journalProblem());
        Report report = new Report(directoryProblem == null ? done(server) : null, directoryProblem, journalProblem);
        logChanges(report);
        last = report;
        lastAt = clock.instant();
        return report;
    }

    private static String done(Future<String> answered) {
        try {
            return answered.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("a check that answered has its answer", e);
        }
    }

    /** Null when the check answered in time, else why not; the failure is logged when it was up before. */
    private static String problem(Future<String> check, long deadline, String what, String before) {
        try {
            check.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (TimeoutException e) {
            check.cancel(true);
            return "timeout";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            if (before == null) {
                LOG.warn("readiness: {} does not answer: {}", what, e.getCause().getMessage());
            }
            return e.getCause() instanceof DirectoryException directoryFailure ? directoryFailure.resultName()
                    : "unreachable";
        }
    }

    private void logChanges(Report report) {
        boolean wasReady = last == null || last.ready();
        if (wasReady != report.ready()) {
            if (report.ready()) {
                LOG.info("readiness: ready again, directory server {} and the journal answer", report.directoryServer());
            } else {
                LOG.warn("readiness: not ready (directory: {}, journal: {})", orUp(report.directoryProblem()),
                        orUp(report.journalProblem()));
            }
        }
    }

    private static String orUp(String problem) {
        return problem == null ? "up" : problem;
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}

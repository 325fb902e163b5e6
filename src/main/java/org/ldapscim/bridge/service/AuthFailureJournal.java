package org.ldapscim.bridge.service;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ldapscim.bridge.auth.AuthFailure;
import org.ldapscim.bridge.auth.AuthFailureLog;
import org.ldapscim.bridge.journal.AuthFailureRecord;
import org.ldapscim.bridge.journal.AuthFailures;
import org.ldapscim.bridge.journal.JournalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Journals failed authentications in the background, so that a 401 is answered at once even while the database is
 * slow or down. The queue is bounded: past {@value #QUEUE} events waiting, further ones are dropped and counted in
 * the log rather than held in memory.
 */
public final class AuthFailureJournal implements AuthFailureLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuthFailureJournal.class);
    private static final int QUEUE = 10_000;

    private final AuthFailures failures;
    private final AtomicLong dropped = new AtomicLong();
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), runnable -> {
                Thread thread = new Thread(runnable, "auth-failure-journal");
                thread.setDaemon(true);
                return thread;
            });

    public AuthFailureJournal(AuthFailures failures) {
        this.failures = failures;
    }

    @Override
    public void record(AuthFailure failure) {
        AuthFailureRecord record = new AuthFailureRecord(0, failure.at(), failure.event().name(),
                failure.source().getHostAddress(), failure.credential() == null ? null : failure.credential().name(),
                failure.client(), failure.issuer(), failure.reason(), failure.count());
        try {
            writer.execute(() -> write(record));
        } catch (RejectedExecutionException e) {
            long lost = dropped.incrementAndGet();
            if (Long.bitCount(lost) == 1) {
                LOG.warn("{} failed authentications not journaled: the journal writes them slower than they come", lost);
            }
        }
    }

    private void write(AuthFailureRecord record) {
        try {
            failures.append(record);
        } catch (JournalException | IllegalArgumentException e) {
            LOG.warn("a failed authentication from {} was not journaled: {}", record.sourceAddress(), e.getMessage());
        }
    }

    /** Writes what is queued, for at most a few seconds. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            writer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

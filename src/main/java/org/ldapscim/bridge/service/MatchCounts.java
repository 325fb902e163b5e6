package org.ldapscim.bridge.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.ldapscim.bridge.ldap.DirectoryClient;

/**
 * The {@code totalResults} of list requests whose first page does not hold every match. Counting those means walking
 * every match, which costs as much as the directory is large, so a count is kept and reused until the bridge sends
 * its next write or {@code maxAgeNanos} pass (for changes made outside the bridge). Concurrent requests for a count
 * not known yet wait for one walk. Thread-safe.
 */
final class MatchCounts {
    private static final int REMEMBERED = 1_000;

    private final DirectoryClient directory;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Count> counts = RecentlyUsed.map(REMEMBERED);

    /** One count, filled once by whoever asks first. */
    private static final class Count {
        private boolean known;
        private int total;
        private long writes;
        private long countedAt;
    }

    MatchCounts(DirectoryClient directory, long maxAgeNanos, LongSupplier nanoClock) {
        this.directory = directory;
        this.maxAgeNanos = maxAgeNanos;
        this.nanoClock = nanoClock;
    }

    /** How many entries under {@code bases} match {@code filter}: a fresh count kept, else walked now. */
    int of(List<DN> bases, Filter filter) {
        Count count = slot(bases, filter);
        synchronized (count) {
            long writes = directory.writesSent();
            long now = nanoClock.getAsLong();
            if (!count.known || count.writes != writes || now - count.countedAt > maxAgeNanos) {
                count.total = directory.count(bases, filter);
                count.writes = writes;
                count.countedAt = now;
                count.known = true;
            }
            return count.total;
        }
    }

    /** Keeps a count a request learned by reading every match itself. */
    void learned(List<DN> bases, Filter filter, int total, long writesBefore) {
        Count count = slot(bases, filter);
        synchronized (count) {
            count.total = total;
            count.writes = writesBefore;
            count.countedAt = nanoClock.getAsLong();
            count.known = true;
        }
    }

    private Count slot(List<DN> bases, Filter filter) {
        String key = bases + "|" + filter;
        synchronized (counts) {
            return counts.computeIfAbsent(key, k -> new Count());
        }
    }
}

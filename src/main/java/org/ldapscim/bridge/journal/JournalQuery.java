package org.ldapscim.bridge.journal;

import java.time.Instant;

/**
 * Which journal entries {@link JournalStore#find} returns: the newest {@code limit} ones that pass every filter
 * given; a {@code null} filter lets all entries pass.
 *
 * @param limit      how many entries at most, from {@value #MIN_LIMIT} to {@value #MAX_LIMIT}
 * @param resourceId only entries of this SCIM id
 * @param clientName only entries of this client, matched exactly (case and all)
 * @param operation  only entries of this operation
 * @param since      only entries that occurred at or after this instant
 * @param until      only entries that occurred before this instant
 * @param origin     only entries of this origin
 */
public record JournalQuery(int limit, String resourceId, String clientName, Operation operation, Instant since,
                           Instant until, Origin origin) {

    public static final int MIN_LIMIT = 1;
    public static final int MAX_LIMIT = 10_000;

    public JournalQuery {
        if (limit < MIN_LIMIT || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "limit must be between " + MIN_LIMIT + " and " + MAX_LIMIT + ", not " + limit);
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("since (" + since + ") must be before until (" + until + ")");
        }
    }

    /** The newest {@code limit} entries, of one resource unless {@code resourceId} is {@code null}. */
    public JournalQuery(int limit, String resourceId) {
        this(limit, resourceId, null, null, null, null, null);
    }

    /** Entries of every origin. */
    public JournalQuery(int limit, String resourceId, String clientName, Operation operation, Instant since,
                        Instant until) {
        this(limit, resourceId, clientName, operation, since, until, null);
    }
}

package org.ldapscim.bridge.journal;

/**
 * Which journal entries {@link JournalStore#find} returns: the newest {@code limit} ones,
 * optionally only those of one resource.
 *
 * @param limit      how many entries at most, from {@value #MIN_LIMIT} to {@value #MAX_LIMIT}
 * @param resourceId only entries of this SCIM id, or {@code null} for all
 */
public record JournalQuery(int limit, String resourceId) {

    public static final int MIN_LIMIT = 1;
    public static final int MAX_LIMIT = 10_000;

    public JournalQuery {
        if (limit < MIN_LIMIT || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "limit must be between " + MIN_LIMIT + " and " + MAX_LIMIT + ", not " + limit);
        }
    }
}

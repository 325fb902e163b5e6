package org.ldapscim.bridge.journal;

/**
 * Character limits of the {@code journal_entry} columns, as declared in migrations V1, V2, V6 and V7, so that
 * oversized values are rejected or shortened in Java instead of failing the SQL statement.
 */
final class ColumnLimits {

    static final int REQUEST_ID = 64;
    static final int CLIENT = 128;
    static final int PROFILE = 32;
    static final int RESOURCE_TYPE = 64;
    static final int RESOURCE_ID = 128;
    static final int DN = 1024;
    static final int DETAIL = 1024;
    static final int ENTRY_VERSION = 64;
    static final int WATCHED_DIRECTORY = 255;
    static final int BODY_HASH = 64;

    private ColumnLimits() {
    }

    static String requireFits(String value, int limit, String name) {
        if (value != null && value.codePointCount(0, value.length()) > limit) {
            throw new IllegalArgumentException(name + " is longer than " + limit + " characters");
        }
        return value;
    }

    static String requirePresent(String value, int limit, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return requireFits(value, limit, name);
    }

    /** Shortens free text to the column size without splitting a surrogate pair. */
    static String truncate(String value, int limit) {
        if (value == null || value.codePointCount(0, value.length()) <= limit) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, limit));
    }
}

package org.ldapscim.bridge.config;

/**
 * What one request may ask of the bridge, checked before any directory work. The bulk and filter limits are
 * advertised in {@code /ServiceProviderConfig}.
 *
 * @param maxFilterLength the longest {@code filter}, in characters
 * @param maxFilterDepth how deeply parentheses, {@code not} and {@code [...]} may nest in a filter
 * @param maxFilterClauses the most comparisons (e.g. {@code userName eq "x"}) one filter may hold
 * @param maxPathLength the longest attribute path, in characters, in a filter, {@code attributes},
 *                      {@code excludedAttributes} or a PATCH operation
 * @param maxBulkOperations the most operations one {@code /Bulk} request may hold
 * @param maxBulkPayloadBytes the largest {@code /Bulk} body; at most {@code server.maxRequestBytes}
 */
public record LimitsConfig(Integer maxFilterLength, Integer maxFilterDepth, Integer maxFilterClauses,
                           Integer maxPathLength, Integer maxBulkOperations, Long maxBulkPayloadBytes) {

    public LimitsConfig {
        maxFilterLength = maxFilterLength == null ? 4096 : maxFilterLength;
        maxFilterDepth = maxFilterDepth == null ? 16 : maxFilterDepth;
        maxFilterClauses = maxFilterClauses == null ? 200 : maxFilterClauses;
        maxPathLength = maxPathLength == null ? 512 : maxPathLength;
        maxBulkOperations = maxBulkOperations == null ? 100 : maxBulkOperations;
        maxBulkPayloadBytes = maxBulkPayloadBytes == null ? 1_048_576L : maxBulkPayloadBytes;
        requireRange("maxFilterLength", maxFilterLength, 16, 1_000_000);
        // The filter translator stops at 32 levels whatever the configuration says.
        requireRange("maxFilterDepth", maxFilterDepth, 1, 32);
        requireRange("maxFilterClauses", maxFilterClauses, 1, 10_000);
        requireRange("maxPathLength", maxPathLength, 16, 100_000);
        requireRange("maxBulkOperations", maxBulkOperations, 1, 10_000);
        if (maxBulkPayloadBytes < 1024) {
            throw new IllegalArgumentException("maxBulkPayloadBytes must be at least 1024");
        }
    }

    public static LimitsConfig defaults() {
        return new LimitsConfig(null, null, null, null, null, null);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
        }
    }
}

package org.ldapscim.bridge.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A run's settings, from system properties: {@code bench.directory} (inmemory or slapd), {@code bench.users} (the
 * directory sizes, comma-separated, each measured on a fresh directory and bridge), {@code bench.seconds} (per
 * measurement), {@code bench.rounds}, {@code bench.concurrency}, {@code bench.requests} (a cap per measurement),
 * {@code bench.only} (a regular expression on scenario names), {@code bench.jfr} and {@code bench.output}.
 */
record Settings(String directory, List<Integer> sizes, double seconds, int rounds, int concurrency, long requests,
                Path output, String only, String jfr) {
    /** The clients of the mixed IdP-like sync, whatever {@code bench.concurrency} is. */
    static final int SYNC_CLIENTS = 50;
    /** The cursor walks the bridge keeps open at most (RFC 9865 paging), each holding a directory connection. */
    static final int BRIDGE_OPEN_CURSORS = 16;

    Settings {
        if (sizes.isEmpty() || sizes.stream().anyMatch(size -> size < 1)) {
            throw new IllegalArgumentException("bench.users lists directory sizes of at least 1, not " + sizes);
        }
        if (rounds < 1 || seconds <= 0 || concurrency < 1 || requests < 1) {
            throw new IllegalArgumentException("bench.rounds, bench.seconds, bench.concurrency and bench.requests"
                    + " must be positive");
        }
    }

    static Settings fromSystemProperties() {
        return new Settings(System.getProperty("bench.directory", "inmemory"),
                sizes(System.getProperty("bench.users", "10000,100000")),
                Double.parseDouble(System.getProperty("bench.seconds", "3")),
                Integer.getInteger("bench.rounds", 3),
                Integer.getInteger("bench.concurrency", 8),
                Long.getLong("bench.requests", 1_000_000),
                Path.of(System.getProperty("bench.output", "target/bench")),
                System.getProperty("bench.only", ".*"),
                System.getProperty("bench.jfr", ""));
    }

    private static List<Integer> sizes(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(size -> !size.isEmpty())
                .map(size -> Integer.valueOf(size.replace("_", ""))).toList();
    }

    /** A warm-up before a scenario's first round on each side: short, the bridge's JIT is warm after the first few. */
    double warmupSeconds() {
        return Math.min(1, seconds / 2);
    }

    /**
     * The bridge's LDAP pool: room for the sync's clients and for the cursor walks the bridge keeps open, so that
     * no request waits for a connection a walk holds. It opens connections only as requests need them.
     */
    int bridgePoolSize() {
        return Math.max(concurrency, SYNC_CLIENTS) + BRIDGE_OPEN_CURSORS;
    }

    /**
     * With {@code bench.jfr} set, the bridge of each size records a JFR profile of its run; with several sizes
     * the file name gets the size before its extension.
     */
    Map<String, String> bridgeEnvironment(int users) {
        if (jfr.isBlank()) {
            return Map.of();
        }
        String file = Path.of(jfr).toAbsolutePath().toString();
        if (sizes.size() > 1) {
            int dot = file.lastIndexOf('.');
            file = dot > file.lastIndexOf('/') ? file.substring(0, dot) + "-" + users + file.substring(dot)
                    : file + "-" + users;
        }
        return Map.of("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=settings=profile,filename=" + file);
    }
}

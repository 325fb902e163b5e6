package org.ldapscim.bridge.bench;

import java.util.List;

/** One run: its settings and, per directory size, what each scenario measured. Written as JSON, printed as tables. */
record Report(String time, String directory, int concurrency, double seconds, int rounds, int processors,
              List<Size> sizes) {

    /** One directory size: how long seeding took, what to know of the directory, and the results. */
    record Size(int users, double seedSeconds, List<String> notes, List<Result> results) {
    }

    String table(Size size) {
        StringBuilder table = new StringBuilder();
        table.append(String.format("%n%s, %,d users, %d clients (sync: %d), %s s per measurement, median of %d"
                        + " rounds, %d cores, %s%n%n", directory, size.users(), concurrency, Settings.SYNC_CLIENTS,
                number(seconds, 1), rounds, processors, time));
        String format = "| %-48s | %8s | %7s | %7s | %8s | %7s | %7s | %5s | %-11s | %8s | %7s | %7s | %7s | %7s"
                + " | %6s |%n";
        table.append(String.format(format, "scenario", "bridge/s", "p50 ms", "p99 ms", "raw/s", "p50 ms", "p99 ms",
                "ratio", "ratio range", "LDAP/req", "errors", "heap MB", "peak MB", "live MB", "RSS MB"));
        table.append(String.format(format, "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---",
                "---:", "---:", "---:", "---:", "---:", "---:"));
        for (Result result : size.results()) {
            if (result.skipped() != null) {
                table.append(String.format(format, result.scenario(), "skipped", "", "", "", "", "", "", "", "", "",
                        "", "", "", ""));
                continue;
            }
            Result.Side raw = result.raw();
            table.append(String.format(format, result.scenario(),
                    number(result.bridge().throughput(), 0), number(result.bridge().p50Millis(), 2),
                    number(result.bridge().p99Millis(), 2),
                    raw == null ? "-" : number(raw.throughput(), 0), raw == null ? "-" : number(raw.p50Millis(), 2),
                    raw == null ? "-" : number(raw.p99Millis(), 2),
                    raw == null ? "-" : number(result.ratio(), 2),
                    raw == null ? "-" : number(result.ratioMin(), 2) + "-" + number(result.ratioMax(), 2),
                    number(result.ldapOperationsPerRequest(), 2),
                    result.bridge().errors() + "/" + (raw == null ? "-" : raw.errors()),
                    number(result.bridgeHeapBytes() / 1e6, 0), number(result.bridgePeakHeapBytes() / 1e6, 0),
                    number(result.bridgeLiveHeapBytes() / 1e6, 0), number(result.bridgeRssBytes() / 1e6, 0)));
        }
        table.append('\n');
        for (String note : size.notes()) {
            table.append("- ").append(note).append('\n');
        }
        for (Result result : size.results()) {
            if (result.scenario().equals(ReadScenarios.HTTP_CEILING) && result.skipped() == null) {
                table.append("- ").append(result.scenario()).append(result.raw() != null
                        ? ": no LDAP; the raw columns are wrk's figures for the same request, the ratio the harness's"
                                + " client over wrk.\n"
                        : ": no LDAP; " + WrkLoad.WRK + " is not installed (apt-get install wrk), so nothing to"
                                + " compare the harness's client with.\n");
            }
        }
        for (Result result : size.results()) {
            if (result.skipped() != null) {
                table.append("- ").append(result.scenario()).append(": skipped, ").append(result.skipped()).append('\n');
                continue;
            }
            if (result.concurrency() != concurrency) {
                table.append("- ").append(result.scenario()).append(": ").append(result.concurrency())
                        .append(" clients on each side.\n");
            }
            for (Result.Side side : result.raw() == null ? List.of(result.bridge())
                    : List.of(result.bridge(), result.raw())) {
                if (side.firstError() != null) {
                    table.append("- ").append(result.scenario()).append(" (")
                            .append(side == result.bridge() ? "bridge" : "raw").append("): first error: ")
                            .append(side.firstError()).append('\n');
                }
            }
        }
        return table.toString();
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format("%,." + decimals + "f", value);
    }
}

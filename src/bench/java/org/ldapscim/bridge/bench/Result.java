package org.ldapscim.bridge.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What one scenario measured over its rounds: per side the medians of throughput, p50 and p99; the ratio of the
 * median throughputs and the lowest and highest ratio of one round; the bridge's LDAP operations per request over all
 * rounds, its heap after the last round, the highest heap seen during any, its live heap after a full collection at
 * the end, and its RSS. {@code skipped} says why a scenario was not measured; {@code raw} is null for a bridge-only
 * line.
 */
record Result(String scenario, String skipped, int concurrency, Side bridge, Side raw, double ratio, double ratioMin,
              double ratioMax, double ldapOperationsPerRequest, double bridgeHeapBytes, double bridgePeakHeapBytes,
              double bridgeLiveHeapBytes, long bridgeRssBytes) {

    record Side(double throughput, double p50Millis, double p99Millis, long requests, long errors, String firstError,
                List<Double> roundThroughputs) {
        static Side of(List<LoadRun.Outcome> rounds) {
            long requests = 0;
            long errors = 0;
            String firstError = null;
            List<Double> throughputs = new ArrayList<>();
            for (LoadRun.Outcome round : rounds) {
                requests += round.requests();
                errors += round.errors();
                firstError = firstError != null ? firstError : round.firstError();
                throughputs.add(round.throughput());
            }
            return new Side(median(throughputs),
                    median(rounds.stream().map(round -> round.p50Nanos() / 1e6).toList()),
                    median(rounds.stream().map(round -> round.p99Nanos() / 1e6).toList()),
                    requests, errors, firstError, throughputs);
        }
    }

    /** One round: the bridge's measurement with what its meters said, and the raw one (null for bridge-only). */
    record Round(LoadRun.Outcome bridge, LoadRun.Outcome raw, double ldapOperations, double heapBytes,
                 double peakHeapBytes, long rssBytes) {
    }

    static Result skipped(String scenario, String reason) {
        return new Result(scenario, reason, 0, null, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, 0);
    }

    static Result of(String scenario, int concurrency, List<Round> rounds, double liveHeapBytes) {
        Side bridge = Side.of(rounds.stream().map(Round::bridge).toList());
        boolean bridgeOnly = rounds.get(0).raw() == null;
        Side raw = bridgeOnly ? null : Side.of(rounds.stream().map(Round::raw).toList());
        double ratioMin = Double.NaN;
        double ratioMax = Double.NaN;
        if (!bridgeOnly) {
            for (Round round : rounds) {
                double ratio = ratio(round.bridge().throughput(), round.raw().throughput());
                ratioMin = Double.isNaN(ratioMin) ? ratio : Math.min(ratioMin, ratio);
                ratioMax = Double.isNaN(ratioMax) ? ratio : Math.max(ratioMax, ratio);
            }
        }
        double operations = rounds.stream().mapToDouble(Round::ldapOperations).sum();
        Round last = rounds.get(rounds.size() - 1);
        return new Result(scenario, null, concurrency, bridge, raw,
                bridgeOnly ? Double.NaN : ratio(bridge.throughput(), raw.throughput()), ratioMin, ratioMax,
                bridge.requests() == 0 ? 0 : operations / bridge.requests(), last.heapBytes(),
                rounds.stream().mapToDouble(Round::peakHeapBytes).max().orElse(Double.NaN), liveHeapBytes,
                last.rssBytes());
    }

    private static double ratio(double bridge, double raw) {
        return raw == 0 ? 0 : bridge / raw;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

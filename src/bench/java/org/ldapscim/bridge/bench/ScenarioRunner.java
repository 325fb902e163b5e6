package org.ldapscim.bridge.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures a scenario: {@code bench.rounds} rounds, each the bridge then the raw side, at the same concurrency, for
 * the same time and with the same cap; a short warm-up of each side before the first round. The bridge's meters are
 * read around its measurements, and its live heap after the last round.
 */
final class ScenarioRunner {
    private final Settings settings;
    private final BridgeMeters meters;

    ScenarioRunner(Settings settings, BridgeMeters meters) {
        this.settings = settings;
        this.meters = meters;
    }

    Result measure(Scenario scenario) throws Exception {
        if (scenario.skipped() != null) {
            Benchmark.log("%s: skipped, %s", scenario.name(), scenario.skipped());
            return Result.skipped(scenario.name(), scenario.skipped());
        }
        int clients = scenario.concurrency() > 0 ? scenario.concurrency() : settings.concurrency();
        long cap = scenario.cap() > 0 ? Math.min(scenario.cap(), settings.requests()) : settings.requests();
        List<Result.Round> rounds = new ArrayList<>();
        for (int r = 0; r < settings.rounds(); r++) {
            boolean first = r == 0;
            if (first) {
                warmUp(scenario, Scenario.Side.BRIDGE, scenario.bridge(), clients, cap);
            }
            scenario.preparation().before(Scenario.Side.BRIDGE, cap);
            BridgeMeters.Reading before = meters.read();
            BridgeMeters.HeapPeak peak = meters.watchHeap();
            LoadRun.Outcome bridge = scenario.bridge().run(clients, settings.seconds(), cap);
            BridgeMeters.Reading after = meters.read();
            double highest = peak.stop(after);
            LoadRun.Outcome raw = null;
            if (scenario.raw() != null) {
                if (first) {
                    warmUp(scenario, Scenario.Side.RAW, scenario.raw(), clients, cap);
                }
                scenario.preparation().before(Scenario.Side.RAW, cap);
                raw = scenario.raw().run(clients, settings.seconds(), cap);
            }
            rounds.add(new Result.Round(bridge, raw, after.ldapOperations() - before.ldapOperations(),
                    after.heapBytes(), highest, after.rssBytes()));
            Benchmark.log("%s, round %d: bridge %,.0f/s (%d errors), raw %s", scenario.name(), r + 1,
                    bridge.throughput(), bridge.errors(),
                    raw == null ? "-" : String.format("%,.0f/s (%d errors)", raw.throughput(), raw.errors()));
        }
        scenario.finish().after();
        return Result.of(scenario.name(), clients, rounds, meters.liveHeapBytes());
    }

    /** A scenario that uses entries up gets a fifth of its cap to warm up with. */
    private void warmUp(Scenario scenario, Scenario.Side side, Load load, int clients, long cap) throws Exception {
        long requests = scenario.cap() > 0 ? Math.max(1, cap / 5) : cap;
        scenario.preparation().before(side, requests);
        load.run(clients, settings.warmupSeconds(), requests);
    }
}

package org.ldapscim.bridge.bench;

/**
 * One kind of request, measured through the bridge and as the raw LDAP operations it stands for ({@code raw} null
 * for a bridge-only line). {@code concurrency} and {@code cap} (0: the run's) override the run's clients and request
 * cap; {@code preparation} runs before each measurement of a side, outside it, and {@code finish} after the last
 * round. A scenario the directory's size rules out carries the reason in {@code skipped} instead.
 */
record Scenario(String name, Load bridge, Load raw, int concurrency, long cap, Preparation preparation,
                Finish finish, String skipped) {

    enum Side { BRIDGE, RAW }

    /** Readies what a measurement of {@code requests} requests at most on {@code side} uses up. */
    interface Preparation {
        void before(Side side, long requests) throws Exception;
    }

    interface Finish {
        void after() throws Exception;
    }

    static Scenario of(String name, LoadRun.Operation bridge, LoadRun.Operation raw) {
        return ofLoads(name, Load.of(bridge), Load.of(raw));
    }

    /** A scenario of two loads of its own making; {@code raw} null for a bridge-only line. */
    static Scenario ofLoads(String name, Load bridge, Load raw) {
        return new Scenario(name, bridge, raw, 0, 0, (side, requests) -> { }, () -> { }, null);
    }

    static Scenario skipped(String name, String reason) {
        return new Scenario(name, null, null, 0, 0, (side, requests) -> { }, () -> { }, reason);
    }

    Scenario atConcurrency(int clients) {
        return new Scenario(name, bridge, raw, clients, cap, preparation, finish, skipped);
    }

    Scenario capped(long requests) {
        return new Scenario(name, bridge, raw, concurrency, requests, preparation, finish, skipped);
    }

    Scenario preparedBy(Preparation before) {
        return new Scenario(name, bridge, raw, concurrency, cap, before, finish, skipped);
    }

    Scenario finishedBy(Finish after) {
        return new Scenario(name, bridge, raw, concurrency, cap, preparation, after, skipped);
    }
}

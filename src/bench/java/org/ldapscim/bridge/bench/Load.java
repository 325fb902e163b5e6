package org.ldapscim.bridge.bench;

import java.util.concurrent.atomic.AtomicLong;

/** What puts the load of one side of a scenario on its target, for a bounded time and a bounded count. */
interface Load {
    LoadRun.Outcome run(int concurrency, double seconds, long maxRequests);

    /**
     * Back-to-back calls of {@code operation}; the request numbers go on from one run to the next, so that a
     * scenario's rounds never name the same user to create or the same member to add twice.
     */
    static Load of(LoadRun.Operation operation) {
        AtomicLong counter = new AtomicLong();
        return (concurrency, seconds, maxRequests) -> LoadRun.run(operation, concurrency, seconds, maxRequests,
                counter);
    }
}

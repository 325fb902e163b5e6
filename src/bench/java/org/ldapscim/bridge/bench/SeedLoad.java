package org.ldapscim.bridge.bench;

import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Adds the seeded users over a pool, one add per connection at a time, as fast as the directory takes them. */
final class SeedLoad {
    private static final int THREADS = 8;

    private SeedLoad() {
    }

    static void addAll(LDAPConnectionPool pool, int users) throws LDAPException {
        AtomicInteger next = new AtomicInteger(1);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(threads.submit(() -> {
                    for (int n = next.getAndIncrement(); n <= users; n = next.getAndIncrement()) {
                        pool.add(BenchDirectory.seededUser(n));
                    }
                    return null;
                }));
            }
            for (Future<Void> future : done) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof LDAPException ldap) {
                throw ldap;
            }
            throw new IllegalStateException("seeding failed", e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }
}

package org.ldapscim.bridge.bench;

import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes outside any measurement (seeding, fresh users, clean-up) over a pool, one write per connection at a time,
 * as fast as the directory takes them.
 */
final class ParallelWrites {
    static final int THREADS = 8;

    /** Write number {@code i}, from 0. */
    interface Write {
        void call(int i) throws LDAPException;
    }

    private ParallelWrites() {
    }

    static void run(int count, Write write) throws LDAPException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        write.call(i);
                    }
                    return null;
                }));
            }
            for (Future<Void> future : done) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to the directory", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LDAPException ldap) {
                throw ldap;
            }
            throw new IllegalStateException("writing to the directory failed", e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }
}

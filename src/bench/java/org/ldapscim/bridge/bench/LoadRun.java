package org.ldapscim.bridge.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one operation from {@code concurrency} threads, back to back, for a bounded time and a bounded count;
 * each call gets the next request number. An operation that throws counts as an error, and its latency is kept.
 */
final class LoadRun {
    /** One request; {@code n} is its number in the run, from 0. */
    interface Operation {
        void call(long n) throws Exception;
    }

    record Outcome(long requests, long errors, double seconds, long p50Nanos, long p99Nanos, String firstError) {
        double throughput() {
            return requests / seconds;
        }
    }

    private LoadRun() {
    }

    static Outcome run(Operation operation, int concurrency, double seconds, long maxRequests, AtomicLong counter) {
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long first = counter.get();
        List<Future<long[]>> workers = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        String[] firstError = new String[1];
        for (int t = 0; t < concurrency; t++) {
            workers.add(threads.submit(() -> {
                long[] latencies = new long[1024];
                int size = 0;
                while (System.nanoTime() < deadline) {
                    long n = counter.getAndIncrement();
                    if (n - first >= maxRequests) {
                        break;
                    }
                    long begin = System.nanoTime();
                    try {
                        operation.call(n);
                    } catch (Exception e) {
                        if (errors.getAndIncrement() == 0) {
                            firstError[0] = e.toString();
                        }
                    }
                    if (size == latencies.length) {
                        latencies = Arrays.copyOf(latencies, size * 2);
                    }
                    latencies[size++] = System.nanoTime() - begin;
                }
                return Arrays.copyOf(latencies, size);
            }));
        }
        try {
            long[] all = new long[0];
            for (Future<long[]> worker : workers) {
                long[] some = worker.get();
                long[] joined = Arrays.copyOf(all, all.length + some.length);
                System.arraycopy(some, 0, joined, all.length, some.length);
                all = joined;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            Arrays.sort(all);
            return new Outcome(all.length, errors.get(), elapsed, percentile(all, 0.50), percentile(all, 0.99),
                    firstError[0]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a load thread failed", e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}

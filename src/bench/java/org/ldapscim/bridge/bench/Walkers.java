package org.ldapscim.bridge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * The walks of the load's clients through pages, each walk one client's: a call takes an idle walk (or starts
 * one), reads its next page, and gives it back, so walks go on from one measurement to the next. A walk whose page
 * failed is closed, not given back.
 */
final class Walkers<W extends Walkers.Walk> implements AutoCloseable {
    interface Walk extends AutoCloseable {
        void nextPage() throws Exception;

        @Override
        default void close() {
        }
    }

    private final Supplier<W> start;
    private final ConcurrentLinkedQueue<W> idle = new ConcurrentLinkedQueue<>();
    private final List<W> all = new ArrayList<>();

    Walkers(Supplier<W> start) {
        this.start = start;
    }

    /** The load operation: one page of some client's walk. */
    LoadRun.Operation pages() {
        return n -> {
            W walk = idle.poll();
            if (walk == null) {
                walk = start.get();
                synchronized (all) {
                    all.add(walk);
                }
            }
            try {
                walk.nextPage();
            } catch (Exception e) {
                walk.close();
                throw e;
            }
            idle.offer(walk);
        };
    }

    @Override
    public void close() {
        synchronized (all) {
            all.forEach(Walk::close);
            all.clear();
        }
        idle.clear();
    }
}

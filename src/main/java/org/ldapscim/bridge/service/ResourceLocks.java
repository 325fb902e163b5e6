package org.ldapscim.bridge.service;

import java.util.Collection;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises writes to one resource within this bridge: each write reads the entry, then changes it, and a
 * rename by one request would otherwise pull the DN out from under another. A fixed set of locks, chosen by
 * the id's hash, keeps memory flat however many resources there are. Thread-safe.
 */
final class ResourceLocks {
    private static final int STRIPES = 256;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    ResourceLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    <T> T holding(String resourceType, String id, Supplier<T> write) {
        ReentrantLock lock = locks[stripe(resourceType, id)];
        lock.lock();
        try {
            return write.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Holds the locks of all these keys at once. They are taken in stripe order, so two writers that need
     * overlapping sets never wait on each other in a circle.
     */
    <T> T holdingAll(String resourceType, Collection<String> keys, Supplier<T> write) {
        TreeSet<Integer> stripes = new TreeSet<>();
        keys.forEach(key -> stripes.add(stripe(resourceType, key)));
        int taken = 0;
        try {
            for (int stripe : stripes) {
                locks[stripe].lock();
                taken++;
            }
            return write.get();
        } finally {
            int released = 0;
            for (int stripe : stripes) {
                if (released++ == taken) {
                    break;
                }
                locks[stripe].unlock();
            }
        }
    }

    private static int stripe(String resourceType, String key) {
        return Math.floorMod((resourceType + ":" + key).hashCode(), STRIPES);
    }
}

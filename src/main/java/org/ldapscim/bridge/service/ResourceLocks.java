package org.ldapscim.bridge.service;

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
        ReentrantLock lock = locks[Math.floorMod((resourceType + ":" + id).hashCode(), STRIPES)];
        lock.lock();
        try {
            return write.get();
        } finally {
            lock.unlock();
        }
    }
}

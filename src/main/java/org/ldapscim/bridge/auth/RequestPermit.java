package org.ldapscim.bridge.auth;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/** One request's place among its client's {@code maxConcurrentRequests}; closing it again does nothing. */
public final class RequestPermit implements AutoCloseable {
    private final Semaphore semaphore;
    private final AtomicBoolean released = new AtomicBoolean();

    RequestPermit(Semaphore semaphore) {
        this.semaphore = semaphore;
    }

    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            semaphore.release();
        }
    }
}

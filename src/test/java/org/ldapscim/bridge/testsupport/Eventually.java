package org.ldapscim.bridge.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something that background work brings about; fails the test if it never comes. */
public final class Eventually {
    private Eventually() {
    }

    /** Returns once {@code condition} holds, checking every 50 ms; throws AssertionError after {@code patience}. */
    public static void until(Duration patience, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not the case after " + patience.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }
}

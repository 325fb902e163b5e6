package org.ldapscim.bridge.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.testsupport.Eventually;
import org.ldapscim.bridge.testsupport.TestJournalDatabase;

class LeaderJobRunnerIT {
    private static final Duration TICK = Duration.ofMillis(100);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @AutoClose
    final TestJournalDatabase database = TestJournalDatabase.create();

    @Test
    void onlyTheLeadingInstanceRunsAJobAndAnotherTakesOverWhenItStops() {
        AtomicInteger runsOfA = new AtomicInteger();
        AtomicInteger runsOfB = new AtomicInteger();
        LeaderJobRunner a = runner(runsOfA);
        LeaderJobRunner b = runner(runsOfB);
        try {
            a.start();
            Eventually.until(PATIENCE, "A ran the job", () -> runsOfA.get() > 0);
            b.start();
            int before = runsOfA.get();
            Eventually.until(PATIENCE, "A ran the job five more times", () -> runsOfA.get() >= before + 5);
            assertEquals(0, runsOfB.get(), "B must not run the job while A leads");
            assertTrue(a.leads("counter"));
            assertFalse(b.leads("counter"));

            a.close();
            int ranByA = runsOfA.get();

            Eventually.until(PATIENCE, "B took over", () -> runsOfB.get() > 0);
            assertTrue(b.leads("counter"));
            assertEquals(ranByA, runsOfA.get(), "a closed runner runs nothing");
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void aFailingRunIsLoggedAndTheJobRunsAgain() {
        AtomicInteger attempts = new AtomicInteger();
        try (LeaderJobRunner runner = new LeaderJobRunner(database.settings())) {
            runner.schedule("failing", TICK, () -> {
                attempts.incrementAndGet();
                throw new IllegalStateException("the directory is down");
            });
            runner.start();
            Eventually.until(PATIENCE, "the job ran three times", () -> attempts.get() >= 3);
        }
    }

    @Test
    void closeWaitsForTheRunningJobAndThenReleasesItsLock() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        LeaderJobRunner runner = new LeaderJobRunner(database.settings());
        runner.schedule("slow", Duration.ofHours(1), () -> {
            running.countDown();
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            finished.incrementAndGet();
        });
        runner.start();
        assertTrue(running.await(30, TimeUnit.SECONDS));

        runner.close();

        assertEquals(1, finished.get(), "the run in progress finished before close returned");
        try (LeaderLock next = new LeaderLock(database.settings(), "slow", TICK)) {
            assertTrue(next.lead(), "the closed runner released its lock");
        }
    }

    @Test
    void jobsAreScheduledOnceAndBeforeTheStart() {
        try (LeaderJobRunner runner = new LeaderJobRunner(database.settings())) {
            runner.schedule("once", TICK, () -> { });
            assertThrows(IllegalArgumentException.class, () -> runner.schedule("once", TICK, () -> { }));
            assertThrows(IllegalArgumentException.class, () -> runner.schedule("never", Duration.ZERO, () -> { }));
            assertThrows(IllegalArgumentException.class, () -> runner.schedule("Bad Name", TICK, () -> { }));
            runner.start();
            assertThrows(IllegalStateException.class, () -> runner.schedule("late", TICK, () -> { }));
        }
    }

    private LeaderJobRunner runner(AtomicInteger runs) {
        LeaderJobRunner runner = new LeaderJobRunner(database.settings());
        runner.schedule("counter", TICK, runs::incrementAndGet);
        return runner;
    }
}

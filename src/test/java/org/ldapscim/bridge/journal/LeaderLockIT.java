package org.ldapscim.bridge.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.testsupport.DeprovisionRows;
import org.ldapscim.bridge.testsupport.TestJournalDatabase;

class LeaderLockIT {
    private static final Duration IDLE = Duration.ofSeconds(10);

    @AutoClose
    final TestJournalDatabase database = TestJournalDatabase.create();
    @AutoClose
    final TestJournalDatabase otherDatabase = TestJournalDatabase.create();

    @Test
    void oneInstanceLeadsUntilItClosesThenTheOtherTakesOver() {
        try (LeaderLock first = new LeaderLock(database.settings(), "purger", IDLE);
             LeaderLock second = new LeaderLock(database.settings(), "purger", IDLE)) {
            assertTrue(first.lead());
            assertFalse(second.lead());
            assertTrue(first.lead(), "a leader keeps leading at its next turn");
            assertFalse(second.lead());

            first.close();

            assertFalse(first.held());
            assertTrue(second.lead());
            assertFalse(first.lead(), "the lock is the other's now");
        }
    }

    @Test
    void theHolderThatLosesItsConnectionStopsLeadingAndAnotherTakesOver() {
        try (LeaderLock first = new LeaderLock(database.settings(), "purger", IDLE);
             LeaderLock second = new LeaderLock(database.settings(), "purger", IDLE)) {
            assertTrue(first.lead());
            DeprovisionRows sql = new DeprovisionRows(database.settings());
            long holder = sql.count("SELECT IS_USED_LOCK(?)", first.lockName(databaseName()));

            sql.execute("KILL CONNECTION " + holder);

            assertTrue(second.lead(), "the server freed the lock of the connection that ended");
            assertFalse(first.lead(), "the first finds its connection gone and the lock taken");
            assertFalse(first.held());
        }
    }

    @Test
    void locksOfOtherJobsAndOtherDatabasesAreIndependent() {
        try (LeaderLock purger = new LeaderLock(database.settings(), "purger", IDLE);
             LeaderLock retention = new LeaderLock(database.settings(), "journal-retention", IDLE);
             LeaderLock elsewhere = new LeaderLock(otherDatabase.settings(), "purger", IDLE)) {
            assertTrue(purger.lead());
            assertTrue(retention.lead());
            assertTrue(elsewhere.lead(), "a named lock is server-wide, so its name carries the database's");
        }
    }

    @Test
    void anUnreachableDatabaseMeansNotLeading() {
        JournalSettings nowhere = new JournalSettings("jdbc:mariadb://127.0.0.1:1/none", "nobody", "secret-pw");
        try (LeaderLock lock = new LeaderLock(nowhere, "purger", IDLE)) {
            assertFalse(lock.lead());
            assertFalse(lock.held());
        }
    }

    @Test
    void aNameTooLongForTheServerIsShortenedByADigestOfTheDatabase() {
        LeaderLock lock = new LeaderLock(database.settings(), "journal-retention", IDLE);
        String longDatabase = "d".repeat(64);
        String name = lock.lockName(longDatabase);
        assertEquals(64, name.length(), name);
        assertTrue(name.startsWith("ldap-scim-bridge.journal-retention@"), name);
        assertFalse(name.equals(lock.lockName("e".repeat(64))));
        assertEquals("ldap-scim-bridge.journal-retention@bridge_test_0a", lock.lockName("bridge_test_0a"));
    }

    private String databaseName() {
        String url = database.settings().jdbcUrl();
        String afterHost = url.substring(url.indexOf('/', url.indexOf("//") + 2) + 1);
        int options = afterHost.indexOf('?');
        return options < 0 ? afterHost : afterHost.substring(0, options);
    }
}

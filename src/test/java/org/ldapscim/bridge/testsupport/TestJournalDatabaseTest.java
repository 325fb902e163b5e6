package org.ldapscim.bridge.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TestJournalDatabaseTest {

    @Test
    void replacesTheDatabaseOfAUrl() {
        assertEquals("jdbc:mariadb://db:3306/fresh", TestJournalDatabase.withDatabase("jdbc:mariadb://db:3306/test", "fresh"));
    }

    @Test
    void keepsTheOptionsOfAUrl() {
        assertEquals("jdbc:mariadb://db/fresh?useSsl=true&a=b/c",
                TestJournalDatabase.withDatabase("jdbc:mariadb://db/test?useSsl=true&a=b/c", "fresh"));
    }

    @Test
    void addsADatabaseToAUrlWithoutOne() {
        assertEquals("jdbc:mariadb://db:3306/fresh", TestJournalDatabase.withDatabase("jdbc:mariadb://db:3306", "fresh"));
        assertEquals("jdbc:mariadb://db/fresh?a=1", TestJournalDatabase.withDatabase("jdbc:mariadb://db?a=1", "fresh"));
        assertEquals("jdbc:mariadb://db/fresh", TestJournalDatabase.withDatabase("jdbc:mariadb://db/", "fresh"));
    }
}

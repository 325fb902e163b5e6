package org.ldapscim.bridge.testsupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.ldapscim.bridge.journal.JournalDatabase;
import org.ldapscim.bridge.journal.JournalStore;

/**
 * What tests of the journal extend: each test gets a {@link TestJournalDatabase} of its own with the journal's
 * schema migrated in, opened before it and dropped after it.
 */
public abstract class FreshJournalPerTest {
    protected TestJournalDatabase database;
    protected JournalDatabase journal;
    protected JournalStore store;

    @BeforeEach
    protected void openFreshJournal() {
        database = TestJournalDatabase.create();
        journal = JournalDatabase.open(database.settings());
        store = journal.store();
    }

    @AfterEach
    protected void dropJournal() {
        journal.close();
        database.close();
    }
}

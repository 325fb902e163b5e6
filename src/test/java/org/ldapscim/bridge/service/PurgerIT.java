package org.ldapscim.bridge.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.cli.Assembly;
import org.ldapscim.bridge.journal.DueDeprovisions;
import org.ldapscim.bridge.journal.JournalDatabase;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.testsupport.DeprovisionRows;
import org.ldapscim.bridge.testsupport.TestJournalDatabase;
import org.ldapscim.bridge.testsupport.TestSecret;

/** The purger over the in-memory directory with the demo mappings and a real MariaDB journal. */
class PurgerIT {
    private static final String PEOPLE = "ou=people,dc=example,dc=com";
    private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");
    private static final String PASSWORD = TestSecret.PURGER_USER_PASSWORD.value();

    private InMemoryDirectory directory;
    private DirectoryClient client;
    private TestJournalDatabase database;
    private JournalDatabase journal;
    private DeprovisionRows rows;

    @BeforeEach
    void start() {
        directory = InMemoryDirectory.start(InMemoryDirectory.DEMO_SUFFIX, 0);
        directory.importResource(InMemoryDirectory.DEMO_LDIF,
                entry -> !entry.hasObjectClass("inetOrgPerson") && !entry.hasObjectClass("groupOfNames"));
        client = directory.client(2);
        database = TestJournalDatabase.create();
        journal = JournalDatabase.open(database.settings());
        rows = new DeprovisionRows(database.settings());
    }

    @AfterEach
    void stop() {
        client.close();
        directory.close();
        journal.close();
        database.close();
    }

    @Test
    void deletesTheAccountOnceItsGracePeriodHasPassedAndNotBefore() throws LDAPException {
        String dn = "uid=ada.byron," + PEOPLE;
        String id = addUser("ada.byron");
        long row = rows.insert("DEPROVISIONED", "User", id, dn, T0.plus(1, ChronoUnit.HOURS));

        assertEquals(0, purger(T0).purgeDue());
        assertEquals(0, purger(T0.plus(59, ChronoUnit.MINUTES)).purgeDue());

        assertNotNull(directory.server().getEntry(dn), "still within its grace period");
        assertEquals(new DeprovisionRows.Row("DEPROVISIONED", null), rows.row(row));
        assertTrue(purges().isEmpty());

        Instant later = T0.plus(2, ChronoUnit.HOURS);
        assertEquals(1, purger(later).purgeDue());

        assertNull(directory.server().getEntry(dn));
        assertEquals(new DeprovisionRows.Row("PURGED", later), rows.row(row));
        JournalEntry purge = purges().get(0);
        assertEquals(1, purges().size());
        assertEquals(Purger.CLIENT, purge.client());
        assertEquals(Outcome.SUCCEEDED, purge.outcome());
        assertEquals("User", purge.resourceType());
        assertEquals(id, purge.resourceId());
        assertEquals(dn, purge.dn());
        assertNull(purge.detail());
        assertEquals("purge-" + row, purge.requestId());
        JsonNode changes = purge.changes();
        assertEquals("ada.byron", changes.at("/uid/before/0").asText());
        assertTrue(changes.at("/uid/after").isEmpty());
        assertEquals("[\"<secret changed>\"]", changes.get("userPassword").get("before").toString());
        assertFalse(purge.toJson().toString().contains(PASSWORD), "the password never reaches the journal");
        assertEquals(1, rows.count("SELECT COUNT(*) FROM journal_entry WHERE origin = 'BRIDGE' AND operation = 'PURGE'"));

        assertEquals(0, purger(later.plus(1, ChronoUnit.DAYS)).purgeDue(), "a purged account is purged once");
        assertEquals(1, purges().size());
    }

    /** Entra deactivates, then deletes: the account has two open rows, and its purge closes both. */
    @Test
    void purgingAnAccountClosesEveryOtherOpenRowOfIt() throws LDAPException {
        String dn = "uid=twice.offboarded," + PEOPLE;
        String id = addUser("twice.offboarded");
        long deactivated = rows.insert("DEPROVISIONED", "User", id, dn, null);
        long deleted = rows.insert("DEPROVISIONED", "User", id, dn, T0);
        String other = addUser("someone.else");
        long untouched = rows.insert("DEPROVISIONED", "User", other, "uid=someone.else," + PEOPLE, null);

        assertEquals(1, purger(T0).purgeDue());

        assertNull(directory.server().getEntry(dn));
        assertEquals(new DeprovisionRows.Row("PURGED", T0), rows.row(deleted));
        assertEquals(new DeprovisionRows.Row("PURGED", T0), rows.row(deactivated));
        assertEquals(new DeprovisionRows.Row("DEPROVISIONED", null), rows.row(untouched));
    }

    @Test
    void aGroupThePurgedAccountWasTheLastMemberOfGetsThePlaceholderBack() throws LDAPException {
        String dn = "uid=last.member," + PEOPLE;
        String id = addUser("last.member");
        String group = "cn=Night Shift,ou=groups,dc=example,dc=com";
        directory.server().add(new Entry(group, new Attribute("objectClass", "top", "groupOfNames"),
                new Attribute("cn", "Night Shift"), new Attribute("member", dn)));
        rows.insert("DEPROVISIONED", "User", id, dn, T0);

        assertEquals(1, purger(T0).purgeDue());

        assertEquals(List.of("cn=empty-group-placeholder,dc=example,dc=com"),
                List.of(directory.server().getEntry(group).getAttributeValues("member")));
        assertEquals("[\"" + group + "\"]", purges().get(0).changes().get("placeholderAddedTo").toString());
    }

    @Test
    void leavesAccountsThatAreHeldNeverToBePurgedOrAlreadyReactivated() throws LDAPException {
        String never = addUser("never.purged");
        String held = addUser("held.back");
        String back = addUser("came.back");
        rows.insert("DEPROVISIONED", "User", never, "uid=never.purged," + PEOPLE, null);
        rows.insert("HELD", "User", held, "uid=held.back," + PEOPLE, T0);
        rows.insert("REACTIVATED", "User", back, "uid=came.back," + PEOPLE, T0);

        assertEquals(0, purger(T0.plus(3650, ChronoUnit.DAYS)).purgeDue());

        assertEquals(3, directory.server().countEntriesBelow(PEOPLE) - 1);
        assertTrue(purges().isEmpty());
    }

    @Test
    void anEntryAlreadyGoneIsRecordedAsSuchAndTheAccountCountsAsPurged() {
        long row = rows.insert("DEPROVISIONED", "User", UUID.randomUUID().toString(), "uid=gone," + PEOPLE, T0);

        assertEquals(1, purger(T0).purgeDue());

        assertEquals("PURGED", rows.row(row).state());
        JournalEntry purge = purges().get(0);
        assertEquals(Outcome.SUCCEEDED, purge.outcome());
        assertEquals("the entry was already gone", purge.detail());
        assertTrue(purge.changes().isEmpty());
    }

    @Test
    void anotherAccountNowAtThatDnIsNotDeleted() throws LDAPException {
        String dn = "uid=reused.name," + PEOPLE;
        addUser("reused.name");
        long row = rows.insert("DEPROVISIONED", "User", UUID.randomUUID().toString(), dn, T0);

        assertEquals(0, purger(T0).purgeDue());

        assertNotNull(directory.server().getEntry(dn));
        assertEquals("DEPROVISIONED", rows.row(row).state());
        assertTrue(purges().isEmpty());
    }

    @Test
    void aRefusedDeleteIsJournaledAsFailedAndTriedAgainAtTheNextRun() throws LDAPException {
        String dn = "uid=has.children," + PEOPLE;
        String id = addUser("has.children");
        String child = "cn=device," + dn;
        directory.server().add(new Entry(child, new Attribute("objectClass", "top", "applicationProcess"),
                new Attribute("cn", "device")));
        long row = rows.insert("DEPROVISIONED", "User", id, dn, T0);

        assertEquals(0, purger(T0).purgeDue());

        assertNotNull(directory.server().getEntry(dn));
        assertEquals(new DeprovisionRows.Row("DEPROVISIONED", null), rows.row(row));
        JournalEntry failed = purges().get(0);
        assertEquals(Outcome.FAILED, failed.outcome());
        assertTrue(failed.detail().contains("NOT_ALLOWED_ON_NONLEAF") || failed.detail().contains("non-leaf"),
                failed.detail());
        assertEquals("has.children", failed.changes().at("/uid/before/0").asText());

        directory.server().delete(child);
        assertEquals(1, purger(T0.plus(5, ChronoUnit.MINUTES)).purgeDue());

        assertNull(directory.server().getEntry(dn));
        assertEquals("PURGED", rows.row(row).state());
        List<JournalEntry> purges = purges();
        assertEquals(List.of(Outcome.SUCCEEDED, Outcome.FAILED), purges.stream().map(JournalEntry::outcome).toList());
    }

    @Test
    void aResourceTypeNoMappingServesIsLeftAlone() throws LDAPException {
        String dn = "uid=odd.type," + PEOPLE;
        String id = addUser("odd.type");
        long row = rows.insert("DEPROVISIONED", "Device", id, dn, T0);

        assertEquals(0, purger(T0).purgeDue());

        assertNotNull(directory.server().getEntry(dn));
        assertEquals("DEPROVISIONED", rows.row(row).state());
    }

    @Test
    void purgesMoreAccountsThanOneBatchHolds() throws LDAPException {
        for (int i = 0; i < 130; i++) {
            String uid = "batch." + i;
            rows.insert("DEPROVISIONED", "User", addUser(uid), "uid=" + uid + "," + PEOPLE, T0.minusSeconds(i));
        }

        assertEquals(130, purger(T0).purgeDue());

        assertEquals(0, directory.server().countEntriesBelow(PEOPLE) - 1);
        assertEquals(130, rows.count("SELECT COUNT(*) FROM deprovision_state WHERE state = 'PURGED'"));
    }

    @Test
    void twoPurgersRunningAtOnceWithoutTheLockStillPurgeEachAccountOnce() throws Exception {
        for (int i = 0; i < 40; i++) {
            String uid = "race." + i;
            rows.insert("DEPROVISIONED", "User", addUser(uid), "uid=" + uid + "," + PEOPLE, T0);
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (JournalDatabase otherPool = JournalDatabase.open(database.settings());
             DirectoryClient otherClient = directory.client(2)) {
            Purger other = new Purger(new DueDeprovisions(otherPool.dataSource()), otherPool.store(), otherClient,
                    Assembly.demoMappings(), Clock.fixed(T0, ZoneOffset.UTC));
            Future<Integer> first = threads.submit(() -> purger(T0).purgeDue());
            Future<Integer> second = threads.submit(other::purgeDue);

            assertEquals(40, first.get() + second.get());
        } finally {
            threads.shutdown();
        }
        List<JournalEntry> purges = purges();
        assertEquals(40, purges.size());
        assertEquals(40, purges.stream().map(JournalEntry::dn).distinct().count());
        assertTrue(purges.stream().allMatch(purge -> purge.outcome() == Outcome.SUCCEEDED && purge.detail() == null),
                "no purge found its entry gone: each was deleted by the purge that claimed it");
    }

    private Purger purger(Instant now) {
        return new Purger(new DueDeprovisions(journal.dataSource()), journal.store(), client, Assembly.demoMappings(),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private String addUser(String uid) throws LDAPException {
        String dn = "uid=" + uid + "," + PEOPLE;
        directory.server().add(new Entry(dn,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                new Attribute("uid", uid), new Attribute("cn", uid), new Attribute("sn", uid),
                new Attribute("userPassword", PASSWORD)));
        return directory.server().getEntry(dn, "entryUUID").getAttributeValue("entryUUID");
    }

    private List<JournalEntry> purges() {
        return journal.store().find(new JournalQuery(100, null, null, Operation.PURGE, null, null));
    }
}

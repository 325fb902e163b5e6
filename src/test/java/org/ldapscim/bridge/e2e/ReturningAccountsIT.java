package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.journal.DeprovisionRecord;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.testsupport.OffboardingBridge;
import org.ldapscim.bridge.testsupport.ScimClient;

/**
 * A POST of an account the bridge offboarded by DELETE, over the in-memory demo directory and a real MariaDB,
 * when the directory has changed since the offboarding: the POST brings the account back or creates it, and is
 * never answered 404.
 */
class ReturningAccountsIT {
    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String PEOPLE = "ou=people,dc=example,dc=com";
    private static final String QUARANTINE = "ou=quarantine,dc=example,dc=com";
    private static InMemoryDirectory directory;
    private static OffboardingBridge bridge;
    private static ScimClient scim;

    @BeforeAll
    static void start() throws Exception {
        directory = InMemoryDirectory.startDemo(0);
        bridge = OffboardingBridge.start("demo", OffboardingScenarios.deprovisionYaml(QUARANTINE,
                "pwdAccountLockedTime"), directory.url(), null, null, Map.of("offboarder", "offboard"));
        scim = bridge.scim("offboarder");
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (directory != null) {
            directory.close();
        }
    }

    /** A group the account was taken out of and that was deleted since has no membership to give back. */
    @Test
    void aGroupDeletedWhileTheAccountWasOffboardedDoesNotStopItsReturn() throws Exception {
        String userName = "grouped." + System.nanoTime() + "@example.com";
        String id = create(userName, null);
        String group = scim.post("/Groups", """
                {"schemas": ["%s"], "displayName": "Leavers %d", "members": [{"value": "%s"}]}"""
                .formatted(GROUP, System.nanoTime(), id)).expect(201).get("id").asText();
        scim.delete("/Users/" + id).expectNoContent();
        scim.delete("/Groups/" + group).expectNoContent();

        JsonNode back = scim.post("/Users", body(userName, null)).expect(201);
        assertEquals(id, back.get("id").asText());
        assertTrue(back.get("active").asBoolean());
        assertEquals(new DN(PEOPLE), dnOf(id).getParent());
        assertUnlocked(id);
    }

    /**
     * A deactivated account is still there for the IdP: a POST sharing only its externalId creates another account,
     * one of its userName is a uniqueness conflict, and neither brings the deactivated account back.
     */
    @Test
    void aPostMatchingADeactivatedAccountIsNoReturn() throws Exception {
        String externalId = "shared-" + System.nanoTime();
        String userName = "paused." + System.nanoTime() + "@example.com";
        String id = create(userName, externalId);
        scim.patch("/Users/" + id, OffboardingScenarios.activeOp(false)).expect(200);

        String other = create("other." + System.nanoTime() + "@example.com", externalId);
        assertNotEquals(id, other);
        assertEquals(409, scim.post("/Users", body(userName, null)).status());

        assertFalse(scim.get("/Users/" + id).expect(200).get("active").asBoolean());
        assertEquals(DeprovisionRecord.DEPROVISIONED, bridge.records().applied("User", id).get(0).state());
    }

    /**
     * An offboarding interrupted after its move and before recording it leaves the record naming the old DN while
     * the entry sits in the quarantine: the returning POST finds it there by its id and moves it back.
     */
    @Test
    void aReturningPostFindsTheEntryInTheQuarantineWhenItsRecordStillNamesTheOldDn() throws Exception {
        String userName = "interrupted." + System.nanoTime() + "@example.com";
        String id = create(userName, null);
        DN before = dnOf(id);
        scim.delete("/Users/" + id).expectNoContent();
        DeprovisionRecord row = bridge.records().applied("User", id).get(0);
        assertEquals(new DN(QUARANTINE), dnOf(id).getParent());
        execute("UPDATE deprovision_state SET dn_now = ?, steps = ?, purge_after = NULL WHERE id = ?",
                before.toString(), "[" + row.steps().get(0) + "," + row.steps().get(1) + "]", row.id());

        assertEquals(id, scim.post("/Users", body(userName, null)).expect(201).get("id").asText());
        assertEquals(before, dnOf(id));
        assertUnlocked(id);
        assertEquals(DeprovisionRecord.REACTIVATED, bridge.records().find(row.id()).state());
    }

    /**
     * A returning POST naming a manager that does not exist is 400 before anything is undone: the account stays
     * locked in the quarantine, out of its group, its offboarding DEPROVISIONED, and the journal has no
     * REACTIVATE; the same POST without the manager brings it back.
     */
    @Test
    void aReturningPostWithAnUnknownManagerLeavesTheAccountOffboarded() throws Exception {
        String userName = "managed." + System.nanoTime() + "@example.com";
        String id = create(userName, null);
        DN before = dnOf(id);
        String group = group(id);
        scim.delete("/Users/" + id).expectNoContent();
        DN quarantined = dnOf(id);
        long row = bridge.records().applied("User", id).get(0).id();

        scim.post("/Users", """
                {"schemas": ["%s", "%s"], "userName": "%s", "name": {"givenName": "Re", "familyName": "Turner"},
                 "%s": {"manager": {"value": "no-such-manager"}}}""".formatted(USER, ENTERPRISE, userName, ENTERPRISE))
                .expectError(400, "invalidValue");
        assertStillOffboarded(id, quarantined, group, row);

        assertEquals(id, scim.post("/Users", body(userName, null)).expect(201).get("id").asText());
        assertEquals(before, dnOf(id));
        assertUnlocked(id);
        assertTrue(members(group).contains(before), members(group).toString());
        assertEquals(DeprovisionRecord.REACTIVATED, bridge.records().find(row).state());
    }

    /** The same for {@code active=true} by PATCH: a PATCH refused is refused before the deactivation is undone. */
    @Test
    void anActiveTruePatchWithAnUnknownManagerLeavesTheAccountDeactivated() throws Exception {
        String id = create("paused.managed." + System.nanoTime() + "@example.com", null);
        DN dn = dnOf(id);
        String group = group(id);
        scim.patch("/Users/" + id, OffboardingScenarios.activeOp(false)).expect(200);
        long row = bridge.records().applied("User", id).get(0).id();

        scim.patch("/Users/" + id, """
                {"schemas": ["%s"], "Operations": [{"op": "replace", "path": "active", "value": true},
                 {"op": "replace", "path": "%s:manager", "value": {"value": "no-such-manager"}}]}"""
                .formatted(OffboardingScenarios.PATCH, ENTERPRISE)).expectError(400, "invalidValue");
        assertStillOffboarded(id, dn, group, row);

        scim.patch("/Users/" + id, OffboardingScenarios.activeOp(true)).expect(200);
        assertUnlocked(id);
        assertTrue(members(group).contains(dn), members(group).toString());
    }

    private static String group(String member) {
        return scim.post("/Groups", """
                {"schemas": ["%s"], "displayName": "Returners %d", "members": [{"value": "%s"}]}"""
                .formatted(GROUP, System.nanoTime(), member)).expect(201).get("id").asText();
    }

    private static void assertStillOffboarded(String id, DN at, String group, long row) throws Exception {
        assertEquals(at, dnOf(id));
        Entry entry = bridge.directory().read(at, "pwdAccountLockedTime");
        assertTrue(entry.getAttributeValue("pwdAccountLockedTime") != null, entry.toLDIFString());
        assertTrue(members(group).stream().noneMatch(member -> member.getRDN().equals(at.getRDN())),
                members(group).toString());
        assertEquals(DeprovisionRecord.DEPROVISIONED, bridge.records().find(row).state());
        List<JournalEntry> journal = bridge.journal().store().find(new JournalQuery(1000, id));
        assertTrue(journal.stream().noneMatch(e -> e.operation() == Operation.REACTIVATE), journal.toString());
    }

    private static List<DN> members(String group) throws Exception {
        var found = bridge.directory().search(new DN("dc=example,dc=com"),
                Filter.createEqualityFilter("entryUUID", group), 2, "member");
        String[] values = found.get(0).getAttributeValues("member");
        List<DN> members = new java.util.ArrayList<>();
        for (String value : values == null ? new String[0] : values) {
            members.add(new DN(value));
        }
        return members;
    }

    /** An offboarded entry deleted in the directory since cannot come back: the POST creates the account anew. */
    @Test
    void aReturningPostOfAnEntryDeletedSinceCreatesANewAccount() throws Exception {
        String userName = "vanished." + System.nanoTime() + "@example.com";
        String id = create(userName, null);
        scim.delete("/Users/" + id).expectNoContent();
        long row = bridge.records().applied("User", id).get(0).id();
        bridge.directory().delete(dnOf(id), null);

        JsonNode created = scim.post("/Users", body(userName, null)).expect(201);
        assertNotEquals(id, created.get("id").asText());
        assertEquals(new DN(PEOPLE), dnOf(created.get("id").asText()).getParent());
        assertEquals(DeprovisionRecord.PURGED, bridge.records().find(row).state());
    }

    /**
     * A DELETE and a returning POST of one user at once, round after round: each is answered (the POST never
     * 404 nor 500), and afterwards every entry of the userName is either active in the people OU with no open
     * offboarding, or locked in the quarantine with its record naming it there and its journal ending in the
     * offboarding's last step.
     */
    @Test
    void concurrentDeletesAndReturningPostsLeaveDirectoryRecordsAndJournalAgreeing() throws Exception {
        String userName = "racing." + System.nanoTime() + "@example.com";
        String id = create(userName, null);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 12; round++) {
                String target = id;
                CountDownLatch go = new CountDownLatch(1);
                Future<Integer> delete = threads.submit(() -> {
                    go.await();
                    return scim.delete("/Users/" + target).status();
                });
                Future<Integer> post = threads.submit(() -> {
                    go.await();
                    return scim.post("/Users", body(userName, null)).status();
                });
                go.countDown();
                int deleted = delete.get();
                int status = post.get();
                assertTrue(List.of(204, 404, 409).contains(deleted), "round " + round + ": DELETE " + deleted);
                assertTrue(status == 201 || status == 409, "round " + round + ": POST " + status);
                String active = null;
                for (var entry : bridge.directory().search(new DN("dc=example,dc=com"),
                        Filter.createEqualityFilter("uid", userName), 0, "entryUUID", "pwdAccountLockedTime")) {
                    String each = entry.getAttributeValue("entryUUID");
                    List<DeprovisionRecord> open = bridge.records().applied("User", each);
                    if (entry.getParsedDN().getParent().equals(new DN(PEOPLE))) {
                        assertEquals(null, entry.getAttributeValue("pwdAccountLockedTime"), "round " + round);
                        assertEquals(List.of(), open, "round " + round);
                        active = each;
                    } else {
                        assertEquals(new DN(QUARANTINE), entry.getParsedDN().getParent(), "round " + round);
                        assertTrue(entry.getAttributeValue("pwdAccountLockedTime") != null, "round " + round);
                        assertEquals(1, open.size(), "round " + round + ": " + open);
                        assertEquals(entry.getParsedDN(), new DN(open.get(0).dnNow()), "round " + round);
                        JournalEntry last = bridge.journal().store().find(new JournalQuery(1, each)).get(0);
                        assertEquals(Operation.DEPROVISION, last.operation(), "round " + round + ": " + last);
                        assertEquals("purgeAfter", last.changes().path("step").asText(), "round " + round);
                    }
                    assertTrue(bridge.journal().store().find(new JournalQuery(1000, each)).stream()
                            .noneMatch(e -> e.outcome() == Outcome.PENDING), "round " + round);
                }
                id = active != null ? active : id;
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void execute(String sql, Object... values) throws Exception {
        try (var connection = bridge.journal().dataSource().getConnection();
             var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private static String create(String userName, String externalId) {
        return scim.post("/Users", body(userName, externalId)).expect(201).get("id").asText();
    }

    private static String body(String userName, String externalId) {
        return """
                {"schemas": ["%s"], "userName": "%s", %s"name": {"givenName": "Re", "familyName": "Turner"},
                 "active": true}""".formatted(USER, userName,
                externalId == null ? "" : "\"externalId\": \"" + externalId + "\", ");
    }

    private static DN dnOf(String id) throws Exception {
        var found = bridge.directory().search(new DN("dc=example,dc=com"), Filter.createEqualityFilter("entryUUID", id),
                2, "1.1");
        assertEquals(1, found.size(), "entry of " + id);
        return found.get(0).getParsedDN();
    }

    private static void assertUnlocked(String id) throws Exception {
        Entry entry = bridge.directory().read(dnOf(id), "pwdAccountLockedTime");
        assertEquals(null, entry.getAttributeValue("pwdAccountLockedTime"), entry.toLDIFString());
    }
}

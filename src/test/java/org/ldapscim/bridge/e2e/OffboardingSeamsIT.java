package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.config.WatchConfig;
import org.ldapscim.bridge.journal.DeprovisionRecord;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Origin;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.service.DirectoryWatcher;
import org.ldapscim.bridge.testsupport.OffboardingBridge;
import org.ldapscim.bridge.testsupport.ScimClient;

/**
 * Where offboarding meets the rest of the bridge, over the in-memory demo directory and a real MariaDB: the
 * directory watcher, concurrent returning creates, and held offboardings the IdP takes back.
 */
class OffboardingSeamsIT {
    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String PEOPLE = "ou=people,dc=example,dc=com";
    private static InMemoryDirectory directory;
    private static OffboardingBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        directory = InMemoryDirectory.startDemo(0);
        bridge = OffboardingBridge.start("demo", OffboardingScenarios.deprovisionYaml("ou=quarantine,dc=example,dc=com",
                "pwdAccountLockedTime"), directory.url(), null, null, Map.of("offboarder", "offboard"));
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

    /**
     * The watcher looks long after the settle time (its clock is ten minutes ahead), so a step without its
     * version would be journaled as the directory's: none is, and an administrator's change still is.
     */
    @Test
    void theWatcherSkipsTheBridgesOwnStepsByTheirVersionsAndSeesAnAdministratorsChange() throws Exception {
        for (WatchConfig.Mechanism mechanism : List.of(WatchConfig.Mechanism.changelog,
                WatchConfig.Mechanism.timestamp)) {
            DirectoryWatcher watcher = bridge.watcher(mechanism, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)));
            watcher.lookOnce();
            ScimClient scim = bridge.scim("offboarder");
            String userName = "watched." + mechanism + "." + System.nanoTime() + "@example.com";
            String id = create(scim, userName);
            watcher.lookOnce();

            scim.delete("/Users/" + id).expectNoContent();
            watcher.lookOnce();
            assertEquals(List.of(), directoryEntries(id), mechanism + ": the offboarding by DELETE");

            assertEquals(id, scim.post("/Users", body(userName)).expect(201).get("id").asText());
            watcher.lookOnce();
            scim.patch("/Users/" + id, OffboardingScenarios.activeOp(false)).expect(200);
            watcher.lookOnce();
            assertEquals(List.of(), directoryEntries(id), mechanism + ": the reactivation and the deactivation");

            bridge.directory().modify(dnOf(id), List.of(new Modification(ModificationType.REPLACE, "description",
                    "changed by an administrator")), false);
            watcher.lookOnce();
            List<JournalEntry> seen = directoryEntries(id);
            assertEquals(1, seen.size(), mechanism + ": " + seen);
            assertEquals(Operation.MODIFY, seen.get(0).operation());
        }
    }

    /**
     * A DELETE under {@code afterDelete: notFound} moves the entry out of the base DNs: the IdP was told it is
     * deleted, so a {@code meta.lastModified gt} answer shows its tombstone, once, from the bridge's own entry;
     * the timestamp watcher, which sees the id vanish, journals no deletion of its own.
     */
    @Test
    void anAccountOffboardedOutOfTheBaseDnsAnswersOneTombstoneAndNoDirectoryDeletion() throws Exception {
        DirectoryWatcher watcher = bridge.watcher(WatchConfig.Mechanism.timestamp,
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)));
        ScimClient scim = bridge.scim("offboarder");
        Instant before = Instant.now().minusSeconds(1);
        String id = create(scim, "tombstoned." + System.nanoTime() + "@example.com");
        watcher.lookOnce();
        scim.delete("/Users/" + id).expectNoContent();
        watcher.lookOnce();
        watcher.lookOnce();

        assertEquals(List.of(), directoryEntries(id));
        JsonNode answer = scim.get("/Users?filter=" + OffboardingScenarios.filter("meta.lastModified gt \"" + before
                + "\"") + "&count=1000").expect(200);
        List<JsonNode> mine = withId(answer, id);
        assertEquals(1, mine.size(), answer.toString());
        assertTrue(mine.get(0).path("urn:ldap-scim-bridge:params:scim:schemas:extension:2.0:Deleted")
                .path("deleted").asBoolean());
    }

    /** An account offboarded and then brought back is listed as itself since then, not also as a tombstone. */
    @Test
    void aReactivatedAccountIsNoTombstone() {
        ScimClient scim = bridge.scim("offboarder");
        Instant before = Instant.now().minusSeconds(1);
        String userName = "back.again." + System.nanoTime() + "@example.com";
        String id = create(scim, userName);
        scim.delete("/Users/" + id).expectNoContent();
        assertEquals(id, scim.post("/Users", body(userName)).expect(201).get("id").asText());

        JsonNode answer = scim.get("/Users?filter=" + OffboardingScenarios.filter("meta.lastModified gt \"" + before
                + "\"") + "&count=1000").expect(200);
        List<JsonNode> mine = withId(answer, id);
        assertEquals(1, mine.size(), answer.toString());
        assertTrue(mine.get(0).path("urn:ldap-scim-bridge:params:scim:schemas:extension:2.0:Deleted").isMissingNode(),
                answer.toString());
        assertEquals(userName, mine.get(0).path("userName").asText());
    }

    /** Returning creates sent at once reactivate the account once: one 201 with its id, the rest 409. */
    @Test
    void concurrentReturningPostsReactivateTheAccountOnce() throws Exception {
        ScimClient scim = bridge.scim("offboarder");
        String userName = "returning." + System.nanoTime() + "@example.com";
        String id = create(scim, userName);
        scim.delete("/Users/" + id).expectNoContent();
        long row = bridge.records().applied("User", id).get(0).id();

        int senders = 6;
        ExecutorService threads = Executors.newFixedThreadPool(senders);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < senders; i++) {
                answers.add(threads.submit((Callable<Integer>) () -> {
                    go.await();
                    return scim.post("/Users", body(userName)).status();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertEquals(1, statuses.stream().filter(status -> status == 201).count(), statuses.toString());
            assertEquals(senders - 1, statuses.stream().filter(status -> status == 409).count(), statuses.toString());
        } finally {
            threads.shutdownNow();
        }
        assertTrue(scim.get("/Users/" + id).expect(200).get("active").asBoolean());
        assertEquals(new DN(PEOPLE), dnOf(id).getParent());
        assertEquals(DeprovisionRecord.REACTIVATED, bridge.records().find(row).state());
        List<JournalEntry> undone = entries(id, Operation.REACTIVATE);
        assertEquals(5, undone.size(), undone.toString());
        assertTrue(undone.stream().allMatch(entry -> entry.outcome() == Outcome.SUCCEEDED), undone.toString());
    }

    /**
     * Offboardings held by the brake that the IdP takes back, by {@code active=true} or by creating the account
     * again, are closed REJECTED, and {@code deprovision approve} refuses them.
     */
    @Test
    void aHeldOffboardingTheIdpTakesBackIsRejectedAndCannotBeApproved() throws Exception {
        String yaml = OffboardingScenarios.deprovisionYaml("ou=quarantine,dc=example,dc=com", "pwdAccountLockedTime")
                .replace("maxDeprovisions: 10", "maxDeprovisions: 1");
        try (OffboardingBridge braked = OffboardingBridge.start("demo", yaml, directory.url(), null, null,
                Map.of("hasty", "offboard"))) {
            ScimClient scim = braked.scim("hasty");
            String first = create(scim, "hasty1." + System.nanoTime() + "@example.com");
            scim.delete("/Users/" + first).expectNoContent();

            String paused = create(scim, "hasty2." + System.nanoTime() + "@example.com");
            scim.patch("/Users/" + paused, OffboardingScenarios.activeOp(false)).expect(200);
            long pausedRow = braked.records().held("User", paused).id();
            scim.patch("/Users/" + paused, OffboardingScenarios.activeOp(true)).expect(200);

            String leaverName = "hasty3." + System.nanoTime() + "@example.com";
            String leaver = create(scim, leaverName);
            scim.delete("/Users/" + leaver).expectNoContent();
            long leaverRow = braked.records().held("User", leaver).id();
            assertEquals(leaver, scim.post("/Users", body(leaverName)).expect(201).get("id").asText());

            for (long row : List.of(pausedRow, leaverRow)) {
                assertEquals(DeprovisionRecord.REJECTED, braked.records().find(row).state());
                assertNotEquals(0, cli("deprovision", "approve", "--config", braked.bridgeYaml().toString(),
                        Long.toString(row)));
                assertEquals(DeprovisionRecord.REJECTED, braked.records().find(row).state());
            }
            assertTrue(scim.get("/Users/" + paused).expect(200).get("active").asBoolean());
            assertTrue(scim.get("/Users/" + leaver).expect(200).get("active").asBoolean());
            List<JournalEntry> dropped = braked.journal().store()
                    .find(new JournalQuery(10, leaver, null, Operation.REACTIVATE, null, null));
            assertEquals(1, dropped.size());
            assertEquals("rejected", dropped.get(0).changes().get("decision").asText());
            assertFalse(braked.records().inState(DeprovisionRecord.HELD, 10).stream()
                    .anyMatch(held -> held.resourceId().equals(paused) || held.resourceId().equals(leaver)));
        }
    }

    /**
     * A bridge killed after moving the entry to the quarantine and before recording it leaves the move's entry
     * PENDING and the record without the move: at start-up the move is confirmed where the entry is and added to
     * the record, so a returning POST moves it back; a step whose intent the directory cannot confirm is UNKNOWN
     * with what to check.
     */
    @Test
    void aPendingOffboardingStepOfAKilledBridgeIsSettledAndItsRecordListsTheMove() throws Exception {
        ScimClient scim = bridge.scim("offboarder");
        String userName = "killed." + System.nanoTime() + "@example.com";
        String id = create(scim, userName);
        DN before = dnOf(id);
        scim.delete("/Users/" + id).expectNoContent();
        DeprovisionRecord row = bridge.records().applied("User", id).get(0);
        List<JournalEntry> steps = new ArrayList<>(entries(id, Operation.DEPROVISION));
        java.util.Collections.reverse(steps);
        JournalEntry disable = steps.get(0);
        JournalEntry move = steps.get(2);
        assertEquals("moveTo", move.changes().path("step").asText());
        String quarantined = move.changes().path("to").asText();

        // As the killed bridge left them: the move sent, its outcome and the steps after it never written.
        execute("DELETE FROM journal_entry WHERE resource_id = ? AND operation = 'DEPROVISION' AND id > ?", id,
                move.id());
        String moveIntent = """
                {"step": "moveTo", "deprovisionId": %d, "dn": {"before": [%s], "after": [%s]}}""".formatted(row.id(),
                new com.fasterxml.jackson.databind.node.TextNode(before.toString()),
                new com.fasterxml.jackson.databind.node.TextNode(quarantined));
        String dead = java.util.UUID.randomUUID().toString();
        execute("UPDATE journal_entry SET outcome = 'PENDING', completed_at = NULL, entry_version = NULL, changes = ?,"
                + " instance_id = ? WHERE id = ?", moveIntent, dead, move.id());
        execute("UPDATE journal_entry SET outcome = 'PENDING', completed_at = NULL, entry_version = NULL, changes = ?,"
                + " instance_id = ? WHERE id = ?", "{\"step\": \"disable\", \"deprovisionId\": " + row.id() + "}",
                dead, disable.id());
        execute("UPDATE deprovision_state SET dn_now = ?, steps = ?, purge_after = NULL WHERE id = ?",
                before.toString(), "[" + row.steps().get(0) + "," + row.steps().get(1) + "]", row.id());

        new org.ldapscim.bridge.service.IntentReconciler(org.ldapscim.bridge.cli.Assembly.demoMappings(),
                bridge.directory(), bridge.journal().store()).reconcile();

        JournalEntry settledMove = byId(move.id());
        assertEquals(Outcome.SUCCEEDED, settledMove.outcome(), settledMove.detail());
        assertTrue(settledMove.detail().startsWith("reconciled at start-up: the entry is at "), settledMove.detail());
        JournalEntry settledDisable = byId(disable.id());
        assertEquals(Outcome.UNKNOWN, settledDisable.outcome());
        assertTrue(settledDisable.detail().contains("offboarding record " + row.id() + " (deprovision_state)"),
                settledDisable.detail());
        DeprovisionRecord repaired = bridge.records().find(row.id());
        assertEquals(new DN(quarantined), new DN(repaired.dnNow()));
        List<String> kinds = new ArrayList<>();
        repaired.steps().forEach(step -> kinds.add(step.path("step").asText()));
        assertEquals(List.of("disable", "stripGroups", "moveTo"), kinds);

        assertEquals(id, scim.post("/Users", body(userName)).expect(201).get("id").asText());
        assertEquals(before, dnOf(id));
        assertEquals(DeprovisionRecord.REACTIVATED, bridge.records().find(row.id()).state());
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

    private static JournalEntry byId(long id) {
        return bridge.journal().store().find(new JournalQuery(10_000, null)).stream().filter(e -> e.id() == id)
                .findFirst().orElseThrow();
    }

    /** The resources of a list answer that carry this id: the entry itself, its tombstone, or both. */
    private static List<JsonNode> withId(JsonNode answer, String id) {
        List<JsonNode> found = new ArrayList<>();
        answer.path("Resources").forEach(resource -> {
            if (resource.path("id").asText().equals(id)) {
                found.add(resource);
            }
        });
        return found;
    }

    private static String create(ScimClient scim, String userName) {
        return scim.post("/Users", body(userName)).expect(201).get("id").asText();
    }

    private static String body(String userName) {
        return """
                {"schemas": ["%s"], "userName": "%s", "name": {"givenName": "Sam", "familyName": "Seam"},
                 "active": true}""".formatted(USER, userName);
    }

    private static DN dnOf(String id) throws Exception {
        var found = bridge.directory().search(new DN("dc=example,dc=com"),
                com.unboundid.ldap.sdk.Filter.createEqualityFilter("entryUUID", id), 2, "1.1");
        assertEquals(1, found.size(), "entry of " + id);
        return found.get(0).getParsedDN();
    }

    private static List<JournalEntry> directoryEntries(String id) {
        return bridge.journal().store().find(new JournalQuery(100, id, null, null, null, null)).stream()
                .filter(entry -> entry.origin() == Origin.DIRECTORY).toList();
    }

    private static List<JournalEntry> entries(String id, Operation operation) {
        return bridge.journal().store().find(new JournalQuery(100, id, null, operation, null, null));
    }

    private static int cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        try (PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            return org.ldapscim.bridge.cli.MainAccess.execute(args);
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
        }
    }
}

package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.cli.Assembly;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.service.IntentReconciler;
import org.ldapscim.bridge.testsupport.LdapConfigs;
import org.ldapscim.bridge.testsupport.PresetBridge;
import org.ldapscim.bridge.testsupport.ScimClient;
import org.ldapscim.bridge.testsupport.TestSecret;

/**
 * The reconciler's verdicts on writes the bridge really made, turned back into the entries a bridge killed
 * mid-write leaves (PENDING, of an instance whose lock is free) or into UNKNOWN ones, with the directory then
 * holding the change, not holding it, or holding something else: SUCCEEDED, FAILED, or UNKNOWN when it cannot tell.
 */
class IntentReconcilerIT {
    private static final String TOKEN = TestSecret.INTENT_RECONCILER_TOKEN.value();
    private static final String PEOPLE = "ou=people,dc=example,dc=com";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    @AutoClose
    private static InMemoryDirectory directory;
    @AutoClose
    private static PresetBridge bridge;
    private static ScimClient scim;
    private static IntentReconciler reconciler;

    @BeforeAll
    static void start() {
        directory = InMemoryDirectory.startDemo(0);
        bridge = PresetBridge.start("demo", LdapConfigs.anonymous(directory.url(), 10_000, 4), TOKEN);
        scim = bridge.scim();
        reconciler = new IntentReconciler(Assembly.demoMappings(), bridge.directory(), bridge.journal().store());
    }

    @Test
    void aCreateTheDirectoryHoldsIsSucceededWithTheIdFound() throws Exception {
        String id = scim.post("/Users", user("o'hara, \"q\"+r@example.com")).expect(201).get("id").asText();
        JournalEntry entry = abandon(newest().id(), Outcome.PENDING, true);
        JournalEntry settled = reconciled(entry);
        assertEquals(Outcome.SUCCEEDED, settled.outcome());
        assertEquals(id, settled.resourceId());
        assertTrue(settled.detail().startsWith("reconciled at start-up: the directory holds the created entry"),
                settled.detail());
    }

    @Test
    void aCreateTheDirectoryLacksIsFailed() throws Exception {
        scim.post("/Users", user("never.landed@example.com")).expect(201);
        JournalEntry entry = abandon(newest().id(), Outcome.PENDING, true);
        directory.server().delete(entry.dn());
        JournalEntry settled = reconciled(entry);
        assertEquals(Outcome.FAILED, settled.outcome());
        assertNull(settled.resourceId());
    }

    @Test
    void aCreateWhoseEntryHoldsOtherValuesCannotBeTold() throws Exception {
        scim.post("/Users", user("changed.since@example.com")).expect(201);
        JournalEntry entry = abandon(newest().id(), Outcome.PENDING, true);
        directory.server().modify(entry.dn(), new Modification(ModificationType.REPLACE, "sn", "Someone Else"));
        JournalEntry settled = reconciled(entry);
        assertEquals(Outcome.UNKNOWN, settled.outcome());
        assertTrue(settled.detail().contains("cannot tell"), settled.detail());
    }

    @Test
    void aModifyIsSucceededWhenTheDirectoryHoldsItAndFailedWhenItHoldsTheValuesBefore() throws Exception {
        String id = created("retitled@example.com");
        scim.patch("/Users/" + id, replace("title", "New Title")).expect(200);
        JournalEntry applied = abandon(newest().id(), Outcome.PENDING, false);
        assertEquals(Outcome.SUCCEEDED, reconciled(applied).outcome());

        scim.patch("/Users/" + id, replace("title", "Newer Title")).expect(200);
        JournalEntry notApplied = abandon(newest().id(), Outcome.UNKNOWN, false);
        directory.server().modify(notApplied.dn(), new Modification(ModificationType.REPLACE, "title", "New Title"));
        JournalEntry settled = reconciled(notApplied);
        assertEquals(Outcome.FAILED, settled.outcome(), "an UNKNOWN write is settled too");
        assertEquals("reconciled at start-up: the directory does not hold the change", settled.detail());

        scim.patch("/Users/" + id, replace("title", "Newest Title")).expect(200);
        JournalEntry overwritten = abandon(newest().id(), Outcome.PENDING, false);
        directory.server().modify(overwritten.dn(), new Modification(ModificationType.REPLACE, "title", "Third"));
        assertEquals(Outcome.UNKNOWN, reconciled(overwritten).outcome(),
                "neither the values before nor after: someone changed it since");
    }

    @Test
    void aRenameIsToldByTheDnTheEntryHasNow() throws Exception {
        String id = created("before.rename@example.com");
        scim.patch("/Users/" + id, replace("userName", "after.rename@example.com")).expect(200);
        JournalEntry renamed = abandon(newest().id(), Outcome.PENDING, false);
        assertEquals(Outcome.SUCCEEDED, reconciled(renamed).outcome());

        scim.patch("/Users/" + id, replace("userName", "again.rename@example.com")).expect(200);
        JournalEntry undone = abandon(newest().id(), Outcome.PENDING, false);
        directory.server().modifyDN("uid=again.rename@example.com," + PEOPLE, "uid=after.rename@example.com", true);
        assertEquals(Outcome.FAILED, reconciled(undone).outcome());
    }

    @Test
    void aPasswordChangeAloneCannotBeTold() throws Exception {
        String id = created("password.only@example.com");
        scim.patch("/Users/" + id, replace("password", "Hidden-Value-9")).expect(200);
        JournalEntry entry = abandon(newest().id(), Outcome.PENDING, false);
        JournalEntry settled = reconciled(entry);
        assertEquals(Outcome.UNKNOWN, settled.outcome());
        assertTrue(!settled.toJson().toString().contains("Hidden-Value-9"), settled.toJson().toString());
    }

    @Test
    void aMemberAddedIsToldByTheMember() throws Exception {
        String member = created("member.added@example.com");
        String group = scim.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Reconciled Group"}""")
                .expect(201).get("id").asText();
        scim.patch("/Groups/" + group, """
                {"schemas":["%s"],"Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}"""
                .formatted(PATCH, member)).expect(200);
        JournalEntry added = abandon(newest().id(), Outcome.PENDING, false);
        assertEquals(Outcome.SUCCEEDED, reconciled(added).outcome());

        JournalEntry again = abandon(added.id(), Outcome.PENDING, false);
        directory.server().modify(again.dn(), new Modification(ModificationType.REPLACE, "member",
                "cn=empty-group-placeholder,dc=example,dc=com"));
        assertEquals(Outcome.FAILED, reconciled(again).outcome());
    }

    @Test
    void aDeleteIsToldByWhetherTheEntryIsThere() throws Exception {
        String id = created("deleted.user@example.com");
        JsonNode resource = scim.get("/Users/" + id).expect(200);
        scim.delete("/Users/" + id).expectNoContent();
        JournalEntry deleted = abandon(newest().id(), Outcome.PENDING, false);
        assertEquals(Outcome.SUCCEEDED, reconciled(deleted).outcome());

        String kept = created("kept.user@example.com");
        scim.delete("/Users/" + kept).expectNoContent();
        JournalEntry notDeleted = abandon(newest().id(), Outcome.PENDING, false);
        directory.server().add("dn: " + notDeleted.dn(), "objectClass: inetOrgPerson", "uid: kept.user@example.com",
                "cn: kept", "sn: kept", "entryUUID: " + kept);
        assertEquals(Outcome.FAILED, reconciled(notDeleted).outcome(), resource.toString());
    }

    @Test
    void aWriteInFlightInThisBridgeIsLeftAlone() throws Exception {
        created("in.flight.here@example.com");
        JournalEntry entry = newest();
        execute("UPDATE journal_entry SET outcome = 'PENDING', completed_at = NULL, instance_id = ? WHERE id = ?",
                bridge.journal().instanceId(), entry.id());
        reconciler.reconcile();
        assertEquals(Outcome.PENDING, byId(entry.id()).outcome());
        execute("UPDATE journal_entry SET outcome = 'SUCCEEDED' WHERE id = ?", entry.id());
    }

    /** Runs the reconciler and answers the entry as it left it. */
    private static JournalEntry reconciled(JournalEntry entry) {
        reconciler.reconcile();
        return byId(entry.id());
    }

    /**
     * Makes a completed entry look as a bridge killed mid-write leaves it: {@code outcome} (PENDING, of an instance
     * no process holds the lock of, or UNKNOWN), no detail, and for a create no id yet.
     */
    private static JournalEntry abandon(long id, Outcome outcome, boolean forgetId) throws SQLException {
        execute("UPDATE journal_entry SET outcome = ?, completed_at = NULL, detail = NULL, instance_id = ?"
                + (forgetId ? ", resource_id = NULL" : "") + " WHERE id = ?", outcome.name(),
                UUID.randomUUID().toString(), id);
        return byId(id);
    }

    private static void execute(String sql, Object... values) throws SQLException {
        try (Connection connection = bridge.journal().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private static JournalEntry newest() {
        return bridge.journal().store().find(new JournalQuery(1, null)).get(0);
    }

    private static JournalEntry byId(long id) {
        return bridge.journal().store().find(new JournalQuery(1000, null)).stream().filter(e -> e.id() == id)
                .findFirst().orElseThrow();
    }

    private static String created(String userName) {
        return scim.post("/Users", user(userName)).expect(201).get("id").asText();
    }

    private static String user(String userName) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":%s,\
                "name":{"familyName":"Reconciled"},"title":"First"}""".formatted(
                        new com.fasterxml.jackson.databind.node.TextNode(userName).toString());
    }

    private static String replace(String path, String value) {
        return """
                {"schemas":["%s"],"Operations":[{"op":"replace","path":"%s","value":"%s"}]}"""
                .formatted(PATCH, path, value);
    }
}

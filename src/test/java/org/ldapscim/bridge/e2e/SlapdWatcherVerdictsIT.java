package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.config.WatchConfig;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalIntent;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.service.DirectoryWatcher;
import org.ldapscim.bridge.testsupport.OpenLdapServer;
import org.ldapscim.bridge.testsupport.PresetBridge;

/**
 * How the timestamp watcher tells the bridge's own writes from the directory's changes, against a real slapd (with
 * its memberof overlay) and a real MariaDB: an entry the bridge created and that changed before the watcher looked
 * is a MODIFY, not a CREATE, and a version any journal entry of the resource holds is the bridge's own.
 */
class SlapdWatcherVerdictsIT {
    @RegisterExtension
    static final OpenLdapServer slapd = new OpenLdapServer(2);
    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private static PresetBridge bridge;

    @BeforeAll
    static void startBridge() {
        bridge = PresetBridge.start("openldap", slapd.ldapConfig(2), "slapd-verdicts-token-8c31d07a5e92");
    }

    @AfterAll
    static void stopBridge() {
        bridge.close();
    }

    @Test
    void entriesTheBridgeCreatedAndThatChangedSinceAreJournaledAsModified() throws Exception {
        DirectoryWatcher watcher = bridge.watcher(WatchConfig.Mechanism.timestamp);
        watcher.lookOnce();
        Thread.sleep(1100);

        String edited = createUser("edited" + System.nanoTime());
        slapd.ldapmodify("dn: " + bridge.directory().search(new com.unboundid.ldap.sdk.DN(OpenLdapServer.PEOPLE),
                com.unboundid.ldap.sdk.Filter.createEqualityFilter("entryUUID", edited), 2, "1.1").get(0).getDN()
                + "\nchangetype: modify\nreplace: title\ntitle: Set by ldapmodify\n");
        String member = createUser("member" + System.nanoTime());
        String group = bridge.scim().post("/Groups", """
                {"schemas": ["%s"], "displayName": "Verdicts %d"}""".formatted(GROUP, System.nanoTime()))
                .expect(201).get("id").asText();
        int added = bridge.scim().patch("/Groups/" + group, """
                {"schemas": ["%s"], "Operations": [{"op": "add", "path": "members", "value": [{"value": "%s"}]}]}"""
                .formatted(PATCH, member)).status();
        assertTrue(added == 200 || added == 204, "the group PATCH: " + added);

        watcher.lookOnce();
        JournalEntry byTool = bridge.onlyDirectoryEntry(edited);
        assertEquals(Operation.MODIFY, byTool.operation(), byTool.toString());
        assertEquals("Set by ldapmodify", byTool.changes().get("title").get("after").get(0).asText());
        List<JournalEntry> byOverlay = bridge.directoryEntries(member);
        assertEquals(1, byOverlay.size(), "memberof's change of the member: " + byOverlay);
        assertEquals(Operation.MODIFY, byOverlay.get(0).operation(), byOverlay.toString());
        assertEquals(List.of(), bridge.directoryEntries(group), "the group's own writes are the bridge's");
    }

    /**
     * A later entry of the resource without a version (an offboarding decision, say) is the latest one then; the
     * version the bridge's PATCH recorded before it still makes the entry's state the bridge's own.
     */
    @Test
    void aVersionAnEarlierBridgeEntryHoldsIsTheBridgesOwn() throws Exception {
        DirectoryWatcher watcher = bridge.watcher(WatchConfig.Mechanism.timestamp,
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)));
        watcher.lookOnce();
        Thread.sleep(1100);
        String id = createUser("patched" + System.nanoTime());
        watcher.lookOnce();
        Thread.sleep(1100);

        var patched = bridge.scim().patch("/Users/" + id, """
                {"schemas": ["%s"], "Operations": [{"op": "replace", "path": "title", "value": "Set by SCIM"}]}"""
                .formatted(PATCH)).expect(200);
        String dn = bridge.journal().store().latestFor("User", id, null).orElseThrow().dn();
        long decision = bridge.journal().store().begin(new JournalIntent("decision-" + System.nanoTime(), "scim",
                "generic", Operation.REACTIVATE, "User", id, dn, JsonNodeFactory.instance.objectNode(), null, null));
        bridge.journal().store().complete(decision, Outcome.SUCCEEDED, id, dn,
                JsonNodeFactory.instance.objectNode().put("decision", "rejected"), null);
        assertTrue(patched.path("meta").path("version").isTextual());

        watcher.lookOnce();
        assertEquals(List.of(), bridge.directoryEntries(id));
    }

    private static String createUser(String uid) {
        return bridge.scim().post("/Users", """
                {"schemas": ["%s"], "userName": "%s", "name": {"givenName": "Ver", "familyName": "Dict"}}"""
                .formatted(USER, uid)).expect(201).get("id").asText();
    }

}

package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.config.WatchConfig;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.scim.ScimUrns;
import org.ldapscim.bridge.service.DirectoryWatcher;
import org.ldapscim.bridge.testsupport.OpenLdapServer;
import org.ldapscim.bridge.testsupport.PresetBridge;

/**
 * Against a real slapd, which keeps no change log: the watcher finds changes by modifyTimestamp and deletions by ids
 * that vanished since its previous look. Changes made with UnboundID as slapd's administrator and with
 * {@code ldapmodify} reach the journal as DIRECTORY and a {@code meta.lastModified gt} filter; the bridge's own
 * PATCH, which changes entryCSN (the preset's version), is journaled once.
 */
class SlapdWatcherIT {
    @RegisterExtension
    static final OpenLdapServer slapd = new OpenLdapServer(6);
    private static final String PEOPLE = OpenLdapServer.PEOPLE;

    private static PresetBridge bridge;

    @BeforeAll
    static void startBridge() {
        bridge = PresetBridge.start("openldap", slapd.ldapConfig(2), "slapd-watcher-token-5b2e91c07d4a");
    }

    @AfterAll
    static void stopBridge() {
        bridge.close();
    }

    @Test
    void changesMadeWithLdapToolsAreJournaledAsDirectorySide() throws Exception {
        DirectoryWatcher watcher = bridge.watcher(WatchConfig.Mechanism.auto);
        assertEquals("TIMESTAMP", watcher.mechanism());
        assertEquals(0, watcher.lookOnce());
        Instant before = Instant.now();
        // modifyTimestamp counts whole seconds: the changes below happen in a later one.
        Thread.sleep(1100);

        try (LDAPConnection admin = slapd.connect()) {
            admin.modify("uid=seed0001," + PEOPLE, new Modification(ModificationType.REPLACE, "title", "Set by admin"));
            admin.add("dn: uid=outsider," + PEOPLE, "objectClass: inetOrgPerson", "objectClass: scimBridgeAux",
                    "uid: outsider", "cn: Out Sider", "sn: Sider", "mail: outsider@example.com");
            admin.delete("uid=seed0002," + PEOPLE);
        }
        slapd.ldapmodify("dn: uid=seed0003," + PEOPLE
                + "\nchangetype: modify\nreplace: title\ntitle: Set by ldapmodify\n");
        String patched = OpenLdapServer.seededId("seed0004");
        bridge.scim().patch("/Users/" + patched, """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "replace", "path": "title", "value": "Set by SCIM"}]}""").expect(200);

        assertEquals(4, watcher.lookOnce());
        JournalEntry byAdmin = bridge.onlyDirectoryEntry(OpenLdapServer.seededId("seed0001"));
        assertEquals(Operation.MODIFY, byAdmin.operation());
        assertEquals("Set by admin", byAdmin.changes().get("title").get("after").get(0).asText());
        assertEquals(slapd.bindDn(), byAdmin.client(), "slapd's modifiersName names who made the change");
        JournalEntry byTool = bridge.onlyDirectoryEntry(OpenLdapServer.seededId("seed0003"));
        assertEquals("Set by ldapmodify", byTool.changes().get("title").get("after").get(0).asText());
        String outsider = slapd.entry("uid=outsider," + PEOPLE).getAttributeValue("entryUUID");
        assertEquals(Operation.CREATE, bridge.onlyDirectoryEntry(outsider).operation());
        String deleted = OpenLdapServer.seededId("seed0002");
        assertEquals(Operation.DELETE, bridge.onlyDirectoryEntry(deleted).operation());
        assertTrue(bridge.directoryEntries(patched).isEmpty(), "the bridge's PATCH is journaled once, by the bridge");
        assertEquals(0, watcher.lookOnce(), "the changes of the same second are not found twice");

        JsonNode since = bridge.scim().get("/Users?filter=" + URLEncoder.encode(
                "meta.lastModified gt \"" + before + "\"", StandardCharsets.UTF_8)).expect(200);
        List<String> ids = new ArrayList<>();
        since.get("Resources").forEach(resource -> ids.add(resource.get("id").asText()));
        assertEquals(List.of(OpenLdapServer.seededId("seed0001"), OpenLdapServer.seededId("seed0003"), patched,
                outsider, deleted).stream().sorted().toList(), ids.stream().sorted().toList());
        assertEquals(5, since.get("totalResults").asInt());
        JsonNode tombstone = since.get("Resources").get(4);
        assertEquals(deleted, tombstone.get("id").asText(), "tombstones come after the directory's matches");
        assertTrue(tombstone.get(ScimUrns.DELETED_EXTENSION).get("deleted").asBoolean());
    }

}

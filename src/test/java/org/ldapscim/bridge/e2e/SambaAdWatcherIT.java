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
import org.ldapscim.bridge.service.DirectoryWatcher;
import org.ldapscim.bridge.testsupport.LdapConfigs;
import org.ldapscim.bridge.testsupport.PresetBridge;
import org.ldapscim.bridge.testsupport.SambaAdServer;
import org.ldapscim.bridge.testsupport.TestSecret;

/**
 * Against Samba's Active Directory: the watcher finds changes by uSNChanged and deletions in the Deleted Objects
 * container with the Show Deleted control, by the tombstone's objectGUID and lastKnownParent. Changes the domain
 * administrator makes with UnboundID reach the journal as DIRECTORY; the bridge's own create and PATCH once.
 */
class SambaAdWatcherIT {
    @RegisterExtension
    static final SambaAdServer samba = new SambaAdServer();
    private static final String TOKEN = TestSecret.SAMBA_WATCHER_TOKEN.value();
    private static final String OUTSIDER = "CN=watch-outsider," + SambaAdServer.USERS;
    private static final String DOOMED = "CN=watch-doomed," + SambaAdServer.USERS;

    private static PresetBridge bridge;

    @BeforeAll
    static void startBridge() throws Exception {
        try (LDAPConnection admin = samba.connect()) {
            for (String dn : List.of(OUTSIDER, DOOMED)) {
                if (admin.getEntry(dn) != null) {
                    admin.delete(dn);
                }
            }
        }
        bridge = PresetBridge.start("active-directory", LdapConfigs.of(samba.ldapsUrl(), samba.bindDn(),
                samba.bindPassword(), 2, samba.tls(false), null), TOKEN);
    }

    @AfterAll
    static void stopBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void changesAndDeletionsMadeByTheAdministratorAreJournaledAsDirectorySide() throws Exception {
        String existing = bridge.scim().get("/Users?filter=" + encode("userName eq \"watch-bridge@example.test\""))
                .expect(200).path("Resources").path(0).path("id").asText(null);
        if (existing != null) {
            bridge.scim().delete("/Users/" + existing).expectNoContent();
        }
        DirectoryWatcher watcher = bridge.watcher(WatchConfig.Mechanism.auto);
        assertEquals("USN", watcher.mechanism());
        watcher.lookOnce();
        Instant before = Instant.now().minusSeconds(1);

        try (LDAPConnection admin = samba.connect()) {
            for (String dn : List.of(OUTSIDER, DOOMED)) {
                String name = dn.substring(3, dn.indexOf(','));
                admin.add("dn: " + dn, "objectClass: user", "sAMAccountName: " + name,
                        "userPrincipalName: " + name + "@example.test", "displayName: " + name);
            }
            admin.modify(OUTSIDER, new Modification(ModificationType.REPLACE, "title", "Set in ADUC"));
        }
        String doomed = microsoftGuid(samba.entry(DOOMED, "objectGUID").getAttributeValueBytes("objectGUID"));
        String outsider = microsoftGuid(samba.entry(OUTSIDER, "objectGUID").getAttributeValueBytes("objectGUID"));
        try (LDAPConnection admin = samba.connect()) {
            admin.delete(DOOMED);
        }
        String created = bridge.scim().post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"watch-bridge@example.test",
                 "displayName":"watch-bridge","name":{"givenName":"Watch","familyName":"Bridge"}}""")
                .expect(201).get("id").asText();
        bridge.scim().patch("/Users/" + created, """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "replace", "path": "title", "value": "Set by SCIM"}]}""").expect(200);

        watcher.lookOnce();
        JournalEntry seen = bridge.onlyDirectoryEntry(outsider);
        assertEquals(Operation.CREATE, seen.operation(), "created and changed between two looks: one observation");
        assertEquals("Set in ADUC", seen.changes().get("title").get("after").get(0).asText());
        JournalEntry deletion = bridge.directoryEntries(doomed).get(0);
        assertEquals(Operation.DELETE, deletion.operation());
        assertTrue(deletion.detail().contains(SambaAdServer.USERS), deletion.detail());
        assertTrue(bridge.directoryEntries(created).isEmpty(), "the bridge's create and PATCH are journaled once");
        watcher.lookOnce();
        assertEquals(1, bridge.directoryEntries(outsider).size());

        JsonNode since = bridge.scim().get("/Users?filter=" + encode("meta.lastModified gt \"" + before + "\""))
                .expect(200);
        List<String> ids = new ArrayList<>();
        since.get("Resources").forEach(resource -> ids.add(resource.get("id").asText()));
        assertTrue(ids.containsAll(List.of(outsider, created, doomed)), ids.toString());
        bridge.scim().delete("/Users/" + created).expectNoContent();
        try (LDAPConnection admin = samba.connect()) {
            admin.delete(OUTSIDER);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String microsoftGuid(byte[] raw) {
        String hex = java.util.HexFormat.of().formatHex(raw);
        return hex.substring(6, 8) + hex.substring(4, 6) + hex.substring(2, 4) + hex.substring(0, 2) + "-"
                + hex.substring(10, 12) + hex.substring(8, 10) + "-" + hex.substring(14, 16) + hex.substring(12, 14)
                + "-" + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}

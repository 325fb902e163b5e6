package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import java.net.URLEncoder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.auth.TokenHash;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ClientScopeConfig;
import org.ldapscim.bridge.config.ClientScopeConfig.Access;
import org.ldapscim.bridge.config.WatchConfig;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.scim.ScimUrns;
import org.ldapscim.bridge.service.DirectoryWatcher;
import org.ldapscim.bridge.testsupport.OpenLdapServer;
import org.ldapscim.bridge.testsupport.PresetBridge;
import org.ldapscim.bridge.testsupport.ScimClient;
import org.ldapscim.bridge.testsupport.TestSecret;

/**
 * A deletion made with LDAP tools on a real slapd, which the timestamp watcher finds by an id gone since its previous
 * look, reaches the {@code meta.lastModified gt} tombstones of a client scoped to the base DN the entry was in, and
 * of no client scoped elsewhere.
 */
class SlapdScopedTombstonesIT {
    @RegisterExtension
    static final OpenLdapServer slapd = new OpenLdapServer(2);
    private static final String ENG = "ou=eng," + OpenLdapServer.PEOPLE;
    private static final String SALES = "ou=sales," + OpenLdapServer.PEOPLE;
    private static final String GONE = "uid=gone.eng," + ENG;
    private static final String TOKEN_ENG = TestSecret.SCOPES_TENANT_A_TOKEN.value();
    private static final String TOKEN_SALES = TestSecret.SCOPES_TENANT_B_TOKEN.value();

    private static PresetBridge bridge;

    @BeforeAll
    static void startBridge() throws Exception {
        try (LDAPConnection admin = slapd.connect()) {
            for (String ou : List.of(ENG, SALES)) {
                admin.add("dn: " + ou, "objectClass: organizationalUnit", "ou: " + ou.substring(3, ou.indexOf(',')));
            }
        }
        bridge = PresetBridge.withClients("openldap", slapd.ldapConfig(2), TestSecret.SLAPD_WATCHER_TOKEN.value(),
                scoped("eng", TOKEN_ENG, ENG), scoped("sales", TOKEN_SALES, SALES));
    }

    @AfterAll
    static void stopBridge() {
        bridge.close();
    }

    private static ClientConfig scoped(String name, String token, String people) {
        return new ClientConfig(name, List.of(TokenHash.of(token)), "lenient", null, null, null, null, null,
                Map.of("User", new ClientScopeConfig(Access.write, List.of(people), null)));
    }

    @Test
    void aDeletionMadeWithLdapToolsReachesTheClientScopedWhereTheEntryWas() throws Exception {
        DirectoryWatcher watcher = bridge.watcher(WatchConfig.Mechanism.auto);
        assertEquals("TIMESTAMP", watcher.mechanism());
        watcher.lookOnce();
        Instant before = Instant.now();
        // modifyTimestamp counts whole seconds: the changes below happen in a later one.
        Thread.sleep(1100);

        try (LDAPConnection admin = slapd.connect()) {
            admin.add("dn: " + GONE, "objectClass: inetOrgPerson", "objectClass: scimBridgeAux", "uid: gone.eng",
                    "cn: Gone Eng", "sn: Eng", "mail: gone.eng@example.com");
        }
        String id = slapd.entry(GONE).getAttributeValue("entryUUID");
        assertEquals(1, watcher.lookOnce());
        assertEquals(Operation.CREATE, bridge.onlyDirectoryEntry(id).operation());
        try (LDAPConnection admin = slapd.connect()) {
            admin.delete(GONE);
        }
        assertEquals(1, watcher.lookOnce());
        List<JournalEntry> rows = bridge.directoryEntries(id);
        JournalEntry deletion = rows.stream().filter(row -> row.operation() == Operation.DELETE).findFirst()
                .orElseThrow(() -> new AssertionError(rows.toString()));
        assertEquals(new DN(GONE), new DN(deletion.dn()), "the deletion names the DN the previous look saw");

        String since = "/Users?filter=" + URLEncoder.encode("meta.lastModified gt \"" + before + "\"",
                StandardCharsets.UTF_8);
        assertTrue(tombstoneIds(bridge.scim(), since).contains(id), "an unscoped client sees the deletion");
        assertEquals(List.of(id), tombstoneIds(bridge.client(TOKEN_ENG), since), "the client the entry was within");
        assertFalse(tombstoneIds(bridge.client(TOKEN_SALES), since).contains(id), "a client scoped elsewhere");

        // A deletion journaled without its DN, as the watcher once did: the entry's earlier rows place it.
        try (Connection connection = bridge.journal().dataSource().getConnection();
             PreparedStatement forget = connection.prepareStatement("UPDATE journal_entry SET dn = NULL WHERE id = ?")) {
            forget.setLong(1, deletion.id());
            assertEquals(1, forget.executeUpdate());
        }
        assertEquals(List.of(id), tombstoneIds(bridge.client(TOKEN_ENG), since), "placed by the journaled creation");
        assertFalse(tombstoneIds(bridge.client(TOKEN_SALES), since).contains(id), "still not elsewhere");
    }

    private static List<String> tombstoneIds(ScimClient client, String path) {
        JsonNode list = client.get(path).expect(200);
        List<String> ids = new ArrayList<>();
        list.get("Resources").forEach(resource -> {
            if (resource.has(ScimUrns.DELETED_EXTENSION)) {
                ids.add(resource.get("id").asText());
            }
        });
        return ids;
    }
}

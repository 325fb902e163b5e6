package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.controls.SortKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.DirectoryConnector;
import org.ldapscim.bridge.ldap.SearchWindow;
import org.ldapscim.bridge.testsupport.OpenLdapServer;
import org.ldapscim.bridge.testsupport.PresetBridge;
import org.ldapscim.bridge.testsupport.ScriptedDirectoryServer;
import org.ldapscim.bridge.testsupport.TestSecret;

/**
 * Windows of a sorted result set (server-side sort and virtual list view) read from a real slapd, whose sssvlv
 * overlay keeps a window's sorted list on its connection until that connection closes, and answers busy once a
 * connection holds {@code olcSssVlvMaxPerConn} of them or all connections {@code olcSssVlvMax}. slapd answers an
 * offset past the end with virtualListViewError (76), which the bridge gives as an empty page.
 */
class SlapdSortedWindowsIT {
    @RegisterExtension
    static final OpenLdapServer slapd = new OpenLdapServer(120);

    private static final DN PEOPLE = dn(ScriptedDirectoryServer.PEOPLE);
    private static final SortKey[] BY_UID = {new SortKey("uid")};
    private static final Filter PERSONS = Filter.createEqualityFilter("objectClass", "inetOrgPerson");
    private static final int USERS = 120;
    private static final int GROUPS = 3;

    private static PresetBridge bridge;

    @BeforeAll
    static void startBridge() {
        bridge = PresetBridge.start("openldap", slapd.ldapConfig(2), TestSecret.SLAPD_WINDOWS_TOKEN.value());
        for (int group = 1; group <= GROUPS; group++) {
            bridge.scim().post("/Groups", """
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "window-%d"}"""
                    .formatted(group)).expect(201);
        }
    }

    @AfterAll
    static void stopBridge() {
        bridge.close();
    }

    @Test
    void aWindowPastTheEndIsEmptyWithTheCount() throws Exception {
        try (DirectoryClient directory = DirectoryConnector.connect(slapd.ldapConfig(1))) {
            for (int offset : new int[] {USERS + 1, USERS + 2, 10_000}) {
                SearchWindow window = directory.window(PEOPLE, PERSONS, BY_UID, offset, 5, "uid");
                assertEquals(USERS, window.contentCount(), "offset " + offset);
                assertTrue(window.entries().isEmpty(), "offset " + offset);
            }
            SearchWindow last = directory.window(PEOPLE, PERSONS, BY_UID, USERS, 5, "uid");
            assertEquals(List.of("seed0120"), last.entries().stream().map(e -> e.getAttributeValue("uid")).toList());
            Filter few = Filter.createANDFilter(PERSONS, Filter.createSubstringFilter("uid", "seed000", null, null));
            SearchWindow past = directory.window(PEOPLE, few, BY_UID, 10, 5, "uid");
            assertEquals(9, past.contentCount());
            assertTrue(past.entries().isEmpty());
        }
    }

    @Test
    void aStartIndexPastTheEndGivesAnEmptyPage() {
        assertEmptyPage(bridge.scim().get("/Users?startIndex=" + (USERS + 1)).expect(200), USERS, USERS + 1);
        assertEmptyPage(bridge.scim().get("/Users?startIndex=500&count=10").expect(200), USERS, 500);
        assertEmptyPage(bridge.scim().get("/Groups?startIndex=50").expect(200), GROUPS, 50);
        assertEmptyPage(bridge.scim().get("/Groups?startIndex=" + (GROUPS + 1)).expect(200), GROUPS, GROUPS + 1);
        String filter = URLEncoder.encode("userName sw \"seed000\"", StandardCharsets.UTF_8);
        assertEmptyPage(bridge.scim().get("/Users?filter=" + filter + "&startIndex=10").expect(200), 9, 10);
        assertEmptyPage(bridge.scim().get("/Users?filter=" + filter + "&startIndex=50&sortBy=userName").expect(200),
                9, 50);
        assertEmptyPage(bridge.scim().get("/?startIndex=1000").expect(200), USERS + GROUPS, 1000);
        assertEmptyPage(bridge.scim().post("/.search", """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "startIndex": 1000}""")
                .expect(200), USERS + GROUPS, 1000);
        JsonNode last = bridge.scim().get("/Users?filter=" + filter + "&startIndex=9").expect(200);
        assertEquals(1, last.get("Resources").size());
    }

    private static void assertEmptyPage(JsonNode page, int total, int startIndex) {
        assertEquals(total, page.get("totalResults").asInt(), page.toString());
        assertEquals(startIndex, page.get("startIndex").asInt(), page.toString());
        assertTrue(page.path("Resources").isEmpty(), page.toString());
    }

    @Test
    void manyWindowsOnOneConnectionAreAllServed() throws Exception {
        try (DirectoryClient directory = DirectoryConnector.connect(slapd.ldapConfig(1))) {
            for (int read = 0; read < 100; read++) {
                SearchWindow window = directory.window(PEOPLE, PERSONS, BY_UID, 1 + read, 5, "uid");
                assertEquals(120, window.contentCount());
                assertEquals(5, window.entries().size());
                assertEquals(ScriptedDirectoryServer.PEOPLE, window.entries().get(0).getParentDNString());
            }
        }
    }

    @Test
    void concurrentWindowsOverASmallPoolAreAllServedInOrder() throws Exception {
        try (DirectoryClient directory = DirectoryConnector.connect(slapd.ldapConfig(3))) {
            ExecutorService readers = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<String>>> reads = new ArrayList<>();
                for (int read = 0; read < 200; read++) {
                    int offset = 1 + read % 100;
                    reads.add(readers.submit(() -> directory.window(PEOPLE, PERSONS, BY_UID, offset, 10, "uid")
                            .entries().stream().map(e -> e.getAttributeValue("uid")).toList()));
                }
                for (Future<List<String>> read : reads) {
                    List<String> uids = read.get();
                    assertEquals(10, uids.size());
                    for (int i = 1; i < uids.size(); i++) {
                        assertTrue(uids.get(i - 1).compareTo(uids.get(i)) < 0, uids.toString());
                    }
                }
            } finally {
                readers.shutdownNow();
            }
        }
    }

    private static DN dn(String text) {
        try {
            return new DN(text);
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new IllegalStateException(e);
        }
    }
}

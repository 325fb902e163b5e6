package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Offboarding moves an account out of its tenant's base DN into the shared quarantine: its tombstone still shows
 * to that tenant alone, and a POST of the same userName by the other tenant creates a new account in its own base
 * instead of bringing back the first tenant's. The first account comes back only once the userName is free again.
 */
class ClientScopesOffboardingIT {
    private static final String A_PEOPLE = "ou=a,ou=people,dc=example,dc=com";
    private static final String B_PEOPLE = "ou=b,ou=people,dc=example,dc=com";
    private static final String SALES = "ou=sales,ou=people,dc=example,dc=com";
    private static final String PATCH = OffboardingScenarios.PATCH;
    private static final String GROUP = OffboardingScenarios.GROUP;
    private static final String QUARANTINE = "ou=quarantine,dc=example,dc=com";
    private static final String USER = OffboardingScenarios.USER;

    private static InMemoryDirectory directory;
    private static OffboardingBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        directory = InMemoryDirectory.startDemo(0);
        for (String ou : List.of(A_PEOPLE, B_PEOPLE, SALES)) {
            directory.server().add(new Entry("dn: " + ou, "objectClass: organizationalUnit",
                    "ou: " + ou.substring(3, ou.indexOf(','))));
        }
        bridge = OffboardingBridge.start("demo", OffboardingScenarios.deprovisionYaml(QUARANTINE, "pwdAccountLockedTime"),
                directory.url(), null, null, "", Map.of("tenant-a", "offboard", "tenant-b", "offboard",
                        "sales", "offboard", "hr", "offboard"),
                Map.of("tenant-a", scope(A_PEOPLE), "tenant-b", scope(B_PEOPLE), "sales", """
                              scopes:
                                User: {access: write, baseDns: ["%s"], writableAttributes: [userName, name, active]}
                                Group: {access: read}
                        """.formatted(SALES)));
    }

    private static String scope(String people) {
        return "      scopes:\n        User: {access: write, baseDns: [\"" + people + "\"]}\n";
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

    private static List<String> idsChangedSince(ScimClient client) {
        JsonNode list = client.get("/Users?filter=" + URLEncoder.encode("meta.lastModified gt \"2000-01-01T00:00:00Z\"",
                StandardCharsets.UTF_8)).expect(200);
        List<String> ids = new ArrayList<>();
        list.get("Resources").forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }

    private static String dnOf(String id) throws Exception {
        return directory.server().search("dc=example,dc=com", com.unboundid.ldap.sdk.SearchScope.SUB,
                "(entryUUID=" + id + ")", "1.1").getSearchEntries().get(0).getDN();
    }

    @Test
    void anOffboardedAccountStaysItsTenantsTombstoneAndItsTenantsToBringBack() throws Exception {
        ScimClient a = bridge.scim("tenant-a");
        ScimClient b = bridge.scim("tenant-b");
        String body = """
                {"schemas": ["%s"], "userName": "leaver@tenants.test", "name": {"familyName": "Leaver"}}"""
                .formatted(USER);
        String id = a.post("/Users", body).expect(201).get("id").asText();
        a.delete("/Users/" + id).expectNoContent();
        assertTrue(dnOf(id).endsWith(QUARANTINE), dnOf(id));

        assertTrue(idsChangedSince(a).contains(id));
        assertFalse(idsChangedSince(b).contains(id));

        String other = b.post("/Users", body).expect(201).get("id").asText();
        assertNotEquals(id, other);
        assertTrue(dnOf(other).endsWith(B_PEOPLE), dnOf(other));
        assertTrue(dnOf(id).endsWith(QUARANTINE), "tenant B's POST left tenant A's account alone: " + dnOf(id));

        // Tenant B's account holds the userName now, in a base DN tenant A cannot see: A's account cannot come
        // back under it, and A learns nothing of B's account but that the name is taken.
        JsonNode taken = a.post("/Users", body).expectError(409, "uniqueness");
        assertFalse(taken.toString().contains(other), taken.toString());
        assertFalse(taken.toString().contains(B_PEOPLE), taken.toString());
        assertTrue(dnOf(id).endsWith(QUARANTINE), "the refused return left the account offboarded: " + dnOf(id));

        b.patch("/Users/" + other, """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "replace", "path": "userName", "value": "stayer@tenants.test"}]}""")
                .expect(200);
        JsonNode back = a.post("/Users", body).expect(201);
        assertEquals(id, back.get("id").asText());
        assertTrue(dnOf(id).endsWith(A_PEOPLE), dnOf(id));
        assertTrue(back.get("active").asBoolean());
    }

    /**
     * A returning POST is judged as the replace it becomes of the account as its reactivation would leave it, and
     * before any of it is undone: leaving out a title the client may not change would remove it, so the POST is
     * refused and the account stays offboarded as it was; resending the title unchanged brings the account back.
     */
    @Test
    void aReturningPostTheClientsScopeRefusesLeavesTheAccountOffboarded() throws Exception {
        ScimClient sales = bridge.scim("sales");
        ScimClient hr = bridge.scim("hr");
        String userName = "re.user." + System.nanoTime();
        String body = """
                {"schemas": ["%s"], "userName": "%s", "name": {"familyName": "Re"}}""".formatted(USER, userName);
        String id = sales.post("/Users", body).expect(201).get("id").asText();
        String dn = dnOf(id);
        assertTrue(dn.endsWith(SALES), dn);
        hr.patch("/Users/" + id, """
                {"schemas": ["%s"], "Operations": [{"op": "replace", "path": "title", "value": "Manager"}]}"""
                .formatted(PATCH)).expect(200);
        String group = hr.post("/Groups", """
                {"schemas": ["%s"], "displayName": "Sales Team %d", "members": [{"value": "%s"}]}"""
                .formatted(GROUP, System.nanoTime(), id)).expect(201).get("id").asText();
        sales.delete("/Users/" + id).expectNoContent();
        String quarantined = dnOf(id);
        assertTrue(quarantined.endsWith(QUARANTINE), quarantined);
        assertOffboarded(id, quarantined, group);
        long row = bridge.records().applied("User", id).get(0).id();

        JsonNode refused = sales.post("/Users", body).expectError(403, null);
        assertEquals("this client may not change title of Users", refused.get("detail").asText());
        assertEquals(quarantined, dnOf(id));
        assertOffboarded(id, quarantined, group);
        List<JournalEntry> journal = bridge.journal().store().find(new JournalQuery(1000, id));
        assertTrue(journal.stream().noneMatch(e -> e.operation() == Operation.REACTIVATE), journal.toString());
        assertTrue(journal.stream().anyMatch(e -> e.operation() == Operation.CREATE && e.outcome() == Outcome.FAILED
                && e.detail().contains("title")), journal.toString());

        JsonNode back = sales.post("/Users", """
                {"schemas": ["%s"], "userName": "%s", "name": {"familyName": "Re"}, "title": "Manager"}"""
                .formatted(USER, userName)).expect(201);
        assertEquals(id, back.get("id").asText());
        assertTrue(back.get("active").asBoolean());
        assertEquals(dn, dnOf(id));
        assertEquals(null, entry(id).getAttributeValue("pwdAccountLockedTime"));
        assertTrue(groupMembers(group).contains(dn), groupMembers(group).toString());
        assertEquals(DeprovisionRecord.REACTIVATED, bridge.records().find(row).state());
    }

    /** Locked in the quarantine, out of its group, its offboarding still DEPROVISIONED. */
    private static void assertOffboarded(String id, String quarantined, String group) throws Exception {
        assertTrue(entry(id).getAttributeValue("pwdAccountLockedTime") != null, entry(id).toLDIFString());
        String rdn = quarantined.substring(0, quarantined.indexOf(',') + 1).toLowerCase();
        assertTrue(groupMembers(group).stream().noneMatch(member -> member.toLowerCase().startsWith(rdn)),
                groupMembers(group).toString());
        List<DeprovisionRecord> applied = bridge.records().applied("User", id);
        assertEquals(1, applied.size(), applied.toString());
        assertEquals(DeprovisionRecord.DEPROVISIONED, applied.get(0).state());
        assertEquals(quarantined, applied.get(0).dnNow());
    }

    private static SearchResultEntry entry(String id) throws Exception {
        return directory.server().searchForEntry("dc=example,dc=com", com.unboundid.ldap.sdk.SearchScope.SUB,
                "(entryUUID=" + id + ")", "pwdAccountLockedTime", "member");
    }

    private static List<String> groupMembers(String id) throws Exception {
        String[] members = entry(id).getAttributeValues("member");
        return members == null ? List.of() : List.of(members);
    }
}

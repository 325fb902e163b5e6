package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Entry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
    private static final String QUARANTINE = "ou=quarantine,dc=example,dc=com";
    private static final String USER = OffboardingScenarios.USER;

    private static InMemoryDirectory directory;
    private static OffboardingBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        directory = InMemoryDirectory.startDemo(0);
        for (String ou : List.of(A_PEOPLE, B_PEOPLE)) {
            directory.server().add(new Entry("dn: " + ou, "objectClass: organizationalUnit", "ou: " + ou.substring(3, 4)));
        }
        bridge = OffboardingBridge.start("demo", OffboardingScenarios.deprovisionYaml(QUARANTINE, "pwdAccountLockedTime"),
                directory.url(), null, null, "", Map.of("tenant-a", "offboard", "tenant-b", "offboard"),
                Map.of("tenant-a", scope(A_PEOPLE), "tenant-b", scope(B_PEOPLE)));
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
}

package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.journal.DeprovisionRecord;
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

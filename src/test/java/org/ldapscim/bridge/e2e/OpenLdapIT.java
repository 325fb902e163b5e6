package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.testsupport.OpenLdapServer;
import org.ldapscim.bridge.testsupport.ScriptedDirectoryServer;

/**
 * The {@link DirectoryScenarios} against a real OpenLDAP slapd (memberof, ppolicy, sssvlv and refint overlays),
 * through the shipped {@code config/openldap} preset, with the bridge bound as slapd's root DN; 300 seeded users.
 */
class OpenLdapIT extends DirectoryScenarios {
    @RegisterExtension
    static final OpenLdapServer slapd = new OpenLdapServer(300);

    @Override
    ScriptedDirectoryServer directory() {
        return slapd;
    }

    @Override
    String preset() {
        return "openldap";
    }

    @Override
    int cursorPageSize() {
        return 70;
    }

    /** ppolicy's olcPPolicyHashCleartext hashes what the bridge writes. */
    @Override
    String passwordScheme() {
        return "{SSHA}";
    }

    /** groupOfNames must have a member, so the bridge leaves the placeholder. */
    @Override
    List<String> membersOfAnEmptyGroup() {
        return List.of(OpenLdapServer.PLACEHOLDER);
    }

    @Override
    BrokenMapping brokenMapping() {
        return new BrokenMapping("ldap: title}", "ldap: titel}",
                "users.yaml: attributes(title).ldap: attribute titel is not in the directory schema");
    }

    /**
     * slapd answers result 80 (other) to a 250-character cn: an answer, so the create was not applied. The client
     * is told the value was refused (not "retry later"), and the journal says FAILED, not UNKNOWN.
     */
    @Test
    void aValueSlapdRefusesWithResultOtherIsADefiniteRefusal() {
        String userName = "long." + "x".repeat(245);
        String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName + "\"}";

        JsonNode error = scim.post("/Users", body).expectError(400, "invalidValue");

        assertTrue(error.get("detail").asText().contains("refused"), error.toString());
        JournalEntry create = bridge.journal().store().find(new JournalQuery(1, null, null, Operation.CREATE, null,
                null, null)).get(0);
        assertEquals(Outcome.FAILED, create.outcome(), create.toString());
        assertEquals(0, scim.get("/Users?filter=" + encode("userName eq \"" + userName + "\"")).expect(200)
                .get("totalResults").asInt());
    }

    @Test
    void activeLocksAndUnlocksTheAccountWithPpolicy() {
        String id = createUser("alan.turing", null, "Enigma-1912!").get("id").asText();
        String dn = "uid=alan.turing," + PEOPLE;
        assertTrue(canBind(dn, "Enigma-1912!"));

        assertFalse(scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"))
                .expect(200).get("active").asBoolean());
        assertEquals("000001010000Z", slapd.entry(dn).getAttributeValue("pwdAccountLockedTime"));
        assertFalse(canBind(dn, "Enigma-1912!"), "ppolicy refuses a locked account");
        assertFalse(scim.get("/Users/" + id).expect(200).get("active").asBoolean());

        assertTrue(scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":true}"))
                .expect(200).get("active").asBoolean());
        assertNull(slapd.entry(dn).getAttributeValue("pwdAccountLockedTime"));
        assertTrue(canBind(dn, "Enigma-1912!"));
    }
}

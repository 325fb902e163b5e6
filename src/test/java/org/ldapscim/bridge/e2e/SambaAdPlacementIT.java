package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SubtreeDeleteRequestControl;
import com.unboundid.ldap.sdk.DeleteRequest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.ResourceMappingConfig.CreateConfig;
import org.ldapscim.bridge.config.ResourceMappingConfig.PlacementConfig;
import org.ldapscim.bridge.config.ResourceMappingConfig;
import org.ldapscim.bridge.testsupport.LdapConfigs;
import org.ldapscim.bridge.testsupport.PresetBridge;
import org.ldapscim.bridge.testsupport.SambaAdServer;
import org.ldapscim.bridge.testsupport.ScimClient;

/**
 * The shipped {@code active-directory} preset against a real Samba AD domain controller over LDAPS: two users
 * whose userNames' local parts collide get distinct sAMAccountNames of at most 20 characters, and a user is
 * placed in an OU by department. The domain is shared with other test classes, so every name here starts with
 * a prefix made fresh for each run, and the OU tree made here is deleted afterwards.
 */
class SambaAdPlacementIT {
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    /** Seven characters: "plc" and four random ones, so reruns against a long-lived Samba do not collide. */
    private static final String PREFIX = "plc" + Long.toString(1_679_616 + new SecureRandom().nextInt(45_000_000),
            36).substring(0, 4);
    private static final String STAFF = "OU=" + PREFIX + "-staff," + SambaAdServer.BASE_DN;
    private static final String SALES = "OU=Sales," + STAFF;

    @RegisterExtension
    static final SambaAdServer samba = new SambaAdServer();

    private static PresetBridge bridge;
    private static ScimClient scim;
    private static final List<String> created = new ArrayList<>();

    @BeforeAll
    static void start() throws LDAPException, com.unboundid.ldif.LDIFException {
        try (LDAPConnection connection = samba.connect()) {
            connection.add("dn: " + STAFF, "objectClass: top", "objectClass: organizationalUnit", "ou: " + PREFIX
                    + "-staff");
            connection.add("dn: " + SALES, "objectClass: top", "objectClass: organizationalUnit", "ou: Sales");
        }
        LdapConfig ldap = LdapConfigs.of(samba.ldapsUrl(), samba.bindDn(), samba.bindPassword(), 4,
                samba.tls(false), null);
        bridge = PresetBridge.start("active-directory", ldap, "samba-placement-it-token-51e0",
                SambaAdPlacementIT::placedByDepartment);
        scim = bridge.scim();
    }

    /** Users also under this class's OU tree, placed in it by department; everything else as shipped. */
    private static ResourceMappingConfig placedByDepartment(ResourceMappingConfig config) {
        if (!config.resourceType().equals("User")) {
            return config;
        }
        CreateConfig create = config.create();
        return new ResourceMappingConfig(config.resourceType(), config.schemaExtensions(),
                List.of(config.baseDns().get(0), STAFF), config.searchFilter(), config.objectClasses(),
                new CreateConfig(create.rdn(), create.parent(), create.defaults(), create.derived(),
                        new PlacementConfig(ENTERPRISE + ":department", Map.of(), "OU={value}," + STAFF)),
                config.id(), config.meta(), config.placeholderMember(), config.attributes());
    }

    @AfterAll
    static void stop() {
        try {
            for (String id : created) {
                scim.delete("/Users/" + id);
            }
        } finally {
            if (bridge != null) {
                bridge.close();
            }
            try (LDAPConnection connection = samba.connect()) {
                DeleteRequest tree = new DeleteRequest(STAFF);
                tree.addControl(new SubtreeDeleteRequestControl(true));
                connection.delete(tree);
            } catch (LDAPException e) {
                // Clean-up only: another run's names never collide with this one's prefix.
            }
        }
    }

    private static JsonNode createUser(String userName, String displayName, String department) {
        String enterprise = department == null ? "" : ", \"" + ENTERPRISE + "\": {\"department\": \"" + department
                + "\"}";
        JsonNode user = scim.post("/Users", "{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\", \""
                + ENTERPRISE + "\"], \"userName\": \"" + userName + "\", \"displayName\": \"" + displayName + "\""
                + enterprise + "}").expect(201);
        created.add(user.get("id").asText());
        return user;
    }

    /** The user's entry as Samba holds it, found by sAMAccountName-independent means: its userPrincipalName. */
    private static SearchResultEntry entryOf(String userName) throws LDAPException {
        try (LDAPConnection connection = samba.connect()) {
            List<SearchResultEntry> found = connection.search(SambaAdServer.BASE_DN, SearchScope.SUB,
                    Filter.createEqualityFilter("userPrincipalName", userName), "sAMAccountName").getSearchEntries();
            assertEquals(1, found.size(), userName);
            return found.get(0);
        }
    }

    @Test
    void collidingUsersGetDistinctShortUniqueAccountNames() throws LDAPException {
        String first = PREFIX + "-alexandra.longname@example.test";
        String second = PREFIX + "-alexandra.longname@branch.example.test";
        createUser(first, PREFIX + " Alexandra Longname", null);
        createUser(second, PREFIX + " Alexandra Longname II", null);
        String one = entryOf(first).getAttributeValue("sAMAccountName");
        String two = entryOf(second).getAttributeValue("sAMAccountName");
        System.out.println("SambaAdPlacementIT: sAMAccountNames " + one + " and " + two);
        assertEquals((PREFIX + "-alexandra.longname").substring(0, 20), one);
        assertEquals((PREFIX + "-alexandra.longname").substring(0, 19) + "2", two);
        assertNotEquals(one.toLowerCase(), two.toLowerCase());
        assertTrue(one.length() <= 20 && two.length() <= 20);
    }

    @Test
    void aUserIsPlacedInTheOuOfItsDepartment() throws LDAPException {
        String userName = PREFIX + "-sam.seller@example.test";
        JsonNode user = createUser(userName, PREFIX + " Sam Seller", "Sales");
        SearchResultEntry entry = entryOf(userName);
        assertEquals(new DN(SALES), entry.getParsedDN().getParent());
        assertEquals(userName, scim.get("/Users/" + user.get("id").asText()).expect(200).get("userName").asText());

        String elsewhere = PREFIX + "-mo.marketer@example.test";
        createUser(elsewhere, PREFIX + " Mo Marketer", "Marketing");
        assertEquals(new DN(SambaAdServer.USERS), entryOf(elsewhere).getParsedDN().getParent(),
                "a department without an OU lands in CN=Users");
    }
}

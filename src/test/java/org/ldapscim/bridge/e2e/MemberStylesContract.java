package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.testsupport.OpenLdapServer;
import org.ldapscim.bridge.testsupport.PresetBridge;
import org.ldapscim.bridge.testsupport.ScimClient;

/**
 * The group member styles other than groupOfNames/member, each through its own mappings under
 * {@code src/test/resources/member-styles/}: groupOfUniqueNames/uniqueMember (DNs, with RFC 4517's optional
 * UID read past) and posixGroup/memberUid (the members' uid, resolved by a search on uid). Users find their
 * groups by a member search. A subclass supplies the directory; every test starts its own bridge and works
 * on names of its own.
 */
abstract class MemberStylesContract {
    private static final String PEOPLE = "ou=people,dc=example,dc=com";
    private static final String GROUPS = "ou=groups,dc=example,dc=com";

    private PresetBridge bridge;
    private ScimClient scim;

    /** How the bridge reaches the directory. */
    abstract LdapConfig ldap();

    /** A connection with the rights to read and change every entry; the caller closes it. */
    abstract LDAPConnection connect() throws LDAPException;

    @AfterEach
    void stopBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void uniqueMembersAreDnsAndAnOptionalUidIsReadPast() throws LDAPException {
        start("unique-names");
        String ada = createUser("un.ada");
        String bob = createUser("un.bob");
        String group = createGroup("Unique Engines", ada);
        String groupDn = "cn=Unique Engines," + GROUPS;
        assertEquals(Set.of("uid=un.ada," + PEOPLE), values(groupDn, "uniqueMember"));
        assertEquals(List.of(group), groupsOf(ada));

        scim.patch("/Groups/" + group, patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + bob + "\"}]}",
                "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + ada + "\\\"]\"}")).expect(200);
        assertEquals(Set.of("uid=un.bob," + PEOPLE), values(groupDn, "uniqueMember"));
        assertEquals(List.of(), groupsOf(ada));
        assertEquals(List.of(group), groupsOf(bob));
        assertEquals(List.of(group), ids(scim.get("/Groups?filter=" + encode("members.value eq \"" + bob + "\""))
                .expect(200)));

        try (LDAPConnection connection = connect()) {
            connection.modify(groupDn, new Modification(ModificationType.ADD, "uniqueMember",
                    "uid=un.ada," + PEOPLE + "#'0101'B"));
        }
        assertEquals(new TreeSet<>(List.of(ada, bob)), new TreeSet<>(memberIds(group)),
                "uid=un.ada,...#'0101'B names un.ada");

        scim.patch("/Groups/" + group, patch("{\"op\":\"remove\",\"path\":\"members\"}")).expect(200);
        assertEquals(Set.of(OpenLdapServer.PLACEHOLDER), values(groupDn, "uniqueMember"),
                "groupOfUniqueNames keeps the placeholder");
        assertEquals(List.of(), memberIds(group));
    }

    @Test
    void posixMembersAreUidsResolvedBySearch() throws LDAPException {
        start("posix");
        String ada = createUser("px.ada");
        String bob = createUser("px.bob");
        String group = createGroup("Posix Engines", ada);
        String groupDn = "cn=Posix Engines," + GROUPS;
        assertEquals(Set.of("px.ada"), values(groupDn, "memberUid"), "memberUid holds the uid, not the DN");
        assertEquals(List.of(ada), memberIds(group));
        assertEquals(List.of(group), groupsOf(ada), "found by a search on memberUid=px.ada");
        assertEquals(List.of(), groupsOf(bob));

        scim.patch("/Groups/" + group, patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + bob + "\"},{\"value\":\"" + ada
                        + "\"}]}")).expect(200);
        assertEquals(Set.of("px.ada", "px.bob"), values(groupDn, "memberUid"));
        assertEquals(List.of(group), ids(scim.get("/Groups?filter=" + encode("members.value eq \"" + bob + "\""))
                .expect(200)));

        try (LDAPConnection connection = connect()) {
            connection.modify(groupDn, new Modification(ModificationType.ADD, "memberUid", "px.nobody"));
        }
        assertEquals(new TreeSet<>(List.of(ada, bob)), new TreeSet<>(memberIds(group)),
                "a uid that names no user is left out");

        scim.patch("/Groups/" + group, patch("{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + ada + "\\\"]\"}"))
                .expect(200);
        assertEquals(Set.of("px.bob", "px.nobody"), values(groupDn, "memberUid"));
        assertEquals(List.of(), groupsOf(ada));

        scim.put("/Groups/" + group, "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Posix Engines\",\"members\":[{\"value\":\"" + ada + "\"}]}").expect(200);
        assertEquals(Set.of("px.ada"), values(groupDn, "memberUid"));
        scim.delete("/Groups/" + group).expectNoContent();
        assertEquals(List.of(), groupsOf(ada));
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private void start(String style) {
        Path folder = OpenLdapServer.projectDir().resolve("src/test/resources/member-styles").resolve(style);
        bridge = PresetBridge.start(folder, ldap(), "member-styles-token-" + style + "-5c1e");
        scim = bridge.scim();
    }

    private String createUser(String userName) {
        return scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                + userName + "\",\"name\":{\"familyName\":\"Member\"}}").expect(201).get("id").asText();
    }

    private String createGroup(String name, String memberId) {
        return scim.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"" + name + "\",\"members\":[{\"value\":\"" + memberId + "\"}]}").expect(201)
                .get("id").asText();
    }

    private Set<String> values(String dn, String attribute) throws LDAPException {
        try (LDAPConnection connection = connect()) {
            SearchResultEntry entry = connection.getEntry(dn, attribute);
            String[] values = entry.getAttributeValues(attribute);
            return values == null ? Set.of() : Set.of(values);
        }
    }

    private List<String> groupsOf(String userId) {
        List<String> ids = new ArrayList<>();
        scim.get("/Users/" + userId).expect(200).path("groups").forEach(group -> ids.add(group.get("value").asText()));
        return ids;
    }

    private List<String> memberIds(String groupId) {
        List<String> ids = new ArrayList<>();
        scim.get("/Groups/" + groupId).expect(200).path("members")
                .forEach(member -> ids.add(member.get("value").asText()));
        return ids;
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("Resources").forEach(resource -> ids.add(resource.get("id").asText()));
        return ids;
    }

    private static String patch(String... operations) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
                + String.join(",", operations) + "]}";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

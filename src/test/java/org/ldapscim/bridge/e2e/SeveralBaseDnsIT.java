package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.controls.ServerSideSortRequestControl;
import com.unboundid.ldap.sdk.controls.VirtualListViewRequestControl;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.config.ResourceMappingConfig;
import org.ldapscim.bridge.testsupport.AdShapedDirectory;
import org.ldapscim.bridge.testsupport.PresetBridge;
import org.ldapscim.bridge.testsupport.ScimClient;

/**
 * Users under two base DNs (CN=Users and OU=Staff) and groups under two (CN=Users and OU=Groups), with look-alike
 * entries in OU=Outside that match the search filters: searches, both kinds of paging, sorting, id lookups,
 * filters and references see both bases as one, and nothing outside them is ever shown or changed.
 */
class SeveralBaseDnsIT {
    private static final String DOMAIN = AdShapedDirectory.DOMAIN;
    private static final String USERS = AdShapedDirectory.USERS;
    private static final String STAFF = "OU=Staff," + DOMAIN;
    private static final String GROUPS = "OU=Groups," + DOMAIN;
    private static final String OUTSIDE = "OU=Outside," + DOMAIN;
    private static final String PREFIX = "sbd-";
    private static final List<String> INSIDE = List.of("sbd-a", "sbd-b", "sbd-c", "sbd-d", "sbd-e", "sbd-f");

    @AutoClose
    private static AdShapedDirectory directory;
    @AutoClose
    private static PresetBridge bridge;
    private static ScimClient scim;

    @BeforeAll
    static void start() {
        directory = fixture(AdShapedDirectory.start(STAFF, GROUPS, OUTSIDE));
        bridge = PresetBridge.start("active-directory", directory.ldapConfig(), "several-bases-it-token-3a9e",
                twoBases());
        scim = bridge.scim();
    }

    private static UnaryOperator<ResourceMappingConfig> twoBases() {
        return AdShapedDirectory.inMemory(config -> AdShapedDirectory.withBaseDns(config,
                config.resourceType().equals("User") ? List.of(USERS, STAFF) : List.of(USERS, GROUPS)));
    }

    /** Users interleaved across both bases by name, two outside, and a group in each group base. */
    private static AdShapedDirectory fixture(AdShapedDirectory directory) {
        String[][] users = {{"sbd-a", STAFF}, {"sbd-b", USERS}, {"sbd-c", STAFF}, {"sbd-d", USERS},
                {"sbd-e", STAFF}, {"sbd-f", USERS}, {"sbd-0", OUTSIDE}, {"sbd-z", OUTSIDE}};
        for (String[] user : users) {
            directory.add("dn: CN=" + user[0] + "," + user[1], "objectClass: top", "objectClass: person",
                    "objectClass: organizationalPerson", "objectClass: user", "cn: " + user[0], "sn: " + user[0],
                    "userPrincipalName: " + user[0] + "@example.test", "sAMAccountName: " + user[0],
                    "manager: CN=sbd-0," + OUTSIDE);
        }
        for (String base : List.of(USERS, GROUPS, OUTSIDE)) {
            String name = "sbd-group-" + base.substring(3, base.indexOf(',')).toLowerCase();
            directory.add("dn: CN=" + name + "," + base, "objectClass: top", "objectClass: group", "cn: " + name,
                    "sAMAccountName: " + name, "member: CN=sbd-a," + STAFF, "member: CN=sbd-b," + USERS,
                    "member: CN=sbd-0," + OUTSIDE, "member: CN=sbd-group-outside," + OUTSIDE);
        }
        return directory;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String ours() {
        return "filter=" + encode("userName sw \"" + PREFIX + "\"");
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.get("Resources").forEach(r -> names.add(r.get("userName").asText().replace("@example.test", "")));
        return names;
    }

    private static String idOf(String dn) {
        return directory.entry(dn).getAttributeValue("entryUUID");
    }

    @Test
    void aSearchSeesBothBasesAndNothingOutside() {
        JsonNode all = scim.get("/Users?" + ours()).expect(200);
        assertEquals(6, all.get("totalResults").asInt());
        assertEquals(Set.copyOf(INSIDE), Set.copyOf(names(all)));
        JsonNode outside = scim.get("/Users?filter=" + encode("userName eq \"sbd-0@example.test\"")).expect(200);
        assertEquals(0, outside.get("totalResults").asInt());
        JsonNode staff = scim.get("/Users?filter=" + encode("userName eq \"SBD-C@example.test\"")).expect(200);
        assertEquals(List.of("sbd-c"), names(staff));
    }

    @Test
    void indexPagesAreSortedAcrossBothBases() {
        assertEquals(INSIDE, sortedByIndex(scim, "ascending"));
        List<String> descending = new ArrayList<>(INSIDE);
        java.util.Collections.reverse(descending);
        assertEquals(descending, sortedByIndex(scim, "descending"));
    }

    private static List<String> sortedByIndex(ScimClient client, String order) {
        List<String> seen = new ArrayList<>();
        for (int start = 1; start <= 7; start += 2) {
            JsonNode page = client.get("/Users?" + ours() + "&sortBy=userName&sortOrder=" + order
                    + "&count=2&startIndex=" + start).expect(200);
            assertEquals(6, page.get("totalResults").asInt());
            seen.addAll(names(page));
        }
        return seen;
    }

    @Test
    void cursorPagesWalkBothBasesOnceAndASortedCursorIsRefused() {
        scim.get("/Users?" + ours() + "&sortBy=userName&count=2&cursor=").expectError(400, "invalidValue");
        List<String> unsorted = byCursor("");
        assertEquals(Set.copyOf(INSIDE), new HashSet<>(unsorted));
        assertEquals(6, unsorted.size(), "each user once: " + unsorted);
    }

    private static List<String> byCursor(String query) {
        List<String> seen = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < 10 && cursor != null; page++) {
            JsonNode body = scim.get("/Users?" + ours() + query + "&count=2&cursor=" + encode(cursor)).expect(200);
            seen.addAll(names(body));
            cursor = body.hasNonNull("nextCursor") ? body.get("nextCursor").asText() : null;
        }
        return seen;
    }

    @Test
    void withoutServerSortTheBridgeSortsAcrossBothBases() {
        try (AdShapedDirectory plain = fixture(AdShapedDirectory.hidingControls(List.of(
                ServerSideSortRequestControl.SERVER_SIDE_SORT_REQUEST_OID,
                VirtualListViewRequestControl.VIRTUAL_LIST_VIEW_REQUEST_OID), STAFF, GROUPS, OUTSIDE));
             PresetBridge unsorted = PresetBridge.start("active-directory", plain.ldapConfig(),
                     "several-bases-it-token-3a9e", twoBases())) {
            assertEquals(INSIDE, sortedByIndex(unsorted.scim(), "ascending"));
        }
    }

    @Test
    void idsFromBothBasesAreFoundAndOnesOutsideAreNot() {
        assertEquals("sbd-a@example.test",
                scim.get("/Users/" + idOf("CN=sbd-a," + STAFF)).expect(200).get("userName").asText());
        assertEquals("sbd-b@example.test",
                scim.get("/Users/" + idOf("CN=sbd-b," + USERS)).expect(200).get("userName").asText());
        String outside = idOf("CN=sbd-z," + OUTSIDE);
        scim.get("/Users/" + outside).expectError(404, null);
        String before = directory.entry("CN=sbd-z," + OUTSIDE).toLDIFString();
        scim.put("/Users/" + outside, "{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + " \"userName\": \"taken-over@example.test\"}").expectError(404, null);
        scim.patch("/Users/" + outside, "{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + " \"Operations\": [{\"op\": \"replace\", \"path\": \"title\", \"value\": \"owned\"}]}")
                .expectError(404, null);
        scim.delete("/Users/" + outside).expectError(404, null);
        assertEquals(before, directory.entry("CN=sbd-z," + OUTSIDE).toLDIFString(), "the entry is untouched");
        scim.get("/Groups/" + idOf("CN=sbd-group-outside," + OUTSIDE)).expectError(404, null);
    }

    @Test
    void craftedIdsFindNothing() {
        for (String id : List.of("*", ")(objectClass=*", idOf("CN=sbd-z," + OUTSIDE) + ")(entryUUID=*",
                "..", "CN=sbd-z," + OUTSIDE)) {
            int status = scim.get("/Users/" + encode(id)).status();
            assertEquals(404, status, id);
        }
    }

    @Test
    void referencesShowOnlyEntriesInsideTheBases() {
        JsonNode group = scim.get("/Groups/" + idOf("CN=sbd-group-groups," + GROUPS)).expect(200);
        Set<String> members = new HashSet<>();
        group.get("members").forEach(m -> members.add(m.get("value").asText()));
        assertEquals(Set.of(idOf("CN=sbd-a," + STAFF), idOf("CN=sbd-b," + USERS)), members);
        JsonNode user = scim.get("/Users/" + idOf("CN=sbd-c," + STAFF)).expect(200);
        assertTrue(user.path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").path("manager")
                .isMissingNode(), "a manager outside the bases is not shown: " + user);

        JsonNode byMember = scim.get("/Groups?filter=" + encode("members.value eq \"" + idOf("CN=sbd-a," + STAFF)
                + "\"")).expect(200);
        assertEquals(2, byMember.get("totalResults").asInt(), "the groups in CN=Users and OU=Groups");
        JsonNode byOutsider = scim.get("/Groups?filter=" + encode("members.value eq \""
                + idOf("CN=sbd-0," + OUTSIDE) + "\"")).expect(200);
        assertEquals(0, byOutsider.get("totalResults").asInt());
    }

    @Test
    void anOutsiderCannotBeMadeAMemberOrManager() {
        String group = idOf("CN=sbd-group-users," + USERS);
        String outsider = idOf("CN=sbd-z," + OUTSIDE);
        scim.patch("/Groups/" + group, "{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + " \"Operations\": [{\"op\": \"add\", \"path\": \"members\", \"value\": [{\"value\": \"" + outsider
                + "\"}]}]}").expectError(400, "invalidValue");
        assertTrue(List.of(directory.entry("CN=sbd-group-users," + USERS).getAttributeValues("member")).stream()
                .noneMatch(dn -> dn.startsWith("CN=sbd-z")));
        scim.patch("/Users/" + idOf("CN=sbd-d," + USERS), "{\"schemas\":"
                + " [\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"], \"Operations\": [{\"op\": \"replace\","
                + " \"path\": \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager\","
                + " \"value\": {\"value\": \"" + outsider + "\"}}]}").expectError(400, "invalidValue");
    }

    @Test
    void replacingTheMembersKeepsThoseOutsideTheBases() {
        String dn = "CN=sbd-group-users," + USERS;
        String put = "{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:Group\"], \"displayName\":"
                + " \"sbd-group-users\", \"members\": [%s]}";
        scim.put("/Groups/" + idOf(dn), put.formatted("{\"value\": \"" + idOf("CN=sbd-a," + STAFF) + "\"}"))
                .expect(200);
        assertEquals(Set.of("CN=sbd-a," + STAFF, "CN=sbd-0," + OUTSIDE, "CN=sbd-group-outside," + OUTSIDE),
                Set.of(directory.entry(dn).getAttributeValues("member")));
        scim.put("/Groups/" + idOf(dn), put.formatted("{\"value\": \"" + idOf("CN=sbd-a," + STAFF) + "\"}, "
                + "{\"value\": \"" + idOf("CN=sbd-b," + USERS) + "\"}")).expect(200);
        assertEquals(4, directory.entry(dn).getAttributeValues("member").length);
    }

    @Test
    void aNewUserGoesToTheCreateParent() {
        JsonNode created = scim.post("/Users", "{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + " \"userName\": \"new-sbd@example.test\", \"displayName\": \"sbd new\"}").expect(201);
        assertEquals(created.get("id").asText(), idOf("CN=sbd new," + USERS));
        scim.delete("/Users/" + created.get("id").asText()).expectNoContent();
    }
}

package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ldapscim.bridge.testsupport.PresetBridge;
import org.ldapscim.bridge.testsupport.PresetCheck;
import org.ldapscim.bridge.testsupport.ScimClient;
import org.ldapscim.bridge.testsupport.ScriptedDirectoryServer;

/**
 * The SCIM scenarios every real directory passes through its shipped preset, checked against the directory's
 * own schema. A subclass registers the {@link ScriptedDirectoryServer} extension, says what differs between
 * directories (how passwords are hashed, what an empty group holds, ...) and adds the tests of what only its
 * directory does. The tests share one server and one bridge, so each works on users and groups of its own
 * names; the seeded users {@code seed0001 ..} are only read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DirectoryScenarios {
    static final String PEOPLE = ScriptedDirectoryServer.PEOPLE;
    static final String GROUPS = ScriptedDirectoryServer.GROUPS;
    static final String SEEDS = "&filter=" + encode("userName sw \"seed\"");

    PresetBridge bridge;
    ScimClient scim;

    /** The directory, started by the subclass's registered extension. */
    abstract ScriptedDirectoryServer directory();

    /** The folder under {@code config/} of the preset the bridge runs. */
    abstract String preset();

    /** How many seeded users the walk of {@link #aCursorWalkReadsEverySeededUserOnce} reads per page. */
    abstract int cursorPageSize();

    /** The scheme prefix of the {@code userPassword} the directory stores for a cleartext one. */
    abstract String passwordScheme();

    /** The {@code member} values the directory keeps when SCIM empties a group. */
    abstract List<String> membersOfAnEmptyGroup();

    /** A mistyped attribute for {@code check-config} to catch in the preset. */
    abstract BrokenMapping brokenMapping();

    /**
     * {@code original} in the preset's {@code users.yaml} replaced by {@code broken} makes check-config name
     * the error {@code error}.
     */
    record BrokenMapping(String original, String broken, String error) {
    }

    @BeforeAll
    void startBridge() {
        bridge = PresetBridge.start(preset(), directory().ldapConfig(4), preset() + "-scenarios-token-4d1f8a20c6e3");
        scim = bridge.scim();
    }

    @AfterAll
    void stopBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void aCreatedUserIsReadByItsEntryUuidAndFoundByFilters() {
        JsonNode created = createUser("ada.lovelace", "ext-ada", null);
        String id = created.get("id").asText();
        SearchResultEntry entry = directory().entry("uid=ada.lovelace," + PEOPLE);
        assertNotNull(entry, "the user is in the directory");
        assertEquals(entry.getAttributeValue("entryUUID"), id);
        assertEquals("Lovelace", entry.getAttributeValue("sn"));

        JsonNode read = scim.get("/Users/" + id).expect(200);
        assertEquals("ada.lovelace", read.get("userName").asText());
        assertEquals("ext-ada", read.get("externalId").asText());
        assertEquals("ada.lovelace@example.com", read.get("emails").get(0).get("value").asText());
        assertTrue(read.get("active").asBoolean());

        assertEquals(List.of(id), ids(list("/Users?filter=" + encode("userName eq \"ADA.lovelace\""))));
        assertEquals(List.of(id), ids(list("/Users?filter=" + encode("externalId eq \"ext-ada\""))));
        assertEquals(List.of(), ids(list("/Users?filter=" + encode("externalId eq \"EXT-ADA\""))),
                "externalId is case-exact");
        JsonNode contains = list("/Users?count=0&filter=" + encode("userName co \"seed00\""));
        assertEquals(99, contains.get("totalResults").asInt(), "seed0001 .. seed0099");
        assertEquals(seeded(), list("/Users?count=0" + SEEDS).get("totalResults").asInt(),
                "every seeded user, however many a size limit on the bridge's account would let through");
        scim.get("/Users/" + "00000000-0000-0000-0000-000000000000").expectError(404, null);
    }

    @Test
    void indexPagesAreSortedByUserNameAsTheDirectoryOrdersIt() {
        JsonNode page = list("/Users?sortBy=userName&startIndex=101&count=50" + SEEDS);
        assertEquals(seeded(), page.get("totalResults").asInt());
        List<String> names = userNames(page);
        assertEquals(50, names.size());
        assertEquals("seed0101", names.get(0));
        assertEquals("seed0150", names.get(49));

        List<String> last = userNames(list("/Users?sortBy=userName&sortOrder=descending&count=3" + SEEDS));
        assertEquals(List.of(seed(seeded()), seed(seeded() - 1), seed(seeded() - 2)), last);
    }

    /**
     * Neither directory's schema names an ORDERING rule for uid: 389 orders it by its syntax anyway, while in
     * slapd a plain {@code (uid>=v)} is Undefined, so the bridge compares by caseIgnoreOrderingMatch there.
     */
    @Test
    void orderingFiltersOnUserNameCompareAsTheDirectoryOrdersText() {
        String last = seed(seeded());
        String beforeLast = seed(seeded() - 1);
        String third = seed(seeded() - 2);
        assertEquals(List.of(beforeLast, last), sortedNames("userName gt \"" + third.toUpperCase(Locale.ROOT) + "\""));
        assertEquals(List.of(third, beforeLast, last), sortedNames("userName ge \"" + third + "\""));
        assertEquals(List.of("seed0001"), sortedNames("userName lt \"seed0002\""));
        assertEquals(List.of("seed0001", "seed0002"), sortedNames("userName le \"Seed0002\""));
        assertEquals(List.of("seed0002"), sortedNames("userName gt \"seed0001\" and userName lt \"seed0003\""));
    }

    @Test
    void aCursorWalkReadsEverySeededUserOnce() {
        Set<String> seen = new LinkedHashSet<>();
        String cursor = "";
        int pages = 0;
        while (cursor != null) {
            JsonNode page = list("/Users?count=" + cursorPageSize() + "&sortBy=userName&cursor=" + cursor + SEEDS);
            assertTotalRightOrAbsent(page, seeded());
            for (String name : userNames(page)) {
                assertTrue(seen.add(name), () -> name + " came twice");
            }
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
            pages++;
        }
        assertEquals(seeded(), seen.size());
        assertEquals((seeded() + cursorPageSize() - 1) / cursorPageSize(), pages,
                seeded() + " users in pages of " + cursorPageSize());
        assertEquals("seed0001", seen.iterator().next(), "the walk is sorted by userName");
    }

    /** RFC 9865 lets a cursor page leave totalResults out; a page that has it must be right. */
    private static void assertTotalRightOrAbsent(JsonNode page, int total) {
        if (page.has("totalResults")) {
            assertEquals(total, page.get("totalResults").asInt(), "totalResults of a cursor page");
        }
    }

    @Test
    void cursorPagesSortedOrNotGiveTheRightTotalOrNone() {
        int total = list("/Users?count=0").get("totalResults").asInt();
        for (String sort : List.of("", "&sortBy=name.familyName", "&sortBy=userName&sortOrder=descending")) {
            int walked = 0;
            String cursor = "";
            while (cursor != null) {
                JsonNode page = list("/Users?attributes=userName&count=" + cursorPageSize() + "&cursor=" + cursor + sort);
                assertTotalRightOrAbsent(page, total);
                walked += page.get("Resources").size();
                cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
            }
            assertEquals(total, walked, "the walk" + sort);
        }
    }

    @Test
    void patchChangesAttributesAndARenameKeepsTheId() {
        String id = createUser("grace.hopper", null, null).get("id").asText();
        JsonNode patched = scim.patch("/Users/" + id, patch(
                "{\"op\":\"replace\",\"value\":{\"title\":\"Rear Admiral\",\"displayName\":\"Grace Hopper\"}}",
                "{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"grace.brewster\"}")).expect(200);
        assertEquals("grace.brewster", patched.get("userName").asText());
        assertEquals(id, patched.get("id").asText());

        assertNull(directory().entry("uid=grace.hopper," + PEOPLE), "the old DN is gone");
        SearchResultEntry renamed = directory().entry("uid=grace.brewster," + PEOPLE);
        assertNotNull(renamed, "modify-DN moved the entry");
        assertEquals(id, renamed.getAttributeValue("entryUUID"));
        assertEquals("Rear Admiral", renamed.getAttributeValue("title"));
        JsonNode read = scim.get("/Users/" + id).expect(200);
        assertEquals("grace.brewster", read.get("userName").asText());
        assertEquals("Grace Hopper", read.get("displayName").asText());
    }

    @Test
    void aPasswordIsWrittenToUserPasswordAndNeverReturned() {
        JsonNode created = createUser("ada.byron", null, "First-pass-1815");
        assertFalse(created.has("password"));
        String id = created.get("id").asText();
        String dn = "uid=ada.byron," + PEOPLE;
        assertTrue(directory().entry(dn).getAttributeValue("userPassword").startsWith(passwordScheme()),
                "the directory hashes the cleartext the bridge writes");
        assertTrue(canBind(dn, "First-pass-1815"));

        JsonNode patched = scim.patch("/Users/" + id,
                patch("{\"op\":\"replace\",\"path\":\"password\",\"value\":\"Second-pass-1852\"}")).expect(200);
        assertFalse(patched.has("password"));
        assertFalse(canBind(dn, "First-pass-1815"));
        assertTrue(canBind(dn, "Second-pass-1852"));
        assertFalse(scim.get("/Users/" + id).body().contains("Second-pass-1852"));
    }

    @Test
    void groupMembersChangeByValueAndShowInTheUsersGroups() {
        String first = createUser("member.one", null, null).get("id").asText();
        String second = createUser("member.two", null, null).get("id").asText();
        JsonNode group = scim.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Analytical Engines\",\"members\":[{\"value\":\"" + first + "\"}]}").expect(201);
        String groupId = group.get("id").asText();
        String groupDn = "cn=Analytical Engines," + GROUPS;
        assertEquals(directory().entry(groupDn).getAttributeValue("entryUUID"), groupId);
        assertEquals(List.of(groupId), groupIds(first), "memberof keeps the user's groups");

        scim.patch("/Groups/" + groupId, patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + second + "\"}]}",
                "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + first + "\\\"]\"}")).expect(200);
        assertEquals(List.of("uid=member.two," + PEOPLE), members(groupDn));
        assertEquals(List.of(), groupIds(first));
        assertEquals(List.of(groupId), groupIds(second));

        JsonNode emptied = scim.patch("/Groups/" + groupId, patch("{\"op\":\"remove\",\"path\":\"members\"}"))
                .expect(200);
        assertTrue(emptied.path("members").isMissingNode() || emptied.get("members").isEmpty(), emptied::toString);
        assertEquals(membersOfAnEmptyGroup(), members(groupDn), "what the directory's groupOfNames keeps");
        assertEquals(List.of(), groupIds(second));
        JsonNode read = scim.get("/Groups/" + groupId).expect(200);
        assertTrue(read.path("members").isMissingNode() || read.get("members").isEmpty(), read::toString);

        scim.delete("/Groups/" + groupId).expectNoContent();
        assertNull(directory().entry(groupDn));
    }

    @Test
    void deletingAUserTakesItOutOfItsGroups() {
        String leaving = createUser("leaving.user", null, null).get("id").asText();
        String staying = createUser("staying.user", null, null).get("id").asText();
        String groupId = scim.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Difference Engines\",\"members\":[{\"value\":\"" + leaving + "\"},{\"value\":\""
                + staying + "\"}]}").expect(201).get("id").asText();

        scim.delete("/Users/" + leaving).expectNoContent();
        scim.get("/Users/" + leaving).expectError(404, null);
        assertNull(directory().entry("uid=leaving.user," + PEOPLE));
        assertEquals(List.of("uid=staying.user," + PEOPLE), members("cn=Difference Engines," + GROUPS),
                "refint removed the deleted member");
        JsonNode group = scim.get("/Groups/" + groupId).expect(200);
        assertEquals(1, group.get("members").size());
        assertEquals(staying, group.get("members").get(0).get("value").asText());
    }

    /**
     * modifyTimestamp counts whole seconds (and slapd's memberof overlay does not touch it), so a version made
     * of it alone would let a stale If-Match through after a quick second write or a membership change.
     */
    @Test
    void everyWriteAndEveryMembershipChangeGivesTheUserANewVersion() {
        String id = createUser("quick.writer", null, null).get("id").asText();
        Set<String> versions = new LinkedHashSet<>();
        versions.add(scim.get("/Users/" + id).header("ETag"));
        for (String title : List.of("First", "Second", "Third")) {
            scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"" + title + "\"}"))
                    .expect(200);
            assertTrue(versions.add(scim.get("/Users/" + id).header("ETag")), () -> title + ": same ETag " + versions);
        }
        String groupId = scim.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Quick Writers\",\"members\":[{\"value\":\"" + id + "\"}]}").expect(201)
                .get("id").asText();
        assertTrue(versions.add(scim.get("/Users/" + id).header("ETag")), "joining a group changes the user");
        String current = scim.get("/Users/" + id).header("ETag");
        String title = patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Fourth\"}");
        scim.patchIfMatch("/Users/" + id, title, versions.iterator().next()).expectError(412, null);
        scim.patchIfMatch("/Users/" + id, title, current).expect(200);
        String groupVersion = scim.get("/Groups/" + groupId).header("ETag");
        scim.patch("/Groups/" + groupId, patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Quick\"}"))
                .expect(200);
        assertFalse(groupVersion.equals(scim.get("/Groups/" + groupId).header("ETag")));
    }

    /** Neither directory advertises Permissive Modify, so the bridge must not send a duplicate or absent value. */
    @Test
    void addingAMemberTwiceOrRemovingAStrangerChangesNothing() {
        String member = createUser("twice.added", null, null).get("id").asText();
        String stranger = createUser("never.member", null, null).get("id").asText();
        String groupId = scim.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Twice\",\"members\":[{\"value\":\"" + member + "\"}]}").expect(201)
                .get("id").asText();
        scim.patch("/Groups/" + groupId, patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + member + "\"}]}",
                "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + stranger + "\\\"]\"}")).expect(200);
        assertEquals(List.of("uid=twice.added," + PEOPLE), members("cn=Twice," + GROUPS));
    }

    @Test
    void namesWithDnAndFilterSpecialCharactersAreEscaped() {
        String userName = "o'brien,jr+x=(1)*\\";
        String json = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                + userName.replace("\\", "\\\\") + "\",\"externalId\":\"*)(uid=*\",\"name\":{\"familyName\":\"O'Brien\"}}";
        JsonNode created = scim.post("/Users", json).expect(201);
        String id = created.get("id").asText();
        assertEquals(userName, created.get("userName").asText());
        String filter = "userName eq \"" + userName.replace("\\", "\\\\") + "\"";
        assertEquals(List.of(id), ids(list("/Users?filter=" + encode(filter))));
        assertEquals(List.of(id), ids(list("/Users?filter=" + encode("externalId eq \"*)(uid=*\""))));

        JsonNode renamed = scim.patch("/Users/" + id,
                patch("{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"plain.name\"}")).expect(200);
        assertEquals(id, renamed.get("id").asText());
        assertEquals(id, directory().entry("uid=plain.name," + PEOPLE).getAttributeValue("entryUUID"));
    }

    @Test
    void aPutReplacesTheUser() {
        String id = createUser("put.replaced", null, null).get("id").asText();
        JsonNode replaced = scim.put("/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"put.replaced\",\"name\":{\"familyName\":\"Replaced\"},\"title\":\"New\"}")
                .expect(200);
        assertFalse(replaced.has("emails"), replaced::toString);
        SearchResultEntry entry = directory().entry("uid=put.replaced," + PEOPLE);
        assertNull(entry.getAttributeValue("mail"));
        assertEquals("Replaced", entry.getAttributeValue("sn"));
        assertEquals("New", entry.getAttributeValue("title"));
    }

    @Test
    void hostileFilterValuesAreEscapedForTheDirectory() {
        JsonNode found = list("/Users?filter=" + encode("userName eq \"*)(uid=*\""));
        assertEquals(0, found.get("totalResults").asInt());
        scim.get("/Users?filter=" + encode("userName eq")).expectError(400, "invalidFilter");
        scim.get("/Users?sortBy=active").expectError(400, "invalidValue");
    }

    /** The real check-config command, on the preset pointed at this live directory and a journal database. */
    @Test
    void checkConfigAcceptsThePresetAgainstTheLiveSchemaAndNamesABrokenMapping(@TempDir Path temp) throws Exception {
        ScriptedDirectoryServer directory = directory();
        PresetCheck.Result fine = PresetCheck.run(preset(), directory.url(), directory.bridgeBindDn(),
                directory.bridgeBindPassword(), temp.resolve("fine"), UnaryOperator.identity());
        assertEquals(0, fine.exit(), fine::toString);
        assertTrue(fine.out().contains("configuration OK: [/Users, /Groups]"), fine::toString);

        BrokenMapping mistake = brokenMapping();
        PresetCheck.Result broken = PresetCheck.run(preset(), directory.url(), directory.bridgeBindDn(),
                directory.bridgeBindPassword(), temp.resolve("broken"),
                text -> text.replace(mistake.original(), mistake.broken()));
        assertEquals(2, broken.exit(), broken::toString);
        assertTrue(broken.err().contains(mistake.error()), broken::toString);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    int seeded() {
        return directory().seededUsers();
    }

    JsonNode createUser(String userName, String externalId, String password) {
        String[] parts = userName.split("\\.");
        String given = Character.toUpperCase(parts[0].charAt(0)) + parts[0].substring(1);
        String family = Character.toUpperCase(parts[1].charAt(0)) + parts[1].substring(1);
        String json = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName + "\","
                + (externalId == null ? "" : "\"externalId\":\"" + externalId + "\",")
                + (password == null ? "" : "\"password\":\"" + password + "\",")
                + "\"name\":{\"givenName\":\"" + given + "\",\"familyName\":\"" + family + "\"},"
                + "\"emails\":[{\"type\":\"work\",\"primary\":true,\"value\":\"" + userName + "@example.com\"}]}";
        return scim.post("/Users", json).expect(201);
    }

    static String patch(String... operations) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
                + String.join(",", operations) + "]}";
    }

    JsonNode list(String path) {
        return scim.get(path).expect(200);
    }

    static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("Resources").forEach(resource -> ids.add(resource.get("id").asText()));
        return ids;
    }

    static List<String> userNames(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("Resources").forEach(resource -> names.add(resource.get("userName").asText()));
        return names;
    }

    /** The userName of the seeded user number {@code number}. */
    static String seed(int number) {
        return String.format("seed%04d", number);
    }

    /** The userNames of seeded users matching {@code filter}, sorted by userName. */
    private List<String> sortedNames(String filter) {
        return userNames(list("/Users?sortBy=userName&filter=" + encode("userName sw \"seed\" and (" + filter + ")")));
    }

    private List<String> groupIds(String userId) {
        JsonNode user = scim.get("/Users/" + userId).expect(200);
        List<String> ids = new ArrayList<>();
        user.path("groups").forEach(group -> ids.add(group.get("value").asText()));
        return ids;
    }

    private List<String> members(String groupDn) {
        String[] values = directory().entry(groupDn).getAttributeValues("member");
        return values == null ? List.of() : List.of(values);
    }

    boolean canBind(String dn, String password) {
        return bindResult(dn, password) == ResultCode.SUCCESS;
    }

    ResultCode bindResult(String dn, String password) {
        try (LDAPConnection connection = directory().connect()) {
            return connection.bind(dn, password).getResultCode();
        } catch (LDAPException e) {
            return e.getResultCode();
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

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
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.ldapscim.bridge.testsupport.Ds389Server;
import org.ldapscim.bridge.testsupport.LdapConfigs;
import org.ldapscim.bridge.testsupport.PresetBridge;
import org.ldapscim.bridge.testsupport.PresetCheck;
import org.ldapscim.bridge.testsupport.ScimClient;

/**
 * The SCIM scenarios of {@link OpenLdapIT} against a real 389 Directory Server 2.x (MemberOf, Referential
 * Integrity and USN plugins), through the shipped {@code config/389ds} preset checked against 389's own schema,
 * with the bridge bound as an ordinary service account rather than Directory Manager. The tests share one
 * server, so each works on users and groups of its own names; the seeded users {@code seed0001 ..} are only
 * read. There are more of them than 389's default non-root size limit (2000), so the service account's
 * {@code nsSizeLimit: -1} and friends are what let the bridge count and walk them.
 */
class Ds389IT {
    private static final int SEEDED = 2100;
    private static final String TOKEN = "ds389-it-token-7b2e90c4d1a6";
    private static final String PEOPLE = Ds389Server.PEOPLE;
    private static final String GROUPS = Ds389Server.GROUPS;
    private static final String SEEDS = "&filter=" + encode("userName sw \"seed\"");

    @RegisterExtension
    static final Ds389Server ds = new Ds389Server(SEEDED);

    private static PresetBridge bridge;
    private static ScimClient scim;

    @BeforeAll
    static void startBridge() {
        bridge = PresetBridge.start("389ds", LdapConfigs.of(ds.url(), Ds389Server.SERVICE_ACCOUNT,
                Ds389Server.SERVICE_PASSWORD, 4), TOKEN);
        scim = bridge.scim();
    }

    @AfterAll
    static void stopBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void aCreatedUserIsReadByItsEntryUuidAndFoundByFilters() {
        JsonNode created = createUser("ada.lovelace", "ext-ada", null);
        String id = created.get("id").asText();
        SearchResultEntry entry = ds.entry("uid=ada.lovelace," + PEOPLE);
        assertNotNull(entry, "the user is in 389-DS");
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
        assertEquals(SEEDED, list("/Users?count=0" + SEEDS).get("totalResults").asInt(),
                "more than the 2000 entries 389 gives a non-root bind without nsSizeLimit: -1");
        scim.get("/Users/" + "00000000-0000-0000-0000-000000000000").expectError(404, null);
    }

    @Test
    void indexPagesAreSortedByUserNameAs389OrdersIt() {
        JsonNode page = list("/Users?sortBy=userName&startIndex=101&count=50" + SEEDS);
        assertEquals(SEEDED, page.get("totalResults").asInt());
        List<String> names = userNames(page);
        assertEquals(50, names.size());
        assertEquals("seed0101", names.get(0));
        assertEquals("seed0150", names.get(49));

        List<String> last = userNames(list("/Users?sortBy=userName&sortOrder=descending&count=3" + SEEDS));
        assertEquals(List.of("seed2100", "seed2099", "seed2098"), last);

        List<String> deep = userNames(list("/Users?sortBy=userName&startIndex=2051&count=3" + SEEDS));
        assertEquals(List.of("seed2051", "seed2052", "seed2053"), deep, "past the 2000 of the default size limit");

        // title has no index: the candidate list is every entry (ALLIDS), which the raised idlistscanlimit sorts.
        String unindexed = "&filter=" + encode("title pr or userName sw \"seed\"");
        assertEquals(List.of("seed2100", "seed2099"),
                userNames(list("/Users?sortBy=userName&sortOrder=descending&count=2" + unindexed)));
        assertEquals(List.of("seed2098", "seed2097"),
                userNames(list("/Users?sortBy=userName&sortOrder=descending&startIndex=3&count=2" + unindexed)));
    }

    /** 389 orders uid by its syntax although its schema names no ORDERING rule: the plain filters work. */
    @Test
    void orderingFiltersOnUserNameCompareAsTheDirectoryOrdersText() {
        assertEquals(List.of("seed2099", "seed2100"), sortedNames("userName gt \"SEED2098\""));
        assertEquals(List.of("seed2098", "seed2099", "seed2100"), sortedNames("userName ge \"seed2098\""));
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
            JsonNode page = list("/Users?count=200&sortBy=userName&cursor=" + cursor + SEEDS);
            for (String name : userNames(page)) {
                assertTrue(seen.add(name), () -> name + " came twice");
            }
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
            pages++;
        }
        assertEquals(SEEDED, seen.size());
        assertEquals(11, pages, "2100 users in pages of 200");
        assertEquals("seed0001", seen.iterator().next(), "the walk is sorted by userName");
    }

    @Test
    void patchChangesAttributesAndARenameKeepsTheId() {
        String id = createUser("grace.hopper", null, null).get("id").asText();
        JsonNode patched = scim.patch("/Users/" + id, patch(
                "{\"op\":\"replace\",\"value\":{\"title\":\"Rear Admiral\",\"displayName\":\"Grace Hopper\"}}",
                "{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"grace.brewster\"}")).expect(200);
        assertEquals("grace.brewster", patched.get("userName").asText());
        assertEquals(id, patched.get("id").asText());

        assertNull(ds.entry("uid=grace.hopper," + PEOPLE), "the old DN is gone");
        SearchResultEntry renamed = ds.entry("uid=grace.brewster," + PEOPLE);
        assertNotNull(renamed, "modify-DN moved the entry");
        assertEquals(id, renamed.getAttributeValue("entryUUID"));
        assertEquals("Rear Admiral", renamed.getAttributeValue("title"));
        JsonNode read = scim.get("/Users/" + id).expect(200);
        assertEquals("grace.brewster", read.get("userName").asText());
        assertEquals("Grace Hopper", read.get("displayName").asText());
    }

    @Test
    void activeInactivatesTheAccountWithNsAccountLock() {
        String id = createUser("alan.turing", null, "Enigma-1912!").get("id").asText();
        String dn = "uid=alan.turing," + PEOPLE;
        assertTrue(canBind(dn, "Enigma-1912!"));

        assertFalse(scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"))
                .expect(200).get("active").asBoolean());
        assertEquals("true", ds.entry(dn).getAttributeValue("nsAccountLock"));
        assertEquals(ResultCode.UNWILLING_TO_PERFORM, bindResult(dn, "Enigma-1912!"),
                "389 answers 53, account inactivated");
        assertFalse(scim.get("/Users/" + id).expect(200).get("active").asBoolean());

        assertTrue(scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":true}"))
                .expect(200).get("active").asBoolean());
        assertNull(ds.entry(dn).getAttributeValue("nsAccountLock"));
        assertTrue(canBind(dn, "Enigma-1912!"));
    }

    @Test
    void aPasswordIsWrittenToUserPasswordAndNeverReturned() {
        JsonNode created = createUser("ada.byron", null, "First-pass-1815");
        assertFalse(created.has("password"));
        String id = created.get("id").asText();
        String dn = "uid=ada.byron," + PEOPLE;
        assertTrue(ds.entry(dn).getAttributeValue("userPassword").startsWith("{SSHA512}"),
                "389 hashes the cleartext the bridge writes");
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
        assertEquals(ds.entry(groupDn).getAttributeValue("entryUUID"), groupId);
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
        assertEquals(List.of(), members(groupDn), "389's groupOfNames may be empty");
        assertEquals(List.of(), groupIds(second));
        JsonNode read = scim.get("/Groups/" + groupId).expect(200);
        assertTrue(read.path("members").isMissingNode() || read.get("members").isEmpty(), read::toString);

        scim.delete("/Groups/" + groupId).expectNoContent();
        assertNull(ds.entry(groupDn));
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
        assertNull(ds.entry("uid=leaving.user," + PEOPLE));
        assertEquals(List.of("uid=staying.user," + PEOPLE), members("cn=Difference Engines," + GROUPS),
                "refint removed the deleted member");
        JsonNode group = scim.get("/Groups/" + groupId).expect(200);
        assertEquals(1, group.get("members").size());
        assertEquals(staying, group.get("members").get(0).get("value").asText());
    }

    /**
     * 389's modifyTimestamp counts whole seconds, so a version made of it would let a stale If-Match through
     * after a quick second write; entryUSN changes with every write, the MemberOf plugin's included.
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

    /** 389 does not advertise Permissive Modify, so the bridge must not send it a duplicate or absent value. */
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
        assertEquals(id, ds.entry("uid=plain.name," + PEOPLE).getAttributeValue("entryUUID"));
    }

    @Test
    void aPutReplacesTheUser() {
        String id = createUser("put.replaced", null, null).get("id").asText();
        JsonNode replaced = scim.put("/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"put.replaced\",\"name\":{\"familyName\":\"Replaced\"},\"title\":\"New\"}")
                .expect(200);
        assertFalse(replaced.has("emails"), replaced::toString);
        SearchResultEntry entry = ds.entry("uid=put.replaced," + PEOPLE);
        assertNull(entry.getAttributeValue("mail"));
        assertEquals("Replaced", entry.getAttributeValue("sn"));
        assertEquals("New", entry.getAttributeValue("title"));
    }

    @Test
    void hostileFilterValuesAreEscapedFor389() {
        JsonNode found = list("/Users?filter=" + encode("userName eq \"*)(uid=*\""));
        assertEquals(0, found.get("totalResults").asInt());
        scim.get("/Users?filter=" + encode("userName eq")).expectError(400, "invalidFilter");
        scim.get("/Users?sortBy=active").expectError(400, "invalidValue");
    }

    /** The real check-config command, on the preset pointed at this live directory and a journal database. */
    @Test
    void checkConfigAcceptsThePresetAgainstTheLiveSchemaAndNamesABrokenMapping(@TempDir Path temp) throws Exception {
        PresetCheck.Result fine = PresetCheck.run("389ds", ds.url(), Ds389Server.SERVICE_ACCOUNT, Ds389Server.SERVICE_PASSWORD, temp.resolve("fine"),
                UnaryOperator.identity());
        assertEquals(0, fine.exit(), fine::toString);
        assertTrue(fine.out().contains("configuration OK: [/Users, /Groups]"), fine::toString);

        PresetCheck.Result broken = PresetCheck.run("389ds", ds.url(), Ds389Server.SERVICE_ACCOUNT, Ds389Server.SERVICE_PASSWORD, temp.resolve("broken"),
                text -> text.replace("ldap: nsAccountLock", "ldap: nsAccountLok"));
        assertEquals(2, broken.exit(), broken::toString);
        assertTrue(broken.err().contains("users.yaml: attributes(active).ldap: attribute nsAccountLok is not in the directory schema"), broken::toString);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static JsonNode createUser(String userName, String externalId, String password) {
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

    private static String patch(String... operations) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
                + String.join(",", operations) + "]}";
    }

    private static JsonNode list(String path) {
        return scim.get(path).expect(200);
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("Resources").forEach(resource -> ids.add(resource.get("id").asText()));
        return ids;
    }

    private static List<String> userNames(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("Resources").forEach(resource -> names.add(resource.get("userName").asText()));
        return names;
    }

    /** The userNames of seeded users matching {@code filter}, sorted by userName. */
    private static List<String> sortedNames(String filter) {
        return userNames(list("/Users?sortBy=userName&filter=" + encode("userName sw \"seed\" and (" + filter + ")")));
    }

    private static List<String> groupIds(String userId) {
        JsonNode user = scim.get("/Users/" + userId).expect(200);
        List<String> ids = new ArrayList<>();
        user.path("groups").forEach(group -> ids.add(group.get("value").asText()));
        return ids;
    }

    private static List<String> members(String groupDn) {
        String[] values = ds.entry(groupDn).getAttributeValues("member");
        return values == null ? List.of() : List.of(values);
    }

    private static boolean canBind(String dn, String password) {
        return bindResult(dn, password) == ResultCode.SUCCESS;
    }

    private static ResultCode bindResult(String dn, String password) {
        try (LDAPConnection connection = ds.connect()) {
            return connection.bind(dn, password).getResultCode();
        } catch (LDAPException e) {
            return e.getResultCode();
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

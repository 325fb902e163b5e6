package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.e2e.UserLifecycleIT.patch;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.PLACEHOLDER;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_GROUP;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.groupDn;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.userDn;
import static org.ldapscim.bridge.testsupport.ScimResponse.texts;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;

/** Groups and their members through the HTTP API, in the shapes Entra and Okta send, against groupOfNames. */
class GroupMembershipIT {
    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest();

    private static final String GUILD = "Platform Guild";
    private static final String GUILD_DN = groupDn(GUILD);
    private static final String HELENA_DN = userDn("helena.marsh@example.com");
    private static final String LINDA_DN = userDn("linda.evans@example.com");
    private static final String JOERG_DN = userDn("joerg.mueller@example.com");
    private static final String UNKNOWN_ID = "00000000-0000-0000-0000-000000000000";

    /** Creates the guild with the given members (DNs of demo entries) through the API; returns its id. */
    private static String createGuild(String... memberDns) {
        String members = Arrays.stream(memberDns)
                .map(dn -> "{\"value\": \"" + bridge.idOf(dn) + "\"}").collect(Collectors.joining(", "));
        JsonNode group = bridge.post("/Groups", """
                {"schemas": ["%s"], "displayName": "%s", "members": [%s]}""".formatted(SCHEMA_GROUP, GUILD, members))
                .expect(201);
        return group.get("id").asText();
    }

    @Test
    void deletingTheLastMemberOfAGroupPutsThePlaceholderBack() {
        String id = createGuild(JOERG_DN);
        bridge.delete("/Users/" + bridge.idOf(JOERG_DN)).expectNoContent();

        // The directory's referential integrity dropped the member; the group must still be a valid entry.
        assertMembers(GUILD_DN, PLACEHOLDER);
        assertNoMembers(bridge.get("/Groups/" + id).expect(200));
        bridge.patch("/Groups/" + id, patch("""
                {"op": "replace", "path": "displayName", "value": "Platform Guild Two"}""")).expect(200);
        assertTrue(bridge.journalEntries().get(1).changes().has("placeholderAddedTo"),
                "the journal of the delete names the group it refilled");
    }

    @Test
    void aGroupCannotBeItsOwnMember() {
        String id = createGuild(HELENA_DN);
        bridge.patch("/Groups/" + id, patch("""
                {"op": "add", "path": "members", "value": [{"value": "%s"}]}""".formatted(id)))
                .expectError(400, "invalidValue");
        assertMembers(GUILD_DN, HELENA_DN);
    }

    @Test
    void aGroupCreatedWithoutMembersHoldsOnlyThePlaceholderThatScimNeverShows() {
        var response = bridge.post("/Groups", """
                {"schemas": ["%s"], "displayName": "%s", "members": []}""".formatted(SCHEMA_GROUP, GUILD));
        JsonNode group = response.expect(201);

        assertNoMembers(group);
        assertEquals(GUILD, group.get("displayName").asText());
        assertEquals(bridge.idOf(GUILD_DN), group.get("id").asText());
        assertEquals(group.at("/meta/location").asText(), response.header("Location"));
        assertMembers(GUILD_DN, PLACEHOLDER);
        assertNoMembers(bridge.get("/Groups/" + group.get("id").asText()).expect(200));

        JsonNode withoutMembersField = bridge.post("/Groups", """
                {"schemas": ["%s"], "displayName": "Second Guild"}""".formatted(SCHEMA_GROUP)).expect(201);
        assertNoMembers(withoutMembersField);
        assertMembers(groupDn("Second Guild"), PLACEHOLDER);
    }

    @Test
    void addingMembersToAnEmptyGroupTakesThePlaceholderOut() {
        String id = createGuild();

        JsonNode group = bridge.patch("/Groups/" + id, patch("""
                {"op": "Add", "path": "members", "value": [{"value": "%s"}, {"value": "%s"}]}"""
                .formatted(bridge.idOf(HELENA_DN), bridge.idOf(LINDA_DN)))).expect(200);

        assertEquals(Set.of(bridge.idOf(HELENA_DN), bridge.idOf(LINDA_DN)), memberIds(group));
        for (JsonNode member : group.get("members")) {
            assertEquals("User", member.get("type").asText());
            assertEquals(bridge.baseUrl() + "/Users/" + member.get("value").asText(), member.get("$ref").asText());
        }
        assertEquals("Helena Marsh", memberWithId(group, bridge.idOf(HELENA_DN)).get("display").asText());
        assertMembers(GUILD_DN, HELENA_DN, LINDA_DN);
        JournalEntry journaled = bridge.journalEntries().get(1);
        assertEquals(Operation.PATCH, journaled.operation());
        assertEquals(Outcome.SUCCEEDED, journaled.outcome());
        assertEquals(id, journaled.resourceId());
        assertEquals(dns(HELENA_DN, LINDA_DN), dnSet(texts(journaled.changes().at("/member/added"))));
        assertEquals(dns(PLACEHOLDER), dnSet(texts(journaled.changes().at("/member/removed"))));
    }

    @Test
    void replacingAllMembersJournalsTheMembersBeforeAndAfter() {
        String id = createGuild(HELENA_DN, LINDA_DN);

        bridge.patch("/Groups/" + id, patch("""
                {"op": "replace", "path": "members", "value": [{"value": "%s"}]}""".formatted(bridge.idOf(JOERG_DN))))
                .expect(200);

        assertMembers(GUILD_DN, JOERG_DN);
        JsonNode replaced = bridge.journalEntries().get(1).changes();
        assertEquals(dns(HELENA_DN, LINDA_DN), dnSet(texts(replaced.at("/member/before"))), replaced.toString());
        assertEquals(dns(JOERG_DN), dnSet(texts(replaced.at("/member/after"))), replaced.toString());

        bridge.patch("/Groups/" + id, patch("""
                {"op": "remove", "path": "members"}""")).expect(200);

        JsonNode emptied = bridge.journalEntries().get(2).changes();
        assertEquals(dns(JOERG_DN), dnSet(texts(emptied.at("/member/before"))), emptied.toString());
        assertEquals(dns(PLACEHOLDER), dnSet(texts(emptied.at("/member/after"))), emptied.toString());
    }

    @Test
    void entraRemovesOneMemberWithPathMembersAndAValueArray() {
        String id = createGuild(HELENA_DN, LINDA_DN);

        JsonNode group = bridge.patch("/Groups/" + id, patch("""
                {"op": "Remove", "path": "members", "value": [{"$ref": null, "value": "%s"}]}"""
                .formatted(bridge.idOf(LINDA_DN)))).expect(200);

        assertEquals(Set.of(bridge.idOf(HELENA_DN)), memberIds(group));
        assertMembers(GUILD_DN, HELENA_DN);
        JournalEntry journaled = bridge.journalEntries().get(1);
        assertEquals(dns(LINDA_DN), dnSet(texts(journaled.changes().at("/member/removed"))));
        assertTrue(journaled.changes().at("/member/before").isMissingNode(),
                "a value delete, not a rewrite of the attribute: " + journaled.changes());
    }

    @Test
    void removingTheLastMemberKeepsThePlaceholderWhereGroupOfNamesRequiresAMember() {
        String id = createGuild(HELENA_DN, LINDA_DN);
        // The shipped schemas make groupOfNames require a member, as RFC 4519 and OpenLDAP do.
        bridge.patch("/Groups/" + id, patch("""
                {"op": "Remove", "path": "members", "value": [{"value": "%s"}]}""".formatted(bridge.idOf(LINDA_DN))))
                .expect(200);
        assertMembers(GUILD_DN, HELENA_DN);

        JsonNode emptied = bridge.patch("/Groups/" + id, patch("""
                {"op": "remove", "path": "members[value eq \\"%s\\"]"}""".formatted(bridge.idOf(HELENA_DN))))
                .expect(200);

        assertNoMembers(emptied);
        assertMembers(GUILD_DN, PLACEHOLDER);
        JournalEntry journaled = bridge.journalEntries().get(2);
        assertEquals(Outcome.SUCCEEDED, journaled.outcome());
        assertEquals(dns(PLACEHOLDER), dnSet(texts(journaled.changes().at("/member/added"))));
        assertEquals(dns(HELENA_DN), dnSet(texts(journaled.changes().at("/member/removed"))));

        bridge.patch("/Groups/" + id, patch("""
                {"op": "add", "path": "members", "value": [{"value": "%s"}]}""".formatted(bridge.idOf(JOERG_DN))))
                .expect(200);
        assertMembers(GUILD_DN, JOERG_DN);
    }

    /**
     * Runs {@code test} while the directory's groupOfNames requires a member, as RFC 4519 and OpenLDAP's
     * core schema have it. The schema is not part of the directory snapshot, so it is put back afterwards.
     */

    @Test
    void oktaRemovesByFilterAndAddsInOnePatch() {
        String id = createGuild(HELENA_DN, LINDA_DN);

        JsonNode group = bridge.patch("/Groups/" + id, patch("""
                {"op": "remove", "path": "members[value eq \\"%s\\"]"},
                {"op": "add", "path": "members", "value": [{"value": "%s", "display": "Jörg"}]}"""
                .formatted(bridge.idOf(LINDA_DN), bridge.idOf(JOERG_DN)))).expect(200);

        assertEquals(Set.of(bridge.idOf(HELENA_DN), bridge.idOf(JOERG_DN)), memberIds(group));
        assertMembers(GUILD_DN, HELENA_DN, JOERG_DN);
        List<JournalEntry> journal = bridge.journalEntries();
        assertEquals(2, journal.size(), "one journal entry for the whole PATCH");
        assertEquals(dns(JOERG_DN), dnSet(texts(journal.get(1).changes().at("/member/added"))));
        assertEquals(dns(LINDA_DN), dnSet(texts(journal.get(1).changes().at("/member/removed"))));
    }

    @Test
    void replacingMembersWithAnEmptyListEmptiesTheGroupInEveryShape() {
        List<String> emptyings = List.of(
                "{\"op\": \"replace\", \"value\": {\"id\": \"%s\", \"displayName\": \"" + GUILD + "\", \"members\": []}}",
                "{\"op\": \"replace\", \"path\": \"members\", \"value\": []}",
                "{\"op\": \"remove\", \"path\": \"members\"}");
        for (String emptying : emptyings) {
            bridge.reset();
            String id = createGuild(HELENA_DN, LINDA_DN);

            JsonNode group = bridge.patch("/Groups/" + id, patch(emptying.formatted(id))).expect(200);

            assertNoMembers(group);
            assertEquals(GUILD, group.get("displayName").asText(), emptying);
            assertMembers(GUILD_DN, PLACEHOLDER);
            assertNoMembers(bridge.get("/Groups/" + id).expect(200));
        }
    }

    @Test
    void reAddingAMemberAndRemovingANonMemberAreQuietSuccesses() {
        String id = createGuild(HELENA_DN, LINDA_DN);
        SearchResultEntry before = bridge.entry(GUILD_DN);

        JsonNode group = bridge.patch("/Groups/" + id, patch("""
                {"op": "Add", "path": "members", "value": [{"value": "%s"}]},
                {"op": "Remove", "path": "members[value eq \\"%s\\"]"}"""
                .formatted(bridge.idOf(HELENA_DN), bridge.idOf(JOERG_DN)))).expect(200);

        assertEquals(Set.of(bridge.idOf(HELENA_DN), bridge.idOf(LINDA_DN)), memberIds(group));
        assertEquals(2, group.get("members").size(), "no duplicate members");
        assertEquals(2, bridge.entry(GUILD_DN).getAttributeValues("member").length);
        assertEquals(before.getAttribute("member"), bridge.entry(GUILD_DN).getAttribute("member"));
    }

    @Test
    void memberAndNamePathsWorkInAnyCase() {
        String id = createGuild(HELENA_DN, LINDA_DN);

        JsonNode group = bridge.patch("/Groups/" + id, patch("""
                {"op": "Add", "path": "Members", "value": [{"Value": "%s"}]},
                {"op": "Remove", "path": "MEMBERS[VALUE eq \\"%s\\"]"},
                {"op": "Replace", "path": "DisplayName", "value": "Platform Circle"}"""
                .formatted(bridge.idOf(JOERG_DN), bridge.idOf(LINDA_DN)))).expect(200);

        assertEquals("Platform Circle", group.get("displayName").asText());
        assertEquals(Set.of(bridge.idOf(HELENA_DN), bridge.idOf(JOERG_DN)), memberIds(group));
        assertMembers(groupDn("Platform Circle"), HELENA_DN, JOERG_DN);
    }

    @Test
    void aMemberIdThatNamesNothingIs400InvalidValueAndChangesNothing() {
        String id = createGuild(HELENA_DN);
        SearchResultEntry before = bridge.entry(GUILD_DN);

        bridge.patch("/Groups/" + id, patch("""
                {"op": "add", "path": "members", "value": [{"value": "%s"}, {"value": "%s"}]}"""
                .formatted(bridge.idOf(LINDA_DN), UNKNOWN_ID))).expectError(400, "invalidValue");
        bridge.patch("/Groups/" + id, patch("""
                {"op": "replace", "path": "members", "value": [{"value": "not-a-uuid"}]}"""))
                .expectError(400, "invalidValue");
        bridge.post("/Groups", """
                {"schemas": ["%s"], "displayName": "Ghost Club", "members": [{"value": "%s"}]}"""
                .formatted(SCHEMA_GROUP, UNKNOWN_ID)).expectError(400, "invalidValue");

        assertEquals(before, bridge.entry(GUILD_DN));
        assertNull(bridge.entry(groupDn("Ghost Club")));
        assertEquals(List.of(Operation.CREATE), bridge.journalEntries().stream().map(JournalEntry::operation).toList(),
                "refused writes never reach the directory or the journal");
    }

    @Test
    void aGroupCanBeAMemberAndShowsAsTypeGroup() {
        String id = createGuild(HELENA_DN);
        String backendId = bridge.idOf(groupDn("Backend"));

        JsonNode group = bridge.patch("/Groups/" + id, patch("""
                {"op": "add", "path": "members", "value": [{"value": "%s", "type": "Group"}]}""".formatted(backendId)))
                .expect(200);

        JsonNode backend = memberWithId(group, backendId);
        assertEquals("Group", backend.get("type").asText());
        assertEquals("Backend", backend.get("display").asText());
        assertEquals(bridge.baseUrl() + "/Groups/" + backendId, backend.get("$ref").asText());
        assertEquals("User", memberWithId(group, bridge.idOf(HELENA_DN)).get("type").asText());
        assertMembers(GUILD_DN, HELENA_DN, groupDn("Backend"));
        JsonNode helena = bridge.get("/Users/" + bridge.idOf(HELENA_DN) + "?attributes=groups").expect(200);
        assertTrue(idsOf(helena.get("groups")).contains(id), "the user's groups list the new group: " + helena);
    }

    @Test
    void allStaffShowsAll1600MembersAndNoneWhenMembersAreExcluded() {
        String allStaffId = bridge.idOf(groupDn("All Staff"));
        Set<String> everyUser = new HashSet<>();
        try {
            for (var entry : bridge.directory().search(BridgeUnderTest.PEOPLE, SearchScope.ONE,
                    "(objectClass=inetOrgPerson)", "entryUUID").getSearchEntries()) {
                everyUser.add(entry.getAttributeValue("entryUUID"));
            }
        } catch (LDAPException e) {
            throw new AssertionError(e);
        }
        assertEquals(1600, everyUser.size());

        long started = System.nanoTime();
        JsonNode group = bridge.get("/Groups/" + allStaffId).expect(200);
        long coldMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        bridge.get("/Groups/" + allStaffId).expect(200);
        long warmMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("timing: GET /Groups/{All Staff} with 1,600 members: %d ms cold, %d ms warm%n",
                coldMillis, warmMillis);

        assertEquals(1600, group.get("members").size());
        assertEquals(everyUser, memberIds(group));
        JsonNode slim = bridge.get("/Groups/" + allStaffId + "?excludedAttributes=members").expect(200);
        assertNull(slim.get("members"), "excludedAttributes=members shows none");
        assertEquals("All Staff", slim.get("displayName").asText());
        JsonNode listed = bridge.get("/Groups?filter=displayName%20eq%20%22All%20Staff%22&excludedAttributes=members")
                .expect(200);
        assertNull(listed.at("/Resources/0").get("members"));
    }

    @Test
    void aDisplayNameWithCommaPlusAndQuotesMakesAnEscapedDn() {
        String name = "Ops, \"Night\" + Weekend; <On-Call>";
        String json = """
                {"schemas": ["%s"], "displayName": "Ops, \\"Night\\" + Weekend; <On-Call>", "members": [{"value": "%s"}]}"""
                .formatted(SCHEMA_GROUP, bridge.idOf(HELENA_DN));

        JsonNode group = bridge.post("/Groups", json).expect(201);

        assertEquals(name, group.get("displayName").asText());
        String expectedDn = "cn=Ops\\, \\\"Night\\\" \\+ Weekend\\; \\<On-Call\\>,ou=groups,dc=example,dc=com";
        SearchResultEntry entry = bridge.entry(expectedDn);
        assertEquals(name, entry.getAttributeValue("cn"));
        assertEquals(group.get("id").asText(), entry.getAttributeValue("entryUUID"));
        assertEquals(1, rdnValues(entry), "one RDN value, not a multi-valued RDN");
        JsonNode found = bridge.get("/Groups?filter=displayName%20eq%20%22Ops%2C%20%5C%22Night%5C%22%20%2B%20Weekend%3B"
                + "%20%3COn-Call%3E%22").expect(200);
        assertEquals(1, found.get("totalResults").asInt(), found.toString());
        assertEquals(group.get("id").asText(), found.at("/Resources/0/id").asText());
    }

    @Test
    void renamingAGroupKeepsItsIdAndItsPlaceInOtherGroups() {
        String backendId = bridge.idOf(groupDn("Backend"));
        String engineeringId = bridge.idOf(groupDn("Engineering"));

        JsonNode renamed = bridge.patch("/Groups/" + backendId, patch("""
                {"op": "replace", "path": "displayName", "value": "Backend Platform"}""")).expect(200);

        assertEquals(backendId, renamed.get("id").asText());
        assertEquals("Backend Platform", renamed.get("displayName").asText());
        assertNull(bridge.entry(groupDn("Backend")));
        assertEquals(backendId, bridge.idOf(groupDn("Backend Platform")));
        assertEquals(bridge.entry(groupDn("Backend Platform")).getAttributeValues("member").length,
                renamed.get("members").size(), "members survive the rename");
        JsonNode engineering = bridge.get("/Groups/" + engineeringId).expect(200);
        JsonNode nested = memberWithId(engineering, backendId);
        assertEquals("Backend Platform", nested.get("display").asText());
        assertEquals("Backend Platform", bridge.get("/Groups/" + backendId).expect(200).get("displayName").asText());
        JournalEntry journaled = bridge.journalEntries().get(0);
        assertEquals(groupDn("Backend Platform"), journaled.dn());
        assertEquals(List.of(groupDn("Backend")), texts(journaled.changes().at("/dn/before")));
    }

    @Test
    void putReplacesTheMembersAndTheName() {
        String id = createGuild(HELENA_DN, LINDA_DN);

        JsonNode replaced = bridge.put("/Groups/" + id, """
                {"schemas": ["%s"], "displayName": "Platform Council", "members": [{"value": "%s"}, {"value": "%s"}]}"""
                .formatted(SCHEMA_GROUP, bridge.idOf(LINDA_DN), bridge.idOf(JOERG_DN))).expect(200);

        assertEquals(id, replaced.get("id").asText());
        assertEquals("Platform Council", replaced.get("displayName").asText());
        assertEquals(Set.of(bridge.idOf(LINDA_DN), bridge.idOf(JOERG_DN)), memberIds(replaced));
        assertNull(bridge.entry(GUILD_DN));
        assertMembers(groupDn("Platform Council"), LINDA_DN, JOERG_DN);

        JsonNode emptied = bridge.put("/Groups/" + id, """
                {"schemas": ["%s"], "displayName": "Platform Council", "members": []}""".formatted(SCHEMA_GROUP))
                .expect(200);
        assertNoMembers(emptied);
        assertMembers(groupDn("Platform Council"), PLACEHOLDER);
        JournalEntry journaled = bridge.journalEntries().get(2);
        assertEquals(Operation.REPLACE, journaled.operation());
        assertEquals(dns(LINDA_DN, JOERG_DN), dnSet(texts(journaled.changes().at("/member/before"))));
        assertEquals(dns(PLACEHOLDER), dnSet(texts(journaled.changes().at("/member/after"))));
    }

    @Test
    void aPathlessReplaceWithMembersRewritesTheList() {
        String id = createGuild(HELENA_DN, LINDA_DN);

        JsonNode group = bridge.patch("/Groups/" + id, patch("""
                {"op": "replace", "value": {"members": [{"value": "%s"}, {"value": "%s"}]}}"""
                .formatted(bridge.idOf(LINDA_DN), bridge.idOf(JOERG_DN)))).expect(200);

        assertEquals(Set.of(bridge.idOf(LINDA_DN), bridge.idOf(JOERG_DN)), memberIds(group));
        assertMembers(GUILD_DN, LINDA_DN, JOERG_DN);
    }

    /** The PATCH reads the group without its members; an answer after no change must still show them. */
    @Test
    void aPatchThatChangesNothingAnswersTheGroupWithItsMembers() {
        String id = createGuild(HELENA_DN, LINDA_DN);
        JsonNode group = bridge.patch("/Groups/" + id, patch("""
                {"op": "replace", "path": "displayName", "value": "%s"}""".formatted(GUILD))).expect(200);
        assertEquals(Set.of(bridge.idOf(HELENA_DN), bridge.idOf(LINDA_DN)), memberIds(group));
    }

    @Test
    void concurrentPatchesAddingMembersLoseNone() throws Exception {
        String id = createGuild();
        List<String> userDns = new ArrayList<>();
        for (SearchResultEntry user : bridge.directory().search(BridgeUnderTest.PEOPLE,
                SearchScope.ONE, "(departmentNumber=Engineering)", "1.1").getSearchEntries()
                .subList(0, 50)) {
            userDns.add(user.getDN());
        }
        bridge.traffic().record();
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (String dn : userDns) {
                String memberId = bridge.idOf(dn);
                statuses.add(pool.submit(() -> bridge.patch("/Groups/" + id, patch("""
                        {"op": "add", "path": "members", "value": [{"value": "%s"}]}""".formatted(memberId))).status()));
            }
            for (var status : statuses) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertMembers(GUILD_DN, userDns.toArray(String[]::new));
        assertEquals(userDns.size(), memberIds(bridge.get("/Groups/" + id).expect(200)).size());
        assertEquals(userDns.size() + 1, bridge.journalEntries().size());
        // Value-level writes: each PATCH adds its member (the first also takes the placeholder out), none
        // rewrites the list, so no lock is needed for them to lose nothing.
        for (var modify : bridge.traffic().modifies()) {
            for (Modification modification : modify.modifications()) {
                assertTrue(modification.getModificationType() == ModificationType.ADD
                        || modification.getModificationType() == ModificationType.DELETE
                        && List.of(modification.getValues()).equals(List.of(PLACEHOLDER)), modify.toString());
            }
        }
        assertEquals(userDns.size(), bridge.traffic().modifies().size());
    }

    @Test
    void concurrentRenamesOfOneGroupAllSucceedAndKeepItsId() throws Exception {
        String id = createGuild(HELENA_DN);
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String name = "Guild " + i;
                statuses.add(pool.submit(() -> bridge.patch("/Groups/" + id, patch("""
                        {"op": "replace", "path": "displayName", "value": "%s"}""".formatted(name))).status()));
            }
            for (var status : statuses) {
                assertEquals(200, status.get(), "a rename by another request must not turn into 404 or 500");
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode group = bridge.get("/Groups/" + id).expect(200);
        assertTrue(group.get("displayName").asText().startsWith("Guild "), group.toString());
        assertEquals(21, bridge.journalEntries().size(), "one entry for the create and one per rename");
    }

    @Test
    void oneLargePatchAddsEveryUser() {
        String id = createGuild();
        String allStaff = bridge.get("/Groups/" + bridge.idOf(groupDn("All Staff"))).expect(200).get("members").toString();

        long started = System.nanoTime();
        JsonNode group = bridge.patch("/Groups/" + id, patch("""
                {"op": "add", "path": "members", "value": %s}""".formatted(allStaff))).expect(200);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("timing: PATCH adding 1,600 members to an empty group in one operation: %d ms%n", millis);

        assertEquals(1600, group.get("members").size());
        assertEquals(1600, bridge.entry(GUILD_DN).getAttributeValues("member").length);
        assertFalse(bridge.entry(GUILD_DN).hasAttributeValue("member", PLACEHOLDER));
    }

    @Test
    void aDanglingMemberDnIsHiddenAndDoesNotStopChanges() {
        String id = createGuild(HELENA_DN);
        String ghost = "uid=ghost@example.com,ou=people,dc=example,dc=com";
        try {
            bridge.directory().modify(GUILD_DN, new Modification(ModificationType.ADD, "member", ghost));
        } catch (LDAPException e) {
            throw new AssertionError(e);
        }

        assertEquals(Set.of(bridge.idOf(HELENA_DN)), memberIds(bridge.get("/Groups/" + id).expect(200)));
        JsonNode group = bridge.patch("/Groups/" + id, patch("""
                {"op": "add", "path": "members", "value": [{"value": "%s"}]}""".formatted(bridge.idOf(LINDA_DN))))
                .expect(200);

        assertEquals(Set.of(bridge.idOf(HELENA_DN), bridge.idOf(LINDA_DN)), memberIds(group));
        assertMembers(GUILD_DN, HELENA_DN, LINDA_DN, ghost);
    }

    private static int rdnValues(SearchResultEntry entry) {
        try {
            return entry.getParsedDN().getRDN().getAttributeValues().length;
        } catch (LDAPException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertNoMembers(JsonNode group) {
        JsonNode members = group.get("members");
        assertTrue(members == null || members.isNull() || members.isEmpty(), "no members expected: " + group);
    }

    /** Asserts the group entry's member values are exactly these DNs. */
    private static void assertMembers(String groupDn, String... memberDns) {
        SearchResultEntry entry = bridge.entry(groupDn);
        assertEquals(dns(memberDns), dnSet(List.of(entry.getAttributeValues("member"))), entry.toLDIFString());
        assertEquals(memberDns.length, entry.getAttributeValues("member").length, "no duplicate values");
    }

    private static Set<DN> dns(String... dns) {
        return dnSet(List.of(dns));
    }

    private static Set<DN> dnSet(List<String> dns) {
        Set<DN> set = new HashSet<>();
        for (String dn : dns) {
            try {
                set.add(new DN(dn));
            } catch (LDAPException e) {
                throw new AssertionError("not a DN: " + dn, e);
            }
        }
        return set;
    }

    private static Set<String> memberIds(JsonNode group) {
        return group == null ? Set.of() : idsOf(group.get("members"));
    }

    private static Set<String> idsOf(JsonNode references) {
        Set<String> ids = new HashSet<>();
        if (references != null) {
            references.forEach(reference -> ids.add(reference.get("value").asText()));
        }
        return ids;
    }

    private static JsonNode memberWithId(JsonNode group, String id) {
        for (JsonNode member : group.get("members")) {
            if (member.get("value").asText().equals(id)) {
                return member;
            }
        }
        throw new AssertionError(id + " is not among the members of " + group.get("displayName"));
    }
}

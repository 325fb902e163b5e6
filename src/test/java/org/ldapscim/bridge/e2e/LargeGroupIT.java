package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.e2e.UserLifecycleIT.patch;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.groupDn;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.userDn;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ModificationType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;
import org.ldapscim.bridge.testsupport.DirectoryTraffic;

/**
 * A group of 100,000 members costs what a group of 10 does: a PATCH on its members is one value-level LDAP
 * modify and reads no member list, and reads and filters that leave members out never ask for them. Shown by
 * counting what the in-memory directory receives.
 */
class LargeGroupIT {
    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest();

    private static final int MEMBERS = 100_000;
    private static final String CROWD_DN = groupDn("Crowd");
    private static final String HELENA_DN = userDn("helena.marsh@example.com");
    private static final String LINDA_DN = userDn("linda.evans@example.com");

    private String crowdId;

    /**
     * The crowd holds Linda and 100,000 DNs of people who need not exist: the bridge writes members by value and
     * never resolves the ones it does not show.
     */
    @BeforeEach
    void buildTheCrowd() throws LDAPException {
        String[] members = new String[MEMBERS + 1];
        for (int i = 0; i < MEMBERS; i++) {
            members[i] = "uid=member-" + i + ",ou=people,dc=example,dc=com";
        }
        members[MEMBERS] = LINDA_DN;
        bridge.directory().add(new Entry(CROWD_DN, List.of(
                new Attribute("objectClass", "top", "groupOfNames"),
                new Attribute("cn", "Crowd"),
                new Attribute("member", members))));
        crowdId = bridge.idOf(CROWD_DN);
    }

    @Test
    void addingOneMemberIsOneModifyAndReadsNoMemberList() {
        String helenaId = bridge.idOf(HELENA_DN);
        DirectoryTraffic traffic = bridge.traffic();
        traffic.record();

        JsonNode group = bridge.patch("/Groups/" + crowdId + "?excludedAttributes=members", patch("""
                {"op": "add", "path": "members", "value": [{"value": "%s"}]}""".formatted(helenaId))).expect(200);

        assertEquals(1, traffic.modifies().size(), "one modify: " + traffic.modifies());
        var modify = traffic.modifies().get(0);
        assertEquals(CROWD_DN, modify.dn());
        assertEquals(1, modify.modifications().size(), modify.toString());
        assertEquals(ModificationType.ADD, modify.modifications().get(0).getModificationType());
        assertEquals(List.of(HELENA_DN), List.of(modify.modifications().get(0).getValues()));
        assertTrue(traffic.otherOperations().isEmpty(), traffic.otherOperations().toString());
        assertNoMemberRead(traffic);
        assertNull(group.get("members"));
        assertEquals("Crowd", group.get("displayName").asText());
        assertTrue(bridge.entry(CROWD_DN).hasAttributeValue("member", HELENA_DN));
        assertEquals(MEMBERS + 2, bridge.entry(CROWD_DN).getAttributeValues("member").length);
    }

    @Test
    void entrasMemberPatchAnsweredWithNoContentReadsNoMemberListEither() {
        String helenaId = bridge.idOf(HELENA_DN);
        DirectoryTraffic traffic = bridge.traffic();
        traffic.record();

        bridge.request("PATCH", "/Groups/" + crowdId)
                .header("Authorization", "Bearer " + BridgeUnderTest.tokenOf("entra"))
                .body(patch("""
                        {"op": "Add", "path": "members", "value": [{"value": "%s"}]}""".formatted(helenaId)))
                .send().expectNoContent();

        assertEquals(1, traffic.modifies().size(), "one modify: " + traffic.modifies());
        assertNoMemberRead(traffic);
        assertTrue(bridge.entry(CROWD_DN).hasAttributeValue("member", HELENA_DN));
    }

    @Test
    void removingOneMemberIsOneModifyAndReadsNoMemberList() {
        DirectoryTraffic traffic = bridge.traffic();
        traffic.record();

        bridge.patch("/Groups/" + crowdId + "?excludedAttributes=members", patch("""
                {"op": "remove", "path": "members[value eq \\"%s\\"]"}""".formatted(bridge.idOf(LINDA_DN))))
                .expect(200);

        assertEquals(1, traffic.modifies().size(), "one modify: " + traffic.modifies());
        assertEquals(ModificationType.DELETE, traffic.modifies().get(0).modifications().get(0).getModificationType());
        assertNoMemberRead(traffic);
        assertEquals(MEMBERS, bridge.entry(CROWD_DN).getAttributeValues("member").length);
    }

    /**
     * A read that leaves members out, and Entra's membership checks: the member becomes an assertion in the LDAP
     * filter, and the list is never read. (One test: building the crowd takes the in-memory server seconds.)
     */
    @Test
    void readsAndMembershipFiltersWithoutMembersAskTheDirectoryForNone() {
        DirectoryTraffic traffic = bridge.traffic();
        traffic.record();
        JsonNode group = bridge.get("/Groups/" + crowdId + "?excludedAttributes=members").expect(200);
        assertEquals("Crowd", group.get("displayName").asText());
        assertNull(group.get("members"));
        assertFalse(traffic.searches().isEmpty());
        assertNoMemberRead(traffic);

        String lindaId = bridge.idOf(LINDA_DN);
        for (String filter : List.of("id eq \"%s\" and members eq \"%s\"".formatted(crowdId, lindaId),
                "members[value eq \"%s\"]".formatted(lindaId))) {
            traffic.record();
            JsonNode found = groups(filter);

            assertTrue(found.get("Resources").findValuesAsText("id").contains(crowdId), filter + ": " + found);
            assertNull(found.at("/Resources/0").get("members"));
            assertNoMemberRead(traffic);
            String assertion = Filter.createEqualityFilter("member", LINDA_DN).toString();
            assertTrue(traffic.searches().stream().anyMatch(s -> s.filter().contains(assertion)),
                    filter + " becomes " + assertion + " in " + traffic.searches());
        }
        String notAMember = "id eq \"%s\" and members eq \"%s\"".formatted(crowdId, bridge.idOf(HELENA_DN));
        assertEquals(0, groups(notAMember).get("totalResults").asInt());
    }

    private static JsonNode groups(String filter) {
        return bridge.get("/Groups?excludedAttributes=members&filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8)).expect(200);
    }

    private static void assertNoMemberRead(DirectoryTraffic traffic) {
        for (DirectoryTraffic.Search search : traffic.searches()) {
            assertFalse(search.requests("member"), "a search asked for the member list: " + search);
        }
    }
}

package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.e2e.UserLifecycleIT.patch;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.groupDn;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchScope;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;

/**
 * Real Active Directory sends at most MaxValRange (1,500) values of {@code member} however they are asked for,
 * which Samba does not reproduce. The in-memory directory is made to answer that way (here 400 at a time), and
 * the bridge, configured with no range size, still shows every member: by id, in list pages, and after a PATCH.
 */
class ImposedValueRangesIT {
    private static final int MAX_VAL_RANGE = 400;
    private static final int MEMBERS = 1_000;
    private static final String TEAM_DN = groupDn("Ranged Team");

    @RegisterExtension
    static final BridgeUnderTest bridge = BridgeUnderTest.rangingValues(MAX_VAL_RANGE);

    private Set<String> memberIds;
    private String teamId;

    @BeforeEach
    void buildTheTeam() throws LDAPException {
        List<String> people = bridge.directory().search("ou=people,dc=example,dc=com", SearchScope.ONE,
                "(objectClass=inetOrgPerson)", "1.1").getSearchEntries().stream().map(Entry::getDN).limit(MEMBERS).toList();
        assertEquals(MEMBERS, people.size(), "the demo directory has enough people");
        bridge.directory().add(new Entry(TEAM_DN, List.of(new Attribute("objectClass", "top", "groupOfNames"),
                new Attribute("cn", "Ranged Team"), new Attribute("member", people))));
        memberIds = new HashSet<>();
        for (String dn : people) {
            memberIds.add(bridge.idOf(dn));
        }
        teamId = bridge.idOf(TEAM_DN);
    }

    private static Set<String> ids(JsonNode members) {
        Set<String> ids = new HashSet<>();
        members.forEach(member -> ids.add(member.get("value").asText()));
        return ids;
    }

    @Test
    void everyMemberIsShownThoughTheDirectorySendsThemInParts() {
        bridge.traffic().record();
        JsonNode team = bridge.get("/Groups/" + teamId).expect(200);
        assertEquals(MEMBERS, team.get("members").size());
        assertEquals(memberIds, ids(team.get("members")));
        // The first 400 came with the entry; 400-* and 800-* were asked for.
        List<List<String>> followUps = bridge.traffic().searches().stream().map(s -> s.attributes())
                .filter(a -> a.stream().anyMatch(name -> name.startsWith("member;range="))).toList();
        assertEquals(List.of(List.of("member;range=400-*"), List.of("member;range=800-*")), followUps);

        JsonNode page = bridge.get("/Groups?filter=" + URLEncoder.encode("displayName eq \"Ranged Team\"",
                StandardCharsets.UTF_8)).expect(200);
        assertEquals(memberIds, ids(page.get("Resources").get(0).get("members")));
    }

    @Test
    void aPatchAnswersWithTheWholeGroup() {
        String someone = memberIds.iterator().next();
        JsonNode team = bridge.patch("/Groups/" + teamId, patch("""
                {"op": "remove", "path": "members[value eq \\"%s\\"]"}""".formatted(someone))).expect(200);
        Set<String> rest = new HashSet<>(memberIds);
        rest.remove(someone);
        assertEquals(rest, ids(team.get("members")));
        assertTrue(bridge.entry(TEAM_DN).getAttributeValues("member").length == MEMBERS - 1);
    }
}

package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.config.AttributeMappingConfig;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.ResourceMappingConfig;
import org.ldapscim.bridge.config.TransformConfig;
import org.ldapscim.bridge.ldap.DirectoryObserver;
import org.ldapscim.bridge.testsupport.LdapConfigs;
import org.ldapscim.bridge.testsupport.PresetBridge;
import org.ldapscim.bridge.testsupport.SambaAdServer;
import org.ldapscim.bridge.testsupport.ScimClient;
import org.ldapscim.bridge.testsupport.TestSecret;

/**
 * Groups of any size and nested groups against a real Samba AD domain controller, through the shipped
 * {@code config/active-directory} preset over LDAPS: a 3,000-member group read completely, in explicit ranges of
 * 1,000 ({@code ldap.valueRangeSize}, since Samba never imposes ranges) with member ids from the extended-DN
 * control; one value-level modify per member PATCH; no member values read when members are left out; and a
 * user's indirect groups through three levels of nesting. What the bridge sends is counted with a
 * {@link DirectoryObserver} on its own directory client.
 *
 * <p>The shared domain keeps what earlier runs created, so every name starts with a prefix of this run. The test
 * creates its entries over LDAP, as an administrator's tool would, and sets {@code sAMAccountName} itself.
 */
class SambaAdGroupsIT {
    private static final int MEMBERS = 3_000;
    private static final int RANGE = 1_000;
    private static final String TOKEN = TestSecret.SAMBA_AD_GROUPS_TOKEN.value();
    private static final String USERS = SambaAdServer.USERS;
    /** sAMAccountName takes at most 20 characters: "adg" + 6 of the run + "-" + 4 digits. */
    private static final String PREFIX = "adg" + Long.toString(System.currentTimeMillis() % 2_176_782_336L, 36);


    @RegisterExtension
    static final SambaAdServer samba = new SambaAdServer();

    private static PresetBridge bridge;
    private static ScimClient scim;
    private static final List<SearchRequest> searches = new CopyOnWriteArrayList<>();
    private static final List<ModifyRequest> modifies = new CopyOnWriteArrayList<>();
    /** The seeded members' ids by DN, as the test reads them off Samba itself. */
    private static final Map<String, String> memberIds = new LinkedHashMap<>();
    private static String bigDn;
    private static String extraDn;

    @BeforeAll
    static void startAndSeed() throws LDAPException {
        LdapConfig config = LdapConfigs.of(samba.ldapsUrl(), samba.bindDn(), samba.bindPassword(), 4,
                samba.tls(false), RANGE);
        bridge = PresetBridge.start("active-directory", config, TOKEN, SambaAdGroupsIT::adjust);
        scim = bridge.scim();
        long started = System.nanoTime();
        try (LDAPConnection ldap = samba.connect()) {
            List<String> members = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                members.add(addUser(ldap, String.format("%04d", i)));
            }
            extraDn = addUser(ldap, "xtra");
            long seeded = System.nanoTime();
            bigDn = addGroup(ldap, "big", members);
            System.out.printf("SambaAdGroupsIT: %d users seeded in %d ms, the %d-member group added in %d ms%n",
                    MEMBERS + 1, (seeded - started) / 1_000_000, MEMBERS, (System.nanoTime() - seeded) / 1_000_000);
            for (String dn : members) {
                memberIds.put(dn.toLowerCase(), null);
            }
            SearchRequest request = new SearchRequest(USERS, SearchScope.ONE,
                    com.unboundid.ldap.sdk.Filter.createSubstringFilter("sAMAccountName", PREFIX + "-", null, null),
                    "objectGUID");
            for (var entry : ldap.search(request).getSearchEntries()) {
                if (memberIds.containsKey(entry.getDN().toLowerCase())) {
                    memberIds.put(entry.getDN().toLowerCase(), guidText(entry.getAttributeValueBytes("objectGUID")));
                }
            }
            assertFalse(memberIds.containsValue(null), "every seeded member has an objectGUID");
        }
        bridge.directory().observe(new DirectoryObserver() {
            @Override
            public void searching(SearchRequest request) {
                searches.add(request);
            }

            @Override
            public void modifying(ModifyRequest request) {
                modifies.add(request);
            }
        });
    }

    /** Turns on indirect groups on the users' {@code groups}. */
    private static ResourceMappingConfig adjust(ResourceMappingConfig config) {
        List<AttributeMappingConfig> attributes = config.attributes().stream().map(a -> a.scim().equals("groups")
                ? new AttributeMappingConfig(a.scim(), a.ldap(), a.writable(), a.searchable(), a.primary(),
                new TransformConfig.Reference(List.of("Group"), null, true))
                : a).toList();
        return new ResourceMappingConfig(config.resourceType(), config.schemaExtensions(), config.baseDns(),
                config.searchFilter(), config.objectClasses(), config.create(), config.id(), config.meta(),
                config.placeholderMember(), attributes);
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @AfterEach
    void forget() {
        searches.clear();
        modifies.clear();
    }

    private static String addUser(LDAPConnection ldap, String suffix) throws LDAPException {
        String name = PREFIX + "-" + suffix;
        String dn = "CN=" + name + "," + USERS;
        ldap.add(new Entry(dn, new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("cn", name), new Attribute("sAMAccountName", name),
                new Attribute("userPrincipalName", name + "@example.test"), new Attribute("displayName", name)));
        return dn;
    }

    private static String addGroup(LDAPConnection ldap, String suffix, List<String> members) throws LDAPException {
        String name = PREFIX + "-" + suffix;
        String dn = "CN=" + name + "," + USERS;
        List<Attribute> attributes = new ArrayList<>(List.of(new Attribute("objectClass", "top", "group"),
                new Attribute("cn", name), new Attribute("sAMAccountName", name)));
        if (!members.isEmpty()) {
            attributes.add(new Attribute("member", members));
        }
        ldap.add(new Entry(dn, attributes));
        return dn;
    }

    /** Microsoft's text form of an objectGUID: the first three fields little-endian. */
    private static String guidText(byte[] raw) {
        ByteBuffer little = ByteBuffer.wrap(raw, 0, 8).order(ByteOrder.LITTLE_ENDIAN);
        long high = ((long) little.getInt() << 32) | ((long) (little.getShort() & 0xffff) << 16)
                | (little.getShort() & 0xffff);
        return new UUID(high, ByteBuffer.wrap(raw, 8, 8).getLong()).toString();
    }

    private static String idOf(String dn) {
        return guidText(samba.entry(dn, "objectGUID").getAttributeValueBytes("objectGUID"));
    }

    private static boolean readsMembers(SearchRequest request) {
        return request.getAttributeList().isEmpty() || request.getAttributeList().stream()
                .anyMatch(a -> a.equals("*") || a.toLowerCase().equals("member") || a.toLowerCase().startsWith("member;"));
    }

    private static boolean isBaseReadOfAMember(SearchRequest request) {
        return request.getScope() == SearchScope.BASE && memberIds.containsKey(request.getBaseDN().toLowerCase());
    }

    @Test
    void theWholeGroupIsReadInRangesWithIdsFromTheSameRead() {
        assertTrue(bridge.directory().extendedDns(), "Samba offers the extended-DN control and the bridge uses it");
        String groupId = idOf(bigDn);
        long started = System.nanoTime();
        JsonNode group = scim.get("/Groups/" + groupId).expect(200);
        System.out.printf("SambaAdGroupsIT: GET of the %d-member group took %d ms with %d searches%n", MEMBERS,
                (System.nanoTime() - started) / 1_000_000, searches.size());

        Set<String> expected = new HashSet<>(memberIds.values());
        Set<String> got = new HashSet<>();
        for (JsonNode member : group.get("members")) {
            got.add(member.get("value").asText());
            assertEquals("User", member.get("type").asText(), member.toString());
            assertTrue(member.get("$ref").asText().endsWith("/Users/" + member.get("value").asText()));
        }
        assertEquals(MEMBERS, group.get("members").size());
        assertEquals(expected, got);

        List<List<String>> ranged = searches.stream().map(SearchRequest::getAttributeList)
                .filter(list -> list.stream().anyMatch(a -> a.startsWith("member;range="))).toList();
        assertTrue(ranged.stream().anyMatch(list -> list.contains("member;range=0-999")), ranged.toString());
        // Samba names the part that holds the last value 2000-*, as AD does: no fourth request.
        assertEquals(List.of(List.of("member;range=1000-1999"), List.of("member;range=2000-2999")),
                ranged.subList(1, ranged.size()));
        assertEquals(List.of(), searches.stream().filter(SambaAdGroupsIT::isBaseReadOfAMember).toList(),
                "no member is read on its own");
        // The ids came with the member values; only type and display are looked up, 100 ids to a search.
        long idSearches = searches.stream().filter(s -> s.getFilter().toString().contains("(|(objectGUID=")).count();
        assertTrue(idSearches <= MEMBERS / 100, idSearches + " id searches");
        assertTrue(searches.size() <= MEMBERS / 100 + 8, searches.size() + " searches in all");
    }

    @Test
    void leavingMembersOutReadsNoMemberValues() {
        String groupId = idOf(bigDn);
        JsonNode group = scim.get("/Groups/" + groupId + "?excludedAttributes=members").expect(200);
        assertNull(group.get("members"));
        assertEquals(PREFIX + "-big", group.get("displayName").asText());
        JsonNode named = scim.get("/Groups/" + groupId + "?attributes=displayName").expect(200);
        assertNull(named.get("members"));
        JsonNode list = scim.get("/Groups?filter=" + java.net.URLEncoder.encode("displayName eq \"" + PREFIX + "-big\"",
                java.nio.charset.StandardCharsets.UTF_8) + "&excludedAttributes=members").expect(200);
        assertEquals(1, list.get("totalResults").asInt());
        assertFalse(searches.isEmpty());
        assertEquals(List.of(), searches.stream().filter(SambaAdGroupsIT::readsMembers).toList(),
                "no search asks for member values");
    }

    @Test
    void addingAndRemovingOneMemberIsOneValueLevelModifyEach() throws LDAPException {
        String groupId = idOf(bigDn);
        String extraId = idOf(extraDn);
        scim.patch("/Groups/" + groupId + "?excludedAttributes=members", """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "add", "path": "members", "value": [{"value": "%s"}]}]}""".formatted(extraId))
                .expect(200);
        assertOneModify(ModificationType.ADD, extraDn);
        assertEquals(MEMBERS + 1, memberCount());

        modifies.clear();
        scim.patch("/Groups/" + groupId + "?excludedAttributes=members", """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "remove", "path": "members[value eq \\"%s\\"]"}]}""".formatted(extraId))
                .expect(200);
        assertOneModify(ModificationType.DELETE, extraDn);
        assertEquals(MEMBERS, memberCount());
    }

    private static void assertOneModify(ModificationType type, String memberDn) throws LDAPException {
        assertEquals(1, modifies.size(), modifies.toString());
        ModifyRequest modify = modifies.get(0);
        assertEquals(new DN(bigDn), new DN(modify.getDN()));
        List<Modification> modifications = modify.getModifications();
        assertEquals(1, modifications.size(), modifications.toString());
        assertEquals(type, modifications.get(0).getModificationType());
        assertEquals("member", modifications.get(0).getAttributeName());
        assertEquals(1, modifications.get(0).getValues().length, "one value, never the whole list");
        assertEquals(new DN(memberDn), new DN(modifications.get(0).getValues()[0]));
    }

    private static int memberCount() throws LDAPException {
        try (LDAPConnection ldap = samba.connect()) {
            return ldap.getEntry(bigDn, "member").getAttributeValues("member").length;
        }
    }

    @Test
    void aUsersGroupsIncludeThoseThroughThreeLevelsOfNestingMarkedIndirect() throws LDAPException {
        String userDn;
        String innerDn;
        String middleDn;
        String outerDn;
        try (LDAPConnection ldap = samba.connect()) {
            userDn = addUser(ldap, "nest");
            innerDn = addGroup(ldap, "inner", List.of(userDn));
            middleDn = addGroup(ldap, "middle", List.of(innerDn));
            outerDn = addGroup(ldap, "outer", List.of(middleDn));
        }
        JsonNode user = scim.get("/Users/" + idOf(userDn)).expect(200);
        Map<String, String> types = new HashMap<>();
        for (JsonNode group : user.get("groups")) {
            types.put(group.get("value").asText(), group.get("type").asText());
            assertTrue(group.get("$ref").asText().endsWith("/Groups/" + group.get("value").asText()));
        }
        assertEquals(Map.of(idOf(innerDn), "direct", idOf(middleDn), "indirect", idOf(outerDn), "indirect"), types,
                user.get("groups").toString());
        assertTrue(searches.stream().anyMatch(s -> s.getFilter().toString().contains("1.2.840.113556.1.4.1941")));

        // The outer group lists the middle one as a member, typed Group.
        JsonNode outer = scim.get("/Groups/" + idOf(outerDn)).expect(200);
        assertEquals(1, outer.get("members").size());
        assertEquals(idOf(middleDn), outer.get("members").get(0).get("value").asText());
        assertEquals("Group", outer.get("members").get(0).get("type").asText());
    }
}

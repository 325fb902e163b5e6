package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.config.AttributeMappingConfig;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.ResourceMappingConfig;
import org.ldapscim.bridge.config.Secret;
import org.ldapscim.bridge.config.TransformConfig;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.DirectoryConnector;
import org.ldapscim.bridge.ldap.DirectoryException;
import org.ldapscim.bridge.mapping.IdCodec;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.service.DirectoryErrors;
import org.ldapscim.bridge.testsupport.LdapConfigs;
import org.ldapscim.bridge.testsupport.PresetBridge;
import org.ldapscim.bridge.testsupport.RecordingLdapProxy;
import org.ldapscim.bridge.testsupport.SambaAdServer;
import org.ldapscim.bridge.testsupport.ScimClient;
import org.ldapscim.bridge.testsupport.TestSecret;

/**
 * The SCIM scenarios against a real Samba Active Directory domain controller over LDAPS, through the shipped
 * {@code config/active-directory} preset checked against the domain's own schema. The domain is shared by every
 * Samba test class, so every user and group here is named {@code adcore...}.
 */
class SambaAdIT {
    private static final String TOKEN = TestSecret.SAMBA_AD_TOKEN.value();
    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final String PASSWORD = TestSecret.SAMBA_USER_PASSWORD.value();
    /** ACCOUNTDISABLE, NORMAL_ACCOUNT and DONT_EXPIRE_PASSWORD of userAccountControl. */
    private static final int DISABLED = 0x2;
    private static final int NORMAL = 0x200;
    private static final int DONT_EXPIRE = 0x10000;
    /** The users loaded straight into the domain, once, for listings longer than AD's 1,000-entry limit. */
    private static final String BULK = "adcbulk-";
    private static final int BULK_USERS = 1_100;

    @RegisterExtension
    static final SambaAdServer samba = new SambaAdServer();

    private static PresetBridge bridge;
    private static ScimClient scim;

    @BeforeAll
    static void startBridge() {
        bridge = PresetBridge.start("active-directory", ldaps(), TOKEN);
        scim = bridge.scim();
    }

    @AfterAll
    static void stopBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private static LdapConfig ldaps() {
        return ldap(samba.ldapsUrl(), false);
    }

    private static LdapConfig ldap(String url, boolean startTls) {
        return LdapConfigs.of(url, samba.bindDn(), samba.bindPassword(), 4, samba.tls(startTls), null);
    }

    private static String user(String name, String extra) {
        return """
                {"schemas":["%s"],"userName":"%s@example.test","displayName":"%s","externalId":"%s",
                 "name":{"givenName":"Ad","familyName":"Core"}%s}""".formatted(USER, name, name, name,
                extra.isEmpty() ? "" : "," + extra);
    }

    /** Creates a user named {@code name} (at most 20 characters: it is also the sAMAccountName) and returns its id. */
    private static String create(String name, String extra) {
        scim.get("/Users?filter=" + encode("userName eq \"" + name + "@example.test\"")).expect(200)
                .path("Resources").forEach(old -> scim.delete("/Users/" + old.get("id").asText()));
        return scim.post("/Users", user(name, extra)).expect(201).get("id").asText();
    }

    private static String patch(String operations) {
        return "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[" + operations + "]}";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String dnOf(String id) {
        return "<GUID=" + id + ">";
    }

    private static int userAccountControl(String id) {
        return Integer.parseInt(samba.entry(dnOf(id), "userAccountControl").getAttributeValue("userAccountControl"));
    }

    private static boolean binds(String id, String password) {
        String dn = samba.entry(dnOf(id), "1.1").getDN();
        try (LDAPConnection connection = samba.connect(dn, password)) {
            return connection.isConnected();
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                return false;
            }
            throw new AssertionError("binding as " + dn + ": " + e.getMessage(), e);
        }
    }

    // 1. The lifecycle through SCIM.

    @Test
    void aUserIsCreatedReadFilteredPatchedReplacedAndDeleted() {
        String id = create("adcore-life", "\"title\":\"Engineer\"");
        SearchResultEntry entry = samba.entry("CN=adcore-life," + SambaAdServer.USERS, "objectGUID",
                "sAMAccountName", "userPrincipalName", "employeeID");
        assertNotNull(entry, "the user is in the domain under its displayName");
        assertEquals(new IdCodec("objectGUID", ResourceMappingConfig.IdFormat.objectGUID).read(entry), id);
        assertEquals("adcore-life", entry.getAttributeValue("sAMAccountName"));
        assertEquals("adcore-life@example.test", entry.getAttributeValue("userPrincipalName"), "userName is the UPN");
        assertEquals("adcore-life", entry.getAttributeValue("employeeID"));

        JsonNode read = scim.get("/Users/" + id).expect(200);
        assertEquals("adcore-life@example.test", read.get("userName").asText());
        assertEquals("Engineer", read.get("title").asText());
        assertTrue(read.get("active").asBoolean());
        assertEquals(List.of(id), ids("/Users?filter=" + encode("userName eq \"adcore-life@example.test\"")));
        assertEquals(List.of(id), ids("/Users?filter=" + encode("externalId eq \"adcore-life\"")));
        assertEquals(List.of(id), ids("/Users?filter=" + encode("displayName co \"core-lif\"")));

        JsonNode patched = scim.patch("/Users/" + id, patch("""
                {"op":"replace","path":"title","value":"Architect"}""")).expect(200);
        assertEquals("Architect", patched.get("title").asText());
        assertEquals("Architect", samba.entry(dnOf(id), "title").getAttributeValue("title"));

        JsonNode replaced = scim.put("/Users/" + id, user("adcore-life", "\"emails\":[{\"value\":\"life@example.test\","
                + "\"type\":\"work\",\"primary\":true}]")).expect(200);
        assertNull(replaced.get("title"), "PUT clears what it leaves out");
        assertEquals("life@example.test", replaced.at("/emails/0/value").asText());
        assertNull(samba.entry(dnOf(id), "title").getAttributeValue("title"));
        assertEquals(id, replaced.get("id").asText());

        scim.delete("/Users/" + id).expectNoContent();
        scim.get("/Users/" + id).expectError(404, null);
        assertNull(samba.entry(dnOf(id), "1.1"));
    }

    @Test
    void pagesAreCutByStartIndexAndCountInTheOrderAsked() {
        List<String> names = List.of("adcore-pg-c", "adcore-pg-a", "adcore-pg-e", "adcore-pg-b", "adcore-pg-d");
        for (String name : names) {
            create(name, "");
        }
        String filter = "filter=" + encode("userName sw \"adcore-pg-\"");
        JsonNode ascending = scim.get("/Users?" + filter + "&sortBy=userName&startIndex=2&count=2").expect(200);
        assertEquals(5, ascending.get("totalResults").asInt());
        assertEquals(List.of("adcore-pg-b@example.test", "adcore-pg-c@example.test"), userNames(ascending));
        JsonNode descending = scim.get("/Users?" + filter + "&sortBy=userName&sortOrder=descending&startIndex=1&count=3")
                .expect(200);
        assertEquals(List.of("adcore-pg-e@example.test", "adcore-pg-d@example.test", "adcore-pg-c@example.test"),
                userNames(descending));
        JsonNode pastTheEnd = scim.get("/Users?" + filter + "&startIndex=9&count=3").expect(200);
        assertEquals(5, pastTheEnd.get("totalResults").asInt());
        assertEquals(0, pastTheEnd.path("Resources").size());
        JsonNode onlyCount = scim.get("/Users?" + filter + "&count=0").expect(200);
        assertEquals(5, onlyCount.get("totalResults").asInt());
    }

    @Test
    void groupMembersAreUsersAndTheUsersListTheirGroups() {
        String first = create("adcore-mem-1", "");
        String second = create("adcore-mem-2", "");
        String group = createGroup("adcore-team", first);

        JsonNode added = scim.patch("/Groups/" + group, patch("""
                {"op":"add","path":"members","value":[{"value":"%s"}]}""".formatted(second))).expect(200);
        assertEquals(Set.of(first, second), memberIds(added));
        assertEquals(List.of(group), groupIds(first));
        assertEquals(2, samba.entry(dnOf(group), "member").getAttributeValues("member").length);

        scim.patch("/Groups/" + group, patch("""
                {"op":"remove","path":"members[value eq \\"%s\\"]"}""".formatted(first))).expect(200);
        assertEquals(Set.of(second), memberIds(scim.get("/Groups/" + group).expect(200)));
        assertEquals(List.of(), groupIds(first));
        assertEquals(List.of(group), ids("/Groups?filter=" + encode("members eq \"" + second + "\"")));
    }

    private static String createGroup(String name, String member) {
        scim.get("/Groups?filter=" + encode("displayName eq \"" + name + "\"")).expect(200)
                .path("Resources").forEach(old -> scim.delete("/Groups/" + old.get("id").asText()));
        return scim.post("/Groups", """
                {"schemas":["%s"],"displayName":"%s","members":[{"value":"%s"}]}""".formatted(GROUP, name, member))
                .expect(201).get("id").asText();
    }

    // 2. Ids are objectGUIDs in Microsoft's text form.

    /** The objectGUID in Microsoft's text form: the first three groups are little-endian, written back to front. */
    private static String microsoftGuid(byte[] raw) {
        String hex = java.util.HexFormat.of().formatHex(raw);
        return hex.substring(6, 8) + hex.substring(4, 6) + hex.substring(2, 4) + hex.substring(0, 2) + "-"
                + hex.substring(10, 12) + hex.substring(8, 10) + "-" + hex.substring(14, 16) + hex.substring(12, 14)
                + "-" + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** Every id a list of {@code type} shows, page by page. */
    private static Set<String> listedIds(String type) {
        Set<String> listed = new HashSet<>();
        int start = 1;
        JsonNode page;
        do {
            page = scim.get("/" + type + "?attributes=id&count=200&startIndex=" + start).expect(200);
            page.path("Resources").forEach(resource -> listed.add(resource.get("id").asText()));
            start += 200;
        } while (start <= page.get("totalResults").asInt());
        return listed;
    }

    @Test
    void theDomainsPrivilegedAccountsAndGroupsAreNotServed() {
        // The shared domain holds tens of thousands of users: they are looked for by id; the groups are walked.
        Set<String> groups = listedIds("Groups");
        for (String name : List.of("Administrator", "krbtgt", "Guest")) {
            String id = microsoftGuid(samba.entry("CN=" + name + "," + SambaAdServer.USERS, "objectGUID")
                    .getAttributeValueBytes("objectGUID"));
            scim.get("/Users/" + id).expect(404);
            scim.patch("/Users/" + id, patch("""
                    {"op":"replace","path":"displayName","value":"taken over"}""")).expect(404);
            scim.delete("/Users/" + id).expect(404);
            assertEquals(List.of(), ids("/Users?filter=" + encode("id eq \"" + id + "\"")), name);
        }
        for (String name : List.of("Domain Admins", "Schema Admins", "Enterprise Admins", "Domain Users")) {
            String id = microsoftGuid(samba.entry("CN=" + name + "," + SambaAdServer.USERS, "objectGUID")
                    .getAttributeValueBytes("objectGUID"));
            assertFalse(groups.contains(id), name + " is listed");
            scim.get("/Groups/" + id).expect(404);
            scim.patch("/Groups/" + id, patch("""
                    {"op":"remove","path":"members"}""")).expect(404);
            scim.delete("/Groups/" + id).expect(404);
            assertEquals(List.of(), ids("/Groups?filter=" + encode("displayName eq \"" + name + "\"")), name);
        }
        assertFalse(groups.isEmpty(), "the walk lists the domain's other groups");
    }

    @Test
    void theIdIsTheObjectGuidInMicrosoftsTextForm() throws LDAPException {
        String id = create("adcore-guid", "");
        SearchResultEntry entry = samba.entry("CN=adcore-guid," + SambaAdServer.USERS, "objectGUID");
        byte[] raw = entry.getAttributeValueBytes("objectGUID");
        assertEquals(microsoftGuid(raw), id);
        assertEquals(entry.getDN(), samba.entry("<GUID=" + id + ">", "1.1").getDN(), "AD reads the same text form");
        try (LDAPConnection connection = samba.connect()) {
            assertEquals(1, connection.search(SambaAdServer.BASE_DN, SearchScope.SUB,
                    Filter.createEqualityFilter("objectGUID", raw), "1.1").getEntryCount());
        }

        assertEquals(id, scim.get("/Users/" + id.toUpperCase(java.util.Locale.ROOT)).expect(200).get("id").asText());
        assertEquals(List.of(id), ids("/Users?filter=" + encode("id eq \"" + id + "\"")));
        assertEquals(List.of(), ids("/Users?filter=" + encode("id eq \"0e984725-c51c-4bf4-9960-e1c80e27aba0\"")));
    }

    @Test
    void hostileOrMalformedIdsAreNotFoundNeverServerErrors() {
        String id = create("adcore-badid", "");
        String group = createGroup("adcore-badid-grp", id);
        for (String bad : List.of("not-a-guid", "*", "%2A%29%28objectClass%3D%2A", encode("<GUID=" + id + ">"),
                encode("{" + id + "}"), id.replace("-", ""), id + "0", encode("CN=adcore-badid,CN=Users,DC=example,DC=test"),
                "00000000-0000-0000-0000-000000000000", encode("\\00\\01"))) {
            scim.get("/Users/" + bad).expectError(404, null);
            scim.patch("/Users/" + bad, patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}"))
                    .expectError(404, null);
            scim.delete("/Users/" + bad).expectError(404, null);
        }
        scim.get("/Users/%00").expectError(400, "invalidSyntax");
        for (String bad : List.of("not-a-guid", "*)(objectClass=*", "<GUID=" + id + ">", "")) {
            int status = scim.get("/Users?filter=" + encode("id eq \"" + bad + "\"")).status();
            assertTrue(status == 200 || status == 400, bad + " answered " + status);
            if (status == 200) {
                assertEquals(List.of(), ids("/Users?filter=" + encode("id eq \"" + bad + "\"")));
            }
        }
        scim.patch("/Groups/" + group, patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"*\"}]}"))
                .expectError(400, "invalidValue");
        assertEquals(1, samba.entry(dnOf(group), "member").getAttributeValues("member").length,
                "the group is as it was");
    }

    // 3. active is the ACCOUNTDISABLE bit, and only that bit.

    @Test
    void activeFlipsOnlyTheAccountDisableBit() throws LDAPException {
        String id = create("adcore-uac", "\"password\":\"" + PASSWORD + "\"");
        assertEquals(NORMAL, userAccountControl(id), "created enabled, a normal account");
        try (LDAPConnection connection = samba.connect()) {
            connection.modify(dnOf(id), new Modification(ModificationType.REPLACE, "userAccountControl",
                    Integer.toString(NORMAL | DONT_EXPIRE)));
        }
        assertTrue(scim.get("/Users/" + id).expect(200).get("active").asBoolean());

        scim.patch("/Users/" + id, patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}")).expect(200);
        assertEquals(NORMAL | DONT_EXPIRE | DISABLED, userAccountControl(id), "Entra's disable");
        assertFalse(scim.get("/Users/" + id).expect(200).get("active").asBoolean());
        assertEquals(List.of(id), ids("/Users?filter=" + encode("userName eq \"adcore-uac@example.test\" and active eq false")));
        assertFalse(binds(id, PASSWORD), "a disabled account cannot bind");

        scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"value\":{\"active\":true}}")).expect(200);
        assertEquals(NORMAL | DONT_EXPIRE, userAccountControl(id), "the RFC's path-less enable");
        assertTrue(binds(id, PASSWORD));

        scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}")).expect(200);
        assertEquals(NORMAL | DONT_EXPIRE | DISABLED, userAccountControl(id));
        scim.put("/Users/" + id, user("adcore-uac", "\"active\":true")).expect(200);
        assertEquals(NORMAL | DONT_EXPIRE, userAccountControl(id), "PUT keeps the other flags too");
    }

    // 4. Passwords.

    @Test
    void aPasswordSetByScimIsTheOneTheUserBindsWith() {
        String id = create("adcore-pwd", "\"password\":\"" + PASSWORD + "\"");
        assertTrue(binds(id, PASSWORD));
        assertNull(scim.get("/Users/" + id).expect(200).get("password"), "never returned");
        assertNull(scim.get("/Users/" + id + "?attributes=password").expect(200).get("password"));

        String second = "Adc0re!Second-2";
        JsonNode replaced = scim.put("/Users/" + id, user("adcore-pwd", "\"password\":\"" + second + "\"")).expect(200);
        assertNull(replaced.get("password"));
        assertTrue(binds(id, second));
        assertFalse(binds(id, PASSWORD));

        String third = "Adc0re!Third-3";
        scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"password\",\"value\":\"" + third + "\"}"))
                .expect(200);
        assertTrue(binds(id, third));
        assertFalse(binds(id, second));

        scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Keeps it\"}")).expect(200);
        assertTrue(binds(id, third), "a PATCH of something else leaves the password alone");

        List<JournalEntry> journal = bridge.journal().store().find(new JournalQuery(50, id));
        assertTrue(journal.size() >= 4, journal.toString());
        String rows = journal.stream().map(e -> e.toJson().toString()).reduce("", String::concat);
        for (String password : List.of(PASSWORD, second, third)) {
            assertFalse(rows.contains(password), "the journal holds a password: " + rows);
            String utf16 = java.util.Base64.getEncoder().encodeToString(
                    ("\"" + password + "\"").getBytes(StandardCharsets.UTF_16LE));
            assertFalse(rows.contains(utf16), "the journal holds an encoded password: " + rows);
        }
        assertTrue(rows.contains("<secret changed>"), rows);
    }

    @Test
    void aPasswordThePolicyRefusesIsInvalidValueWithAdsReason() {
        String id = create("adcore-weak", "\"password\":\"" + PASSWORD + "\"");
        for (String[] weak : new String[][] {{"Ab1!", "too short"}, {"alllowercaseletters", "complexity"}}) {
            JsonNode error = scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"password\",\"value\":\""
                    + weak[0] + "\"}")).expectError(400, "invalidValue");
            String detail = error.get("detail").asText();
            System.out.println("password refused: " + detail);
            assertTrue(detail.contains("0000052D") && detail.contains(weak[1]), detail);
            assertFalse(detail.contains(weak[0]), detail);
        }
        assertTrue(binds(id, PASSWORD), "the old password stands");
        JsonNode refused = scim.post("/Users", user("adcore-weak2", "\"password\":\"short\"")).expectError(400, "invalidValue");
        assertFalse(refused.toString().contains("\"short\""), refused.toString());
        assertEquals(List.of(), ids("/Users?filter=" + encode("userName eq \"adcore-weak2@example.test\"")),
                "a refused create leaves nothing behind");
        String rows = bridge.journal().store().find(new JournalQuery(200, null)).stream()
                .map(e -> e.toJson().toString()).reduce("", String::concat);
        assertFalse(rows.contains("Ab1!") || rows.contains("alllowercaseletters"), rows);
    }

    @Test
    void mustChangeAtNextLogonWritesPwdLastSetZero() {
        UnaryOperator<ResourceMappingConfig> mustChange = config -> withAttributes(config, config.attributes().stream()
                .map(a -> a.scim().equals("password") ? new AttributeMappingConfig(a.scim(), a.ldap(), null, null, null,
                        new TransformConfig.Password("unicodePwd", true)) : a).toList());
        try (PresetBridge changing = PresetBridge.start("active-directory", ldaps(), TOKEN, mustChange)) {
            ScimClient client = changing.scim();
            client.get("/Users?filter=" + encode("userName eq \"adcore-chg@example.test\"")).expect(200)
                    .path("Resources").forEach(old -> client.delete("/Users/" + old.get("id").asText()));
            String id = client.post("/Users", user("adcore-chg", "\"password\":\"" + PASSWORD + "\"")).expect(201)
                    .get("id").asText();
            assertEquals("0", samba.entry(dnOf(id), "pwdLastSet").getAttributeValue("pwdLastSet"));
            LDAPException mustChangeFirst = assertThrows(LDAPException.class,
                    () -> samba.connect(samba.entry(dnOf(id), "1.1").getDN(), PASSWORD).close());
            assertTrue(mustChangeFirst.getDiagnosticMessage().contains("data 773"),
                    "AD's 'must change password': " + mustChangeFirst.getDiagnosticMessage());

            client.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}")).expect(200);
            assertEquals("0", samba.entry(dnOf(id), "pwdLastSet").getAttributeValue("pwdLastSet"));
        }
        String id = create("adcore-nochg", "\"password\":\"" + PASSWORD + "\"");
        assertNotEquals("0", samba.entry(dnOf(id), "pwdLastSet").getAttributeValue("pwdLastSet"), "off by default");
        assertTrue(binds(id, PASSWORD));
    }

    private static ResourceMappingConfig withAttributes(ResourceMappingConfig c, List<AttributeMappingConfig> attributes) {
        return new ResourceMappingConfig(c.resourceType(), c.schemaExtensions(), c.baseDns(), c.searchFilter(),
                c.objectClasses(), c.create(), c.id(), c.meta(), c.placeholderMember(), attributes);
    }

    @Test
    void unicodePwdOverPlainLdapIsRefusedAtStartUpAndNeverSent() throws LDAPException {
        ConfigException refused = assertThrows(ConfigException.class,
                () -> PresetBridge.start("active-directory", ldap(samba.url(), false), TOKEN).close());
        assertEquals("ldap.urls[0]", refused.keyPath());
        assertTrue(refused.hint().contains("ldap.tls.startTls"), refused.hint());

        try (PresetBridge startTls = PresetBridge.start("active-directory", ldap(samba.url(), true), TOKEN)) {
            ScimClient client = startTls.scim();
            client.get("/Users?filter=" + encode("userName eq \"adcore-tls@example.test\"")).expect(200)
                    .path("Resources").forEach(old -> client.delete("/Users/" + old.get("id").asText()));
            String id = client.post("/Users", user("adcore-tls", "\"password\":\"" + PASSWORD + "\"")).expect(201)
                    .get("id").asText();
            assertTrue(binds(id, PASSWORD), "StartTLS carries the password");
        }

        // Samba (strong auth off, as here) would take it in clear text; the bridge does not send it.
        String id = create("adcore-plain", "\"password\":\"" + PASSWORD + "\"");
        DN dn = new DN(samba.entry(dnOf(id), "1.1").getDN());
        try (DirectoryClient plain = DirectoryConnector.connect(ldap(samba.url(), false))) {
            DirectoryException notSent = assertThrows(DirectoryException.class, () -> plain.modify(dn, List.of(
                    new Modification(ModificationType.REPLACE, "unicodePwd",
                            "\"Adc0re!Plain-9\"".getBytes(StandardCharsets.UTF_16LE))), false));
            assertEquals(ResultCode.CONFIDENTIALITY_REQUIRED, notSent.resultCode());
            ScimException answer = DirectoryErrors.translate(notSent, "changing a password");
            assertEquals(403, answer.status());
            assertThrows(DirectoryException.class, () -> plain.add(new Entry("CN=adcore-plain2," + SambaAdServer.USERS,
                    new Attribute("objectClass", "user"), new Attribute("unicodePwd",
                    "\"Adc0re!Plain-9\"".getBytes(StandardCharsets.UTF_16LE)))));
        }
        assertTrue(binds(id, PASSWORD), "the password did not change");
        assertNull(samba.entry("CN=adcore-plain2," + SambaAdServer.USERS, "1.1"));
    }

    // 6. Renames keep the id and the group memberships.

    @Test
    void aNewDisplayNameRenamesTheEntryAndItsGroupsFollow() {
        String id = create("adcore-ren", "");
        String group = createGroup("adcore-ren-grp", id);

        scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"adcore-renamed\"}"))
                .expect(200);
        assertNull(samba.entry("CN=adcore-ren," + SambaAdServer.USERS, "1.1"));
        assertEquals("CN=adcore-renamed," + SambaAdServer.USERS, samba.entry(dnOf(id), "1.1").getDN());
        assertEquals(Set.of(id), memberIds(scim.get("/Groups/" + group).expect(200)));
        assertEquals(List.of(group), groupIds(id));

        JsonNode replaced = scim.put("/Users/" + id, user("adcore-ren", "").replace(
                "\"displayName\":\"adcore-ren\"", "\"displayName\":\"adcore-ren, again\"")).expect(200);
        assertEquals(id, replaced.get("id").asText());
        assertEquals("CN=adcore-ren\\, again," + SambaAdServer.USERS, samba.entry(dnOf(id), "1.1").getDN());
        assertEquals(Set.of(id), memberIds(scim.get("/Groups/" + group).expect(200)));
        assertEquals("adcore-ren, again", scim.get("/Users/" + id).expect(200).get("displayName").asText());

        JsonNode refused = scim.put("/Users/" + id, user("adcore-ren", "\"password\":\"weak\"").replace(
                "\"displayName\":\"adcore-ren\"", "\"displayName\":\"adcore-ren-refused\"")).expectError(400, "invalidValue");
        assertTrue(refused.get("detail").asText().contains("0000052D"), refused.toString());
        assertEquals("CN=adcore-ren\\, again," + SambaAdServer.USERS, samba.entry(dnOf(id), "1.1").getDN(),
                "a PUT whose password is refused does not rename either");
        assertEquals("adcore-ren, again", scim.get("/Users/" + id).expect(200).get("displayName").asText());
    }

    @Test
    void anEqualsSignInTheDisplayNameIsEscapedSoTheDomainTakesTheName() {
        scim.get("/Users?filter=" + encode("userName eq \"adcore-eqs@example.test\"")).expect(200)
                .path("Resources").forEach(old -> scim.delete("/Users/" + old.get("id").asText()));
        String id = scim.post("/Users", user("adcore-eqs", "").replace("\"displayName\":\"adcore-eqs\"",
                "\"displayName\":\"adcore-eq=s\"")).expect(201).get("id").asText();
        assertEquals("adcore-eq=s", samba.entry(dnOf(id), "cn").getAttributeValue("cn"));
        assertEquals("adcore-eq=s", scim.get("/Users/" + id).expect(200).get("displayName").asText());

        scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"adcore-eq=t\"}"))
                .expect(200);
        assertEquals("adcore-eq=t", samba.entry(dnOf(id), "cn").getAttributeValue("cn"), "renamed too");
        scim.delete("/Users/" + id).expectNoContent();
    }

    @Test
    void aSecondUserWithTheSameDisplayNameIs409NamingTheCn() {
        String holder = create("adcore-twin1", "");
        scim.get("/Users?filter=" + encode("userName eq \"adcore-twin2@example.test\"")).expect(200)
                .path("Resources").forEach(old -> scim.delete("/Users/" + old.get("id").asText()));
        JsonNode refused = scim.post("/Users", user("adcore-twin2", "").replace("\"displayName\":\"adcore-twin2\"",
                "\"displayName\":\"adcore-twin1\"")).expectError(409, "uniqueness");
        assertEquals("CN=adcore-twin1 already exists under " + SambaAdServer.USERS
                + ": the entry's name comes from displayName; it is User " + holder, refused.get("detail").asText());
    }

    // 7. More than AD's 1,000 entries, in pages.

    @Test
    void moreThanAThousandUsersAreListedInPagesUnderTheDirectorysLimit() throws Exception {
        seedBulkUsers();
        UnaryOperator<ResourceMappingConfig> noPassword = config -> withAttributes(config, config.attributes().stream()
                .filter(a -> !a.scim().equals("password")).toList());
        try (RecordingLdapProxy proxy = RecordingLdapProxy.to("127.0.0.1", 636, samba.sslSocketFactory());
             PresetBridge proxied = PresetBridge.start("active-directory", ldap(proxy.url(), false), TOKEN, noPassword)) {
            ScimClient client = proxied.scim();
            String filter = "filter=" + encode("userName sw \"" + BULK + "\"");
            proxy.clear();
            Set<String> seen = new HashSet<>();
            int total = -1;
            for (int start = 1; total < 0 || start <= total; start += 200) {
                JsonNode page = client.get("/Users?" + filter + "&startIndex=" + start + "&count=200").expect(200);
                total = page.get("totalResults").asInt();
                page.path("Resources").forEach(resource -> assertTrue(seen.add(resource.get("id").asText()),
                        "listed twice: " + resource.get("userName")));
            }
            assertTrue(total >= BULK_USERS, "total " + total);
            assertEquals(total, seen.size());

            String cursor = "";
            Set<String> walked = new HashSet<>();
            while (cursor != null) {
                JsonNode page = client.get("/Users?" + filter + "&count=200&cursor=" + encode(cursor)).expect(200);
                page.path("Resources").forEach(resource -> walked.add(resource.get("id").asText()));
                cursor = page.path("nextCursor").asText(null);
            }
            assertEquals(seen, walked, "the cursor walk finds the same users");

            List<RecordingLdapProxy.Search> searches = proxy.searches();
            System.out.printf("listing %d users twice took %d LDAP searches: %d virtual list view windows,"
                    + " %d paged, %d base reads%n", total, searches.size(),
                    searches.stream().filter(s -> s.window() != null).count(),
                    searches.stream().filter(s -> s.pageSize() != null).count(),
                    searches.stream().filter(s -> s.scope() == SearchScope.BASE).count());
            // Pages of the client's count, and the count of matches walked by 500: all under AD's 1,000.
            for (RecordingLdapProxy.Search search : searches) {
                assertTrue(search.mostEntriesPerResponse() <= 500, "an unpaged or oversized search: " + search);
            }
        }
    }

    /** Loads the bulk users straight into the domain, those that are not there yet. */
    private static void seedBulkUsers() throws LDAPException {
        try (LDAPConnection connection = samba.connect()) {
            Set<String> present = new HashSet<>();
            connection.search(SambaAdServer.USERS, SearchScope.ONE, "(sAMAccountName=" + BULK + "*)", "sAMAccountName")
                    .getSearchEntries().forEach(e -> present.add(e.getAttributeValue("sAMAccountName")));
            long started = System.nanoTime();
            for (int i = 0; i < BULK_USERS; i++) {
                String name = BULK + String.format("%04d", i);
                if (!present.contains(name)) {
                    connection.add(new Entry("CN=" + name + "," + SambaAdServer.USERS,
                            new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                            new Attribute("sAMAccountName", name),
                            new Attribute("userPrincipalName", name + "@example.test")));
                }
            }
            System.out.printf("seeded %d bulk users in %d ms%n", BULK_USERS - present.size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static List<String> ids(String path) {
        List<String> ids = new ArrayList<>();
        scim.get(path).expect(200).path("Resources").forEach(resource -> ids.add(resource.get("id").asText()));
        return ids;
    }

    private static List<String> userNames(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("Resources").forEach(resource -> names.add(resource.get("userName").asText()));
        return names;
    }

    private static Set<String> memberIds(JsonNode group) {
        Set<String> ids = new HashSet<>();
        group.path("members").forEach(member -> ids.add(member.get("value").asText()));
        return ids;
    }

    private static List<String> groupIds(String userId) {
        List<String> ids = new ArrayList<>();
        scim.get("/Users/" + userId).expect(200).path("groups").forEach(group -> ids.add(group.get("value").asText()));
        return ids;
    }
}

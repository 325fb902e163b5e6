package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.journal.DeprovisionRecord;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.testsupport.OffboardingBridge;
import org.ldapscim.bridge.testsupport.ScimClient;
import org.ldapscim.bridge.testsupport.ScimResponse;

/**
 * Offboarding through HTTP against a real directory: DELETE and active=false under each policy, reactivation by
 * active=true and by a returning POST, the journal's account of each step, and the mass-change brake with the
 * {@code deprovision} command approving and rejecting what it held.
 */
abstract class OffboardingScenarios {
    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    /** Characters that mean something in DNs and LDAP filters. */
    static final String HOSTILE = "x*)(uid=*),ou=people+cn=\\\\evil#;<>";

    static OffboardingBridge bridge;
    /** Every user and group the scenarios made, for directories that outlive a run to be cleaned. */
    static final List<String> CREATED = java.util.Collections.synchronizedList(new ArrayList<>());

    /** The users.yaml {@code deprovision} section for a quarantine OU. */
    static String deprovisionYaml(String quarantine, String lockAttribute) {
        return """
                deprovision:
                  reactivate: {matchBy: [userName, externalId], onActiveTrue: true, onCreate: true}
                  brake: {maxDeprovisions: 10, withinMinutes: 60}
                  policies:
                    offboard:
                      onDelete:
                        - disable: {}
                        - stripGroups: true
                        - moveTo: "%s"
                        - set: {description: "deprovisioned {date}"}
                        - purgeAfterDays: 30
                      onDeactivate:
                        - disable: {}
                        - stripGroups: true
                    keepVisible:
                      afterDelete: inactive
                      onDelete:
                        - disable: {}
                        - set: {description: "left"}
                """.formatted(quarantine);
    }

    static Map<String, String> clients() {
        Map<String, String> clients = new java.util.LinkedHashMap<>();
        clients.put("offboarder", "offboard");
        clients.put("visible", "keepVisible");
        clients.put("braked", "offboard");
        clients.put("plain", null);
        return clients;
    }

    abstract String people();

    abstract String quarantine();

    /** The attribute the mapping's active locks with. */
    abstract String lockAttribute();

    /** Whether the directory holds the account as locked. */
    boolean locked(Entry entry) {
        return entry.hasAttribute(lockAttribute());
    }

    /** An entry of the same RDN as the user at {@code dn}, under {@code parent}. */
    Entry namesake(DN dn, String parent) {
        return new Entry(dn.getRDNString() + "," + parent,
                new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "person", "organizationalPerson",
                        "inetOrgPerson"), new com.unboundid.ldap.sdk.Attribute("cn", "collider"),
                new com.unboundid.ldap.sdk.Attribute("sn", "collider"),
                new com.unboundid.ldap.sdk.Attribute("uid", dn.getRDN().getAttributeValues()[0]));
    }

    /** What a new user's body carries beyond its names, as JSON members with a leading comma. */
    String extraUserJson() {
        return "";
    }

    /** A short value that makes a name unique to this run, for directories that outlive a test run. */
    static String unique() {
        return Long.toString(System.nanoTime() % 100_000_000L, 36);
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void deleteDisablesStripsGroupsMovesAndSchedulesThePurgeAndAReturningPostRestoresAll() throws Exception {
        ScimClient scim = bridge.scim("offboarder");
        String userName = "leaver" + unique() + HOSTILE + "@example.com";
        // Short: AD's employeeID holds at most 16 characters.
        String externalId = "e" + unique() + "*)(|";
        String id = createUser(scim, userName, externalId);
        String group = createGroup(scim, "Leavers Team " + System.nanoTime(), id);
        DN before = dnOf(id);

        scim.delete("/Users/" + id).expectNoContent();

        scim.get("/Users/" + id).expectError(404, null);
        scim.patch("/Users/" + id, activeOp(false)).expectError(404, null);
        scim.delete("/Users/" + id).expectError(404, null);
        assertEquals(0, scim.get("/Users?filter=" + filter("userName eq \"" + userName + "\"")).expect(200)
                .get("totalResults").asInt());
        assertFalse(members(scim, group).contains(id));

        List<DeprovisionRecord> rows = bridge.records().applied("User", id);
        assertEquals(1, rows.size());
        DeprovisionRecord row = rows.get(0);
        assertEquals("DELETE", row.trigger());
        assertEquals("offboard", row.policy());
        assertEquals(userName, row.userName());
        assertEquals(before.toString(), row.dnBefore());
        DN now = new DN(row.dnNow());
        assertEquals(new DN(quarantine()), now.getParent());
        assertNotNull(row.purgeAfter());
        assertTrue(Duration.between(Instant.now(), row.purgeAfter()).toDays() >= 29);
        assertEquals(List.of("disable", "stripGroups", "moveTo", "set", "purgeAfter"), kinds(row.steps()));
        JsonNode stripped = row.steps().get(1).get("groups");
        assertEquals(1, stripped.size());
        assertEquals(before.toString(), row.steps().get(2).get("from").asText());
        assertEquals(List.of(), ScimResponse.texts(row.steps().get(3).get("attributes").get("description").get("before")));

        Entry quarantined = bridge.directory().read(now, lockAttribute(), "description");
        assertTrue(locked(quarantined));
        assertTrue(quarantined.getAttributeValue("description").startsWith("deprovisioned "));

        List<JournalEntry> journaled = journal(id, Operation.DEPROVISION);
        assertEquals(5, journaled.size());
        assertTrue(journaled.stream().allMatch(e -> e.outcome() == Outcome.SUCCEEDED));
        assertEquals(List.of("disable", "stripGroups", "moveTo", "set", "purgeAfter"),
                journaled.stream().map(e -> e.changes().get("step").asText()).toList());
        assertEquals(before.toString(), journaled.get(2).changes().get("from").asText());
        assertEquals(stripped.get(0).get("dn").asText(), journaled.get(1).changes().get("groups").get(0).get("dn").asText());

        JsonNode back = scim.post("/Users", userBody(userName, externalId)).expect(201);
        assertEquals(id, back.get("id").asText());
        assertTrue(back.get("active").asBoolean());
        assertTrue(members(scim, group).contains(id));
        assertEquals(before, dnOf(id));
        Entry restored = bridge.directory().read(before, lockAttribute(), "description");
        assertFalse(locked(restored));
        assertFalse(restored.hasAttribute("description"));
        assertEquals(DeprovisionRecord.REACTIVATED, bridge.records().find(row.id()).state());
        assertEquals(5, journal(id, Operation.REACTIVATE).size());
    }

    @Test
    void aStepThatFailsHalfWayIsUndoneAndAnsweredAsAScimError() throws Exception {
        ScimClient scim = bridge.scim("offboarder");
        String userName = "collider" + unique() + "@example.com";
        String id = createUser(scim, userName, null);
        String group = createGroup(scim, "Colliders " + System.nanoTime(), id);
        DN dn = dnOf(id);
        // The quarantine already holds an entry of that name, so the move (the third step) is refused.
        bridge.directory().add(namesake(dn, quarantine()));

        JsonNode error = scim.delete("/Users/" + id).expectError(409, "uniqueness");
        assertTrue(error.get("detail").asText().contains("nothing was changed"), error.toString());

        JsonNode user = scim.get("/Users/" + id).expect(200);
        assertTrue(user.get("active").asBoolean());
        assertEquals(dn, dnOf(id));
        assertTrue(members(scim, group).contains(id));
        assertTrue(bridge.records().applied("User", id).isEmpty());
        List<JournalEntry> steps = journal(id, Operation.DEPROVISION);
        assertEquals(List.of(Outcome.SUCCEEDED, Outcome.SUCCEEDED, Outcome.FAILED),
                steps.stream().map(JournalEntry::outcome).toList());
        List<JournalEntry> undone = journal(id, Operation.REACTIVATE);
        assertEquals(List.of("stripGroups", "disable"), undone.stream().map(e -> e.changes().get("step").asText())
                .toList());
        assertTrue(undone.stream().allMatch(e -> e.outcome() == Outcome.SUCCEEDED));
    }

    @Test
    void deactivationDisablesAndStripsGroupsAndActiveTrueRestoresThem() throws Exception {
        ScimClient scim = bridge.scim("offboarder");
        String id = createUser(scim, "pauser" + unique() + "@example.com", null);
        String group = createGroup(scim, "Pausers " + System.nanoTime(), id);
        DN dn = dnOf(id);

        JsonNode off = scim.patch("/Users/" + id, activeOp(false)).expect(200);
        assertFalse(off.get("active").asBoolean());
        assertFalse(members(scim, group).contains(id));
        assertFalse(scim.get("/Users/" + id).expect(200).get("active").asBoolean());
        assertEquals(1, scim.get("/Users?filter=" + filter("active eq false and id eq \"" + id + "\""))
                .expect(200).get("totalResults").asInt());
        DeprovisionRecord row = bridge.records().applied("User", id).get(0);
        assertEquals("DEACTIVATE", row.trigger());
        assertEquals(List.of("disable", "stripGroups"), kinds(row.steps()));

        JsonNode on = scim.patch("/Users/" + id, activeOp(true)).expect(200);
        assertTrue(on.get("active").asBoolean());
        assertTrue(members(scim, group).contains(id));
        assertEquals(dn, dnOf(id));
        assertEquals(DeprovisionRecord.REACTIVATED, bridge.records().find(row.id()).state());
    }

    /** Entra's order: active=false first, DELETE later; the returning account gets back what both took. */
    @Test
    void aDeactivationThenADeleteAreBothUndoneByTheReturningPost() throws Exception {
        ScimClient scim = bridge.scim("offboarder");
        String userName = "entra" + unique() + "@example.com";
        String id = createUser(scim, userName, null);
        String group = createGroup(scim, "Entra Leavers " + System.nanoTime(), id);
        DN dn = dnOf(id);

        scim.patch("/Users/" + id, activeOp(false)).expect(200);
        scim.delete("/Users/" + id).expectNoContent();
        scim.get("/Users/" + id).expectError(404, null);
        List<DeprovisionRecord> rows = bridge.records().applied("User", id);
        assertEquals(List.of("DELETE", "DEACTIVATE"), rows.stream().map(DeprovisionRecord::trigger).toList());

        JsonNode back = scim.post("/Users", userBody(userName, null)).expect(201);
        assertEquals(id, back.get("id").asText());
        assertTrue(back.get("active").asBoolean());
        assertEquals(dn, dnOf(id));
        assertTrue(members(scim, group).contains(id));
        assertFalse(locked(bridge.directory().read(dn, lockAttribute())));
        assertTrue(bridge.records().applied("User", id).isEmpty());
    }

    @Test
    void anInactivePolicyKeepsTheDeletedAccountVisibleAsInactive() throws Exception {
        ScimClient scim = bridge.scim("visible");
        String userName = "shown" + unique() + "@example.com";
        String id = createUser(scim, userName, null);

        scim.delete("/Users/" + id).expectNoContent();

        JsonNode shown = scim.get("/Users/" + id).expect(200);
        assertFalse(shown.get("active").asBoolean());
        assertEquals(userName, shown.get("userName").asText());
        assertEquals(1, scim.get("/Users?filter=" + filter("userName eq \"" + userName + "\"")).expect(200)
                .get("totalResults").asInt());
        assertEquals("left", bridge.directory().read(dnOf(id), "description").getAttributeValue("description"));

        scim.patch("/Users/" + id, activeOp(true)).expect(200);
        assertNull(bridge.directory().read(dnOf(id), "description").getAttributeValue("description"));
    }

    @Test
    void aSecondDeleteOfAnAccountShownInactiveIsAnsweredWithoutASecondRecord() throws Exception {
        ScimClient scim = bridge.scim("visible");
        String id = createUser(scim, "twice" + unique() + "@example.com", null);
        scim.delete("/Users/" + id).expectNoContent();
        int stepEntries = journal(id, Operation.DEPROVISION).size();

        scim.delete("/Users/" + id).expectNoContent();

        assertEquals(1, bridge.records().applied("User", id).size());
        assertEquals(stepEntries, journal(id, Operation.DEPROVISION).size());
        assertFalse(scim.get("/Users/" + id).expect(200).get("active").asBoolean());
    }

    @Test
    void aClientWithoutAPolicyStillDeletes() throws Exception {
        ScimClient scim = bridge.scim("plain");
        String id = createUser(scim, "gone" + unique() + "@example.com", null);
        DN dn = dnOf(id);
        scim.delete("/Users/" + id).expectNoContent();
        assertNull(bridge.directory().read(dn, "1.1"));
        assertTrue(bridge.records().applied("User", id).isEmpty());
    }

    @Test
    void theBrakeHoldsTheEleventhDeprovisionUntilAnOperatorApprovesIt() throws Exception {
        ScimClient scim = bridge.scim("braked");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(createUser(scim, "mass" + i + "." + unique() + "@example.com", null));
        }
        for (String id : ids) {
            scim.delete("/Users/" + id).expectNoContent();
        }
        for (String id : ids.subList(0, 10)) {
            scim.get("/Users/" + id).expectError(404, null);
        }
        String approved = ids.get(10);
        String rejected = ids.get(11);
        assertTrue(scim.get("/Users/" + approved).expect(200).get("active").asBoolean());
        assertTrue(scim.get("/Users/" + rejected).expect(200).get("active").asBoolean());
        DeprovisionRecord heldApproved = bridge.records().held("User", approved);
        DeprovisionRecord heldRejected = bridge.records().held("User", rejected);
        assertEquals("DELETE", heldApproved.heldRequest().get("operation").asText());
        assertTrue(heldApproved.steps().isEmpty());

        // A deactivation over the brake is held too: answered as asked, applied only on approval.
        String paused = createUser(scim, "mass.paused." + unique() + "@example.com", null);
        assertFalse(scim.patch("/Users/" + paused, activeOp(false)).expect(200).get("active").asBoolean());
        assertTrue(scim.get("/Users/" + paused).expect(200).get("active").asBoolean());
        assertEquals("DEACTIVATE", bridge.records().held("User", paused).trigger());

        String listed = cli("deprovision", "list", "--config", bridge.bridgeYaml().toString());
        assertTrue(listed.contains("\"resourceId\":\"" + approved + "\""), listed);
        assertTrue(listed.contains("\"resourceId\":\"" + rejected + "\""), listed);

        cli("deprovision", "approve", "--config", bridge.bridgeYaml().toString(), Long.toString(heldApproved.id()));
        cli("deprovision", "reject", "--config", bridge.bridgeYaml().toString(), Long.toString(heldRejected.id()));

        scim.get("/Users/" + approved).expectError(404, null);
        DeprovisionRecord applied = bridge.records().find(heldApproved.id());
        assertEquals(DeprovisionRecord.DEPROVISIONED, applied.state());
        assertEquals(5, applied.steps().size());
        assertEquals(new DN(quarantine()), new DN(applied.dnNow()).getParent());
        assertTrue(scim.get("/Users/" + rejected).expect(200).get("active").asBoolean());
        assertEquals(DeprovisionRecord.REJECTED, bridge.records().find(heldRejected.id()).state());
        assertEquals(List.of("approved"), decisions(approved));
        assertEquals(List.of("rejected"), decisions(rejected));
        // No step ran on the rejected account: its one DEPROVISION entry is the operator's decision.
        assertEquals(List.of("rejected"), journal(rejected, Operation.DEPROVISION).stream()
                .map(e -> e.changes().get("decision").asText()).toList());
    }

    private static String cli(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try (PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            exit = org.ldapscim.bridge.cli.MainAccess.execute(args);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, printed);
        return printed;
    }

    /** The operator decisions journaled on a resource, with origin OPERATOR. */
    private static List<String> decisions(String id) throws Exception {
        List<String> decisions = new ArrayList<>();
        try (Connection connection = bridge.journal().dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT JSON_VALUE(changes, '$.decision')"
                     + " FROM journal_entry WHERE resource_id = ? AND origin = 'OPERATOR' ORDER BY id")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    decisions.add(rows.getString(1));
                }
            }
        }
        return decisions;
    }

    private static List<JournalEntry> journal(String id, Operation operation) {
        List<JournalEntry> entries = new ArrayList<>(bridge.journal().store()
                .find(new JournalQuery(100, id, null, operation, null, null)));
        java.util.Collections.reverse(entries);
        return entries;
    }

    private static List<String> kinds(JsonNode steps) {
        List<String> kinds = new ArrayList<>();
        steps.forEach(step -> kinds.add(step.get("step").asText()));
        return kinds;
    }

    DN dnOf(String id) throws Exception {
        var found = bridge.directory().search(new DN(people()), com.unboundid.ldap.sdk.Filter.createEqualityFilter(
                idAttribute(), id), 2, "1.1");
        assertEquals(1, found.size(), "entry of " + id + " under " + people());
        return found.get(0).getParsedDN();
    }

    abstract String idAttribute();

    String createUser(ScimClient scim, String userName, String externalId) {
        String id = scim.post("/Users", userBody(userName, externalId)).expect(201).get("id").asText();
        CREATED.add(id);
        return id;
    }

    String userBody(String userName, String externalId) {
        com.fasterxml.jackson.databind.node.ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode();
        body.put("displayName", "Lea Ver " + Integer.toHexString(userName.hashCode()));
        body.putArray("schemas").add(USER);
        body.put("userName", userName);
        if (externalId != null) {
            body.put("externalId", externalId);
        }
        body.putObject("name").put("givenName", "Lea").put("familyName", "Ver");
        body.put("active", true);
        String json = body.toString();
        return json.substring(0, json.length() - 1) + extraUserJson() + "}";
    }

    static String createGroup(ScimClient scim, String name, String member) {
        String id = scim.post("/Groups", """
                {"schemas": ["%s"], "displayName": "%s", "members": [{"value": "%s"}]}""".formatted(GROUP, name, member))
                .expect(201).get("id").asText();
        CREATED.add(id);
        return id;
    }

    static List<String> members(ScimClient scim, String group) {
        List<String> ids = new ArrayList<>();
        scim.get("/Groups/" + group).expect(200).path("members").forEach(m -> ids.add(m.get("value").asText()));
        return ids;
    }

    static String activeOp(boolean active) {
        return """
                {"schemas": ["%s"], "Operations": [{"op": "replace", "path": "active", "value": %s}]}"""
                .formatted(PATCH, active);
    }

    static String filter(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

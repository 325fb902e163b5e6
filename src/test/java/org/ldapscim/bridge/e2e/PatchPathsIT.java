package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.ldapscim.bridge.e2e.UserLifecycleIT.patch;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_ENTERPRISE;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.userDn;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Entry;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;

/**
 * PATCH (RFC 7644 §3.5.2) with every path form and without a path, through HTTP against the demo's Helena
 * Marsh; each row states the operations, the answer and what the LDAP entry holds afterwards. A PATCH that
 * fails leaves the entry exactly as it was, down to its modifyTimestamp, even when earlier operations of it
 * were fine.
 */
class PatchPathsIT {
    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest();

    private static final String HELENA_DN = userDn("helena.marsh@example.com");
    private static final String LINDA_DN = userDn("linda.evans@example.com");
    private static final String LINDA = "{{linda}}";

    /**
     * One PATCH: its operations ({@value #LINDA} stands for Linda Evans's id) and what it must do; a null
     * {@code entry} check on a success means the entry must not change at all.
     */
    record Row(String name, String operations, int status, String scimType, Consumer<Entry> entry) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Row ok(String name, String operations, Consumer<Entry> entry) {
        return new Row(name, operations, 200, null, entry);
    }

    /** Answered 200 with the entry left exactly as it was: nothing is written. */
    static Row unchanged(String name, String operations) {
        return new Row(name, operations, 200, null, null);
    }

    static Row refused(String name, String operations, int status, String scimType) {
        return new Row(name, operations, status, scimType, null);
    }

    static Stream<Row> rows() {
        return Stream.of(
                ok("add an attribute", """
                        {"op": "add", "path": "title", "value": "Chair"}""", holds("title", "Chair")),
                ok("replace an attribute", """
                        {"op": "replace", "path": "displayName", "value": "H. Marsh"}""",
                        holds("displayName", "H. Marsh")),
                ok("remove an attribute", """
                        {"op": "remove", "path": "title"}""", lacks("title")),
                ok("replace a sub-attribute", """
                        {"op": "replace", "path": "name.givenName", "value": "Lena"}""", holds("givenName", "Lena")),
                ok("remove a sub-attribute", """
                        {"op": "remove", "path": "name.givenName"}""", lacks("givenName").andThen(holds("sn", "Marsh"))),
                ok("replace through a value filter", """
                        {"op": "replace", "path": "emails[type eq \\"work\\"]",
                         "value": {"type": "work", "value": "hm@example.com"}}""", holds("mail", "hm@example.com")),
                ok("replace a sub-attribute through a value filter", """
                        {"op": "replace", "path": "emails[type eq \\"work\\"].value", "value": "hm@example.com"}""",
                        holds("mail", "hm@example.com")),
                ok("remove through a value filter", """
                        {"op": "remove", "path": "phoneNumbers[type eq \\"work\\"]"}""", lacks("telephoneNumber")),
                ok("remove a sub-attribute through a value filter", """
                        {"op": "remove", "path": "addresses[type eq \\"work\\"].locality"}""",
                        lacks("l").andThen(holds("street", "81 Howard Street"))),
                ok("add through a value filter that matches nothing yet", """
                        {"op": "add", "path": "phoneNumbers[type eq \\"mobile\\"].value", "value": "+1 415 555 0100"}""",
                        holds("mobile", "+1 415 555 0100")),
                ok("replace a URN-qualified attribute", """
                        {"op": "replace", "path": "%s:employeeNumber", "value": "E20001"}""".formatted(SCHEMA_ENTERPRISE),
                        holds("employeeNumber", "E20001")),
                ok("add a URN-qualified manager", """
                        {"op": "add", "path": "%s:manager", "value": {"value": "%s"}}""".formatted(SCHEMA_ENTERPRISE, LINDA),
                        holds("manager", LINDA_DN)),
                ok("remove a URN-qualified attribute", """
                        {"op": "remove", "path": "%s:department"}""".formatted(SCHEMA_ENTERPRISE),
                        lacks("departmentNumber")),
                ok("add without a path", """
                        {"op": "add", "value": {"title": "Chair", "name": {"givenName": "Lena"}}}""",
                        holds("title", "Chair").andThen(holds("givenName", "Lena")).andThen(holds("sn", "Marsh"))),
                ok("replace without a path, with a URN-qualified extension", """
                        {"op": "replace", "value": {"displayName": "H. Marsh",
                         "%s": {"employeeNumber": "E20001"}}}""".formatted(SCHEMA_ENTERPRISE),
                        holds("displayName", "H. Marsh").andThen(holds("employeeNumber", "E20001"))
                                .andThen(holds("departmentNumber", "Executive Office"))),
                // A remove leaves the resource as the client wants it even when there was nothing to remove: IdPs
                // retry removes, as they do for members. RFC 7644 §3.5.2.2 names no error for it.
                unchanged("remove through a value filter that matches nothing", """
                        {"op": "remove", "path": "emails[value eq \\"nobody@example.com\\"]"}"""),
                unchanged("remove an attribute that has no value", """
                        {"op": "remove", "path": "nickName"}"""),
                unchanged("replace with the value already held", """
                        {"op": "replace", "path": "title", "value": "Chief Executive Officer"}"""),
                ok("several operations in order", """
                        {"op": "add", "path": "title", "value": "Chair"},
                        {"op": "replace", "path": "title", "value": "Founder"}""", holds("title", "Founder")),

                // RFC 7644 §3.5.2.2: a remove without a path has no target.
                refused("remove without a path", """
                        {"op": "remove"}""", 400, "noTarget"),
                // RFC 7644 §3.5.2.3: a replace whose value filter matches no value.
                refused("replace through a value filter that matches nothing", """
                        {"op": "replace", "path": "emails[value eq \\"nobody@example.com\\"].value", "value": "x@example.com"}""",
                        400, "noTarget"),
                refused("an unknown attribute", """
                        {"op": "replace", "path": "nickName2", "value": "x"}""", 400, "invalidPath"),
                refused("a value filter without its closing bracket", """
                        {"op": "replace", "path": "emails[type eq \\"work\\"", "value": {"value": "x@example.com"}}""",
                        400, "invalidPath"),
                refused("text after a value filter that is no sub-attribute", """
                        {"op": "replace", "path": "emails[type eq \\"work\\"]value", "value": "x@example.com"}""",
                        400, "invalidPath"),
                refused("a value filter on a sub-attribute the schema does not define", """
                        {"op": "replace", "path": "emails[bogus eq \\"work\\"].value", "value": "x@example.com"}""",
                        400, "invalidPath"),
                refused("an unknown sub-attribute", """
                        {"op": "replace", "path": "name.middle", "value": "x"}""", 400, "invalidPath"),
                refused("a read-only attribute", """
                        {"op": "add", "path": "groups", "value": [{"value": "%s"}]}""".formatted(LINDA), 400, "mutability"),
                refused("the id", """
                        {"op": "replace", "path": "id", "value": "x"}""", 400, "mutability"),
                refused("a list for a single-valued attribute", """
                        {"op": "replace", "path": "title", "value": ["a", "b"]}""", 400, "invalidValue"),
                refused("an object for a string", """
                        {"op": "replace", "path": "displayName", "value": {"x": 1}}""", 400, "invalidValue"),
                refused("a manager that names nobody", """
                        {"op": "replace", "path": "%s:manager", "value": {"value": "00000000-0000-0000-0000-000000000000"}}"""
                        .formatted(SCHEMA_ENTERPRISE), 400, "invalidValue"),

                // One PATCH is all or nothing: good operations before a bad one leave no trace.
                refused("a good operation, then a read-only one", """
                        {"op": "replace", "path": "title", "value": "Chair"},
                        {"op": "replace", "path": "meta", "value": {}}""", 400, "mutability"),
                refused("a good operation, then one with no target", """
                        {"op": "replace", "path": "displayName", "value": "H. Marsh"},
                        {"op": "replace", "path": "emails[value eq \\"nobody@example.com\\"]", "value": {"value": "x@example.com"}}""",
                        400, "noTarget"),
                refused("a good operation, then a taken userName", """
                        {"op": "replace", "path": "title", "value": "Chair"},
                        {"op": "replace", "path": "userName", "value": "LINDA.EVANS@example.com"}""", 409, "uniqueness"),
                refused("a good operation, then a value the directory refuses", """
                        {"op": "replace", "path": "title", "value": "Chair"},
                        {"op": "replace", "path": "phoneNumbers[type eq \\"work\\"].value", "value": "call me @ home_x"}""",
                        400, "invalidValue"),
                refused("a good operation, then an unknown op", """
                        {"op": "replace", "path": "title", "value": "Chair"},
                        {"op": "move", "path": "title", "value": "x"}""", 400, "invalidValue"),
                refused("a good operation, then a boolean that is none", """
                        {"op": "replace", "path": "title", "value": "Chair"},
                        {"op": "replace", "path": "active", "value": "maybe"}""", 400, "invalidValue"),
                refused("a good operation, then a remove without a path", """
                        {"op": "replace", "path": "title", "value": "Chair"},
                        {"op": "remove"}""", 400, "noTarget"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void patchesHelena(Row row) {
        String id = bridge.idOf(HELENA_DN);
        Entry before = entry();
        var response = bridge.patch("/Users/" + id, patch(row.operations().replace(LINDA, bridge.idOf(LINDA_DN))));

        if (row.scimType() == null) {
            JsonNode patched = response.expect(200);
            assertEquals(id, patched.get("id").asText());
            if (row.entry() == null) {
                assertEquals(before, entry(), "nothing is written");
            } else {
                row.entry().accept(entry());
            }
            assertEquals(patched, bridge.get("/Users/" + id).expect(200), "the answer is the resource as stored");
        } else {
            response.expectError(row.status(), row.scimType());
            assertEquals(before, entry(), "a refused PATCH changes nothing");
        }
    }

    private static Entry entry() {
        var entry = bridge.entry(HELENA_DN);
        return new Entry(entry.getDN(), entry.getAttributes());
    }

    static Consumer<Entry> holds(String attribute, String value) {
        return entry -> assertEquals(List.of(value), List.of(entry.getAttributeValues(attribute) == null
                ? new String[0] : entry.getAttributeValues(attribute)), attribute + " in " + entry.toLDIFString());
    }

    static Consumer<Entry> lacks(String attribute) {
        return entry -> assertFalse(entry.hasAttribute(attribute), attribute + " stays in " + entry.toLDIFString());
    }
}

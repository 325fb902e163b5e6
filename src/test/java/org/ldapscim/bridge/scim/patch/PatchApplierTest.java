package org.ldapscim.bridge.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimType;
import org.ldapscim.bridge.scim.profile.IdpProfiles;

/** PATCH operations applied to a resource's JSON: before, operations and after as text blocks. */
class PatchApplierTest {
    private static final PatchParser PARSER =
            new PatchParser(List.of("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"));

    private static ObjectNode resource(String json) {
        return (ObjectNode) PatchParserTest.json(json);
    }

    /**
     * Applies the operations (a JSON array), read as the lenient profile reads them, to {@code before}, checking
     * that {@code before} is left as it was.
     */
    private static ObjectNode patch(String before, String operations) {
        ObjectNode input = resource(before);
        ObjectNode pristine = input.deepCopy();
        JsonNode body = IdpProfiles.LENIENT.patchBody(PatchParserTest.json("{\"Operations\": " + operations + "}"),
                List.of("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"));
        ObjectNode after = PatchApplier.apply(input, PARSER.parse(body), true);
        assertEquals(pristine, input, "the input resource is never modified");
        return after;
    }

    private static void assertPatched(String before, String operations, String expected) {
        assertEquals(resource(expected), patch(before, operations));
    }

    @Test
    void replaceSetsASimpleAttribute() {
        assertPatched("""
                {"userName": "bjensen", "title": "Tour Guide"}
                """, """
                [{"op": "replace", "path": "title", "value": "Manager"}]
                """, """
                {"userName": "bjensen", "title": "Manager"}
                """);
    }

    @Test
    void addAppendsToAMultiValuedAttribute() {
        assertPatched("""
                {"emails": [{"type": "work", "value": "b@example.com"}]}
                """, """
                [{"op": "add", "path": "emails", "value": [{"type": "home", "value": "b@home.example"}]}]
                """, """
                {"emails": [{"type": "work", "value": "b@example.com"}, {"type": "home", "value": "b@home.example"}]}
                """);
    }

    @Test
    void replacingTheWorkEmailOfAUserWithoutEmailsAddsIt() {
        assertPatched("""
                {"userName": "bjensen"}
                """, """
                [{"op": "replace", "path": "emails[type eq \\"work\\"].value", "value": "b@example.com"}]
                """, """
                {"userName": "bjensen", "emails": [{"type": "work", "value": "b@example.com"}]}
                """);
    }

    @Test
    void withoutTheProfilesLeniencyReplacingAMissingTypedElementIsNoTarget() {
        ObjectNode before = resource("{\"userName\": \"bjensen\"}");
        List<PatchOp> ops = PARSER.parse(PatchParserTest.json("""
                {"Operations": [{"op": "replace", "path": "emails[type eq \\"work\\"].value", "value": "b@example.com"}]}
                """));
        ScimException e = assertThrows(ScimException.class, () -> PatchApplier.apply(before, ops, false));
        assertEquals(ScimType.noTarget, e.scimType());
    }

    @Test
    void replacingTheWorkEmailOfAUserWithOnlyAHomeEmailAddsItBeside() {
        assertPatched("""
                {"emails": [{"type": "home", "value": "b@home.example"}]}
                """, """
                [{"op": "replace", "path": "emails[type eq \\"work\\"].value", "value": "b@example.com"}]
                """, """
                {"emails": [{"type": "home", "value": "b@home.example"}, {"type": "work", "value": "b@example.com"}]}
                """);
    }

    @Test
    void replacingAnExistingWorkEmailChangesItsValueOnly() {
        assertPatched("""
                {"emails": [{"type": "work", "value": "old@example.com", "primary": true},
                            {"type": "home", "value": "b@home.example"}]}
                """, """
                [{"op": "replace", "path": "emails[type eq \\"work\\"].value", "value": "new@example.com"}]
                """, """
                {"emails": [{"type": "work", "value": "new@example.com", "primary": true},
                            {"type": "home", "value": "b@home.example"}]}
                """);
    }

    @Test
    void replacingAnElementChosenOtherwiseThanByTypeIsNoTarget() {
        ObjectNode before = resource("{\"emails\": [{\"type\": \"work\", \"value\": \"a@example.com\"}]}");
        List<PatchOp> ops = PARSER.parse(PatchParserTest.json("""
                {"Operations": [{"op": "replace", "path": "emails[value eq \\"x@example.com\\"].display", "value": "X"}]}
                """));
        ScimException e = assertThrows(ScimException.class, () -> PatchApplier.apply(before, ops, true));
        assertEquals(ScimType.noTarget, e.scimType());
    }

    @Test
    void removingAValueThatIsNotThereChangesNothing() {
        String before = """
                {"userName": "bjensen", "emails": [{"type": "work", "value": "b@example.com"}],
                 "members": [{"value": "1"}]}
                """;
        assertPatched(before, """
                [{"op": "remove", "path": "title"},
                 {"op": "remove", "path": "emails[type eq \\"home\\"]"},
                 {"op": "remove", "path": "members", "value": [{"value": "2"}]},
                 {"op": "remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"}]
                """, before);
    }

    @Test
    void removingMembersByValueRemovesEachOfThem() {
        assertPatched("""
                {"members": [{"value": "1", "display": "Ann"}, {"value": "2"}, {"value": "with\\"quote"}]}
                """, """
                [{"op": "remove", "path": "members", "value": [{"value": "1"}, {"value": "with\\"quote"}]}]
                """, """
                {"members": [{"value": "2"}]}
                """);
    }

    @Test
    void removingAFilteredElementRemovesOnlyIt() {
        assertPatched("""
                {"phoneNumbers": [{"type": "work", "value": "+1 555 0100"}, {"type": "mobile", "value": "+1 555 0199"}]}
                """, """
                [{"op": "remove", "path": "phoneNumbers[type eq \\"mobile\\"]"}]
                """, """
                {"phoneNumbers": [{"type": "work", "value": "+1 555 0100"}]}
                """);
    }

    @Test
    void aPathlessReplaceWithDottedAndUrnKeysSetsEachAttribute() {
        assertPatched("""
                {"userName": "bjensen", "name": {"givenName": "Barbara", "familyName": "Jensen"}}
                """, """
                [{"op": "replace", "value": {
                   "name.givenName": "Babs",
                   "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "42",
                   "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Tours"}}}]
                """, """
                {"userName": "bjensen", "name": {"givenName": "Babs", "familyName": "Jensen"},
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "42", "department": "Tours"}}
                """);
    }

    @Test
    void operationsApplyInOrder() {
        assertPatched("""
                {"title": "a"}
                """, """
                [{"op": "replace", "path": "title", "value": "b"},
                 {"op": "remove", "path": "title"},
                 {"op": "add", "path": "title", "value": "c"}]
                """, """
                {"title": "c"}
                """);
    }

    @Test
    void aFailingOperationLeavesTheInputAsItWas() {
        ObjectNode before = resource("{\"title\": \"a\", \"emails\": [{\"type\": \"work\", \"value\": \"x\"}]}");
        ObjectNode pristine = before.deepCopy();
        List<PatchOp> ops = PARSER.parse(PatchParserTest.json("""
                {"Operations": [{"op": "replace", "path": "title", "value": "b"},
                                {"op": "replace", "path": "emails[value eq \\"nope\\"].display", "value": "X"}]}
                """));
        assertThrows(ScimException.class, () -> PatchApplier.apply(before, ops, true));
        assertEquals(pristine, before);
    }
}

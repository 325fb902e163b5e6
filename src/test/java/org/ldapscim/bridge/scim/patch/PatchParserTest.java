package org.ldapscim.bridge.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.messages.PatchOpType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimType;
import org.ldapscim.bridge.scim.profile.IdpProfiles;

/**
 * PatchOp bodies (RFC 7644 §3.5.2) read into operations with a path each: as the RFC writes them, and as IdPs
 * send them once the lenient profile's normalisers have rewritten them.
 */
class PatchParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final PatchParser PARSER = new PatchParser(List.of(ENTERPRISE));

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static List<PatchOp> parse(String body) {
        return PARSER.parse(json(body));
    }

    private static List<PatchOp> lenient(String body) {
        return PARSER.parse(IdpProfiles.LENIENT.patchBody(json(body), List.of(ENTERPRISE)));
    }

    /** A body with one operation. */
    private static String body(String operation) {
        return """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [%s]}
                """.formatted(operation);
    }

    private static ScimException refused(String body, ScimType expected) {
        ScimException e = assertThrows(ScimException.class, () -> parse(body));
        assertEquals(400, e.status());
        assertEquals(expected, e.scimType(), e::detail);
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"add, ADD", "replace, REPLACE"})
    void aLowerCaseOpIsRead(String op, PatchOpType expected) {
        List<PatchOp> ops = parse(body("{\"op\": \"" + op + "\", \"path\": \"title\", \"value\": \"Boss\"}"));
        assertEquals(1, ops.size());
        assertEquals(expected, ops.get(0).type());
        assertEquals("title", ops.get(0).attribute());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Add, ADD", "ADD, ADD", "Replace, REPLACE", "REPLACE, REPLACE"})
    void aCapitalisedOpIsInvalidValueUnlessTheProfileLowersIt(String op, PatchOpType expected) {
        String operation = body("{\"op\": \"" + op + "\", \"path\": \"title\", \"value\": \"Boss\"}");
        refused(operation, ScimType.invalidValue);
        assertEquals(expected, lenient(operation).get(0).type());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"op\": \"merge\", \"path\": \"title\", \"value\": \"x\"}",
            "{\"op\": \"\", \"path\": \"title\", \"value\": \"x\"}",
            "{\"op\": 1, \"path\": \"title\", \"value\": \"x\"}",
            "{\"path\": \"title\", \"value\": \"x\"}",
    })
    void anUnknownOrMissingOpIsInvalidValue(String operation) {
        refused(body(operation), ScimType.invalidValue);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]}",
            "{\"Operations\": []}",
            "{\"Operations\": {\"op\": \"add\", \"path\": \"title\", \"value\": \"x\"}}",
            "{\"Operations\": null}",
            "{\"Operations\": [\"add\"]}",
            "[{\"op\": \"add\", \"path\": \"title\", \"value\": \"x\"}]",
            "\"add\"",
    })
    void aBodyWithoutOperationsIsInvalidSyntax(String body) {
        refused(body, ScimType.invalidSyntax);
    }

    @Test
    void anAbsentBodyIsInvalidSyntax() {
        ScimException e = assertThrows(ScimException.class, () -> PARSER.parse(null));
        assertEquals(ScimType.invalidSyntax, e.scimType());
    }

    @Test
    void theOperationsMemberIsFoundInAnyCase() {
        List<PatchOp> ops = parse("{\"operations\": [{\"OP\": \"add\", \"PATH\": \"title\", \"VALUE\": \"x\"}]}");
        assertEquals(PatchOpType.ADD, ops.get(0).type());
        assertEquals("x", ops.get(0).value().textValue());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"op\": \"remove\"}",
            "{\"op\": \"remove\", \"path\": \"\"}",
            "{\"op\": \"remove\", \"path\": \"  \"}",
            "{\"op\": \"remove\", \"path\": null, \"value\": {\"title\": \"x\"}}",
    })
    void removeWithoutAPathIsNoTarget(String operation) {
        refused(body(operation), ScimType.noTarget);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"name.", "emails[type eq]", "emails[type \"work\"].value", "[type eq \"work\"]",
            "name.givenName.x.y", "emails[type eq \"work\"].value.x", "urn:ietf:params:scim:schemas:core:2.0:User:",
            "emails[type eq \"work\"", "emails[type eq \"work\"]x", "emails[type eq \"work\"]]", "emails]",
            "emails[type eq \"work\"][value pr]", "emails[type eq \"work\"].val ue", "title\u0000",
            "emails[type eq \"wo\u0001rk\"].value"})
    void anUnparsablePathIsInvalidPath(String path) {
        refused(body("{\"op\": \"replace\", \"path\": " + JSON.getNodeFactory().textNode(path) + ", \"value\": \"x\"}"),
                ScimType.invalidPath);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"add", "replace"})
    void addAndReplaceWithAPathNeedAValue(String op) {
        refused(body("{\"op\": \"" + op + "\", \"path\": \"title\"}"), ScimType.invalidValue);
    }

    @ParameterizedTest(name = "[{index}] '{0}'")
    @ValueSource(strings = {"name.givenName", ENTERPRISE + ":employeeNumber", "urn:example:unknown:attribute",
            "members[value pr]", "emails[type eq \"work\"]", "", "1title", "title "})
    void aPathlessKeyThatIsNoAttributeNameIsInvalidValue(String key) {
        refused(body("{\"op\": \"replace\", \"value\": {" + JSON.getNodeFactory().textNode(key) + ": \"x\"}}"),
                ScimType.invalidValue);
    }

    @Test
    void aPathlessValueBecomesOneOperationPerAttribute() {
        List<PatchOp> ops = lenient(body("""
                {"op": "Replace", "value": {
                  "displayName": "Ann Smith",
                  "name.givenName": "Ann",
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "42",
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "R&D", "organization": "Acme"},
                  "active": "False"
                }}
                """));
        // The keys that are paths become operations of their own, after those the path-less value keeps.
        assertEquals(List.of("displayName", ENTERPRISE + ":department", ENTERPRISE + ":organization", "active",
                "name.givenName", ENTERPRISE + ":employeeNumber"),
                ops.stream().map(op -> op.path().toString()).toList());
        ops.forEach(op -> assertEquals(PatchOpType.REPLACE, op.type()));
        assertEquals(List.of("Ann Smith", "R&D", "Acme", "False", "Ann", "42"),
                ops.stream().map(op -> op.value().textValue()).toList());
        assertNull(ops.get(4).schemaUrn());
        assertEquals("name", ops.get(4).attribute());
        assertEquals(ENTERPRISE, ops.get(5).schemaUrn());
        assertEquals("employeeNumber", ops.get(5).attribute());
        assertEquals(ENTERPRISE, ops.get(1).schemaUrn());
        assertEquals("department", ops.get(1).attribute());
    }

    @Test
    void anExtensionContainerIsRecognisedInAnyCase() {
        List<PatchOp> ops = parse(body("""
                {"op": "add", "value": {"URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER": {"department": "R&D"}}}
                """));
        assertEquals(1, ops.size());
        assertEquals(ENTERPRISE, ops.get(0).schemaUrn());
        assertEquals("department", ops.get(0).attribute());
    }

    @Test
    void aPathlessValueLeavesOutSchemasIdAndMeta() {
        List<PatchOp> ops = parse(body("""
                {"op": "replace", "value": {"schemas": ["x"], "id": "1", "meta": {"version": "W/\\"1\\""}, "title": "Boss"}}
                """));
        assertEquals(List.of("title"), ops.stream().map(PatchOp::attribute).toList());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"op\": \"add\"}",
            "{\"op\": \"add\", \"value\": \"Boss\"}",
            "{\"op\": \"replace\", \"value\": [{\"title\": \"Boss\"}]}",
            "{\"op\": \"replace\", \"value\": {}}",
            "{\"op\": \"replace\", \"value\": {\"schemas\": [\"x\"]}}",
    })
    void aPathlessOperationNeedsAnObjectNamingAttributes(String operation) {
        refused(body(operation), ScimType.invalidValue);
    }

    @Test
    void aPathlessKeyThatIsNoPathIsInvalidPath() {
        ScimException e = assertThrows(ScimException.class,
                () -> lenient(body("{\"op\": \"replace\", \"value\": {\"name..givenName\": \"Ann\"}}")));
        assertEquals(ScimType.invalidPath, e.scimType());
    }

    static Stream<String> memberIds() {
        return Stream.of("2819c223-7f76-453a-919d-413861904646", "with\"quote", "back\\slash", "x\" or value pr or \"y",
                "] or [", "ünïcödé");
    }

    @Test
    void removingMembersByValueIsInvalidSyntaxUnlessTheProfileRewritesIt() {
        refused(body("{\"op\": \"remove\", \"path\": \"members\", \"value\": [{\"value\": \"1\"}]}"),
                ScimType.invalidSyntax);
    }

    @Test
    void removingMembersByValueBecomesOneRemovePerMember() {
        List<PatchOp> ops = lenient(body("""
                {"op": "Remove", "path": "members", "value": [
                  {"value": "2819c223-7f76-453a-919d-413861904646"},
                  {"value": "e9e30dba-f08f-4109-8486-d5c6a331660a", "display": "Admins"},
                  "902c246b-6245-4190-8e05-00816be7344a"]}
                """));
        assertEquals(List.of("members[value eq \"2819c223-7f76-453a-919d-413861904646\"]",
                "members[value eq \"e9e30dba-f08f-4109-8486-d5c6a331660a\"]",
                "members[value eq \"902c246b-6245-4190-8e05-00816be7344a\"]"),
                ops.stream().map(op -> op.path().toString()).toList());
        for (PatchOp op : ops) {
            assertEquals(PatchOpType.REMOVE, op.type());
            assertNull(op.value());
            assertEquals("members", op.attribute());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("memberIds")
    void aMemberIdSurvivesTheFilterItIsPutIn(String id) throws BadRequestException {
        String operation = "{\"op\": \"remove\", \"path\": \"members\", \"value\": [{\"value\": "
                + JSON.getNodeFactory().textNode(id) + "}]}";
        PatchOp op = lenient(body(operation)).get(0);
        assertEquals(id, matchedId(op.path()));
        // The path as text, as it is journaled or logged, parses back to the same single comparison.
        assertEquals(id, matchedId(Path.fromString(op.path().toString())));
    }

    private static String matchedId(Path path) {
        Filter filter = path.getElement(0).getValueFilter();
        assertEquals(FilterType.EQUAL, filter.getFilterType());
        assertEquals("value", filter.getAttributePath().toString());
        return filter.getComparisonValue().textValue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[{}]", "[{\"value\": \"\"}]", "[{\"value\": {\"id\": \"x\"}}]", "[null]",
            "[{\"value\": null}]", "[[\"x\"]]"})
    void aValueListThatNamesNoMembersIsLeftForTheParserToRefuse(String values) {
        ScimException e = assertThrows(ScimException.class, () -> lenient(body(
                "{\"op\": \"remove\", \"path\": \"members\", \"value\": " + values + "}")));
        assertEquals(ScimType.invalidSyntax, e.scimType());
    }

    @Test
    void removeWithAFilteredPathAndAValueIsInvalidSyntaxEvenWhenLenient() {
        // Which of the two would the client want removed? Neither is guessed.
        ScimException e = assertThrows(ScimException.class, () -> lenient(body("""
                {"op": "remove", "path": "members[value eq \\"1\\"]", "value": [{"value": "2"}]}
                """)));
        assertEquals(ScimType.invalidSyntax, e.scimType());
    }

    @Test
    void removeOfAWholeAttributeHasNoValue() {
        PatchOp op = parse(body("{\"op\": \"remove\", \"path\": \"emails[type eq \\\"work\\\"]\"}")).get(0);
        assertEquals(PatchOpType.REMOVE, op.type());
        assertEquals("emails", op.attribute());
        assertNull(op.value());
    }

    @Test
    void operationsKeepTheirOrder() {
        List<PatchOp> ops = lenient("""
                {"Operations": [
                  {"op": "add", "path": "title", "value": "a"},
                  {"op": "remove", "path": "members", "value": [{"value": "1"}, {"value": "2"}]},
                  {"op": "replace", "value": {"displayName": "d"}}
                ]}
                """);
        assertEquals(List.of("title", "members[value eq \"1\"]", "members[value eq \"2\"]", "displayName"),
                ops.stream().map(op -> op.path().toString()).toList());
    }
}

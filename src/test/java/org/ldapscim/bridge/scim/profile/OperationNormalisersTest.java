package org.ldapscim.bridge.scim.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each PATCH operation normaliser alone: the shape it rewrites, and the shapes it must leave as sent. */
class OperationNormalisersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final List<String> URNS = List.of(ENTERPRISE);

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static List<JsonNode> rewritten(OperationNormaliser normaliser, String operation) {
        ObjectNode sent = json(operation);
        ObjectNode pristine = sent.deepCopy();
        List<JsonNode> result = List.copyOf(normaliser.normalise(sent, URNS));
        assertEquals(pristine, sent, "the operation as sent is not modified");
        return result;
    }

    private static void unchanged(OperationNormaliser normaliser, String operation) {
        assertEquals(List.of(json(operation)), rewritten(normaliser, operation));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Add", "REPLACE", "Remove", "rEmOvE"})
    void aCapitalisedOpIsLowered(String op) {
        assertEquals(List.of(json("{\"op\": \"" + op.toLowerCase() + "\", \"path\": \"title\"}")),
                rewritten(new LowercaseOpName(), "{\"op\": \"" + op + "\", \"path\": \"title\"}"));
    }

    @Test
    void theOpKeyIsFoundInAnyCaseAndKeepsItsSpelling() {
        assertEquals(List.of(json("{\"Op\": \"add\", \"path\": \"title\", \"value\": \"x\"}")),
                rewritten(new LowercaseOpName(), "{\"Op\": \"Add\", \"path\": \"title\", \"value\": \"x\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"op\": 1}", "{\"path\": \"title\"}", "{\"op\": \"add\", \"path\": \"title\"}"})
    void anOpThatIsNoStringOrAlreadyLowerIsLeftAlone(String operation) {
        unchanged(new LowercaseOpName(), operation);
    }

    @Test
    void dottedAndUrnQualifiedKeysBecomeOperationsWithThatPath() {
        assertEquals(List.of(
                json("{\"op\": \"Replace\", \"value\": {\"displayName\": \"Ann\", \"" + ENTERPRISE
                        + "\": {\"division\": \"X\"}}}"),
                json("{\"op\": \"Replace\", \"path\": \"name.givenName\", \"value\": \"Ann\"}"),
                json("{\"op\": \"Replace\", \"path\": \"" + ENTERPRISE + ":department\", \"value\": \"R&D\"}")),
                rewritten(new PathlessKeysAsPaths(), """
                        {"op": "Replace", "value": {"displayName": "Ann", "name.givenName": "Ann",
                          "%1$s:department": "R&D", "%1$s": {"division": "X"}}}
                        """.formatted(ENTERPRISE)));
    }

    @Test
    void aValueOfPathsOnlyLeavesNoPathlessRemainder() {
        assertEquals(List.of(json("{\"op\": \"add\", \"path\": \"name.familyName\", \"value\": \"Lee\"}")),
                rewritten(new PathlessKeysAsPaths(), "{\"op\": \"add\", \"value\": {\"name.familyName\": \"Lee\"}}"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"op\": \"replace\", \"value\": {\"displayName\": \"Ann\", \"name\": {\"givenName\": \"Ann\"}}}",
            "{\"op\": \"replace\", \"path\": \"name\", \"value\": {\"name.givenName\": \"Ann\"}}",
            "{\"op\": \"remove\", \"value\": {\"name.givenName\": \"Ann\"}}",
            "{\"op\": \"add\", \"value\": \"name.givenName\"}",
            "{\"value\": {\"name.givenName\": \"Ann\"}}",
    })
    void anOperationWithoutPathKeysIsLeftAlone(String operation) {
        unchanged(new PathlessKeysAsPaths(), operation);
    }

    @Test
    void removingAListOfMembersBecomesOneFilteredRemoveEach() {
        assertEquals(List.of(
                json("{\"op\": \"Remove\", \"path\": \"members[value eq \\\"u1\\\"]\"}"),
                json("{\"op\": \"Remove\", \"path\": \"members[value eq \\\"u2\\\"]\"}")),
                rewritten(new RemoveValueListAsFilters(),
                        "{\"op\": \"Remove\", \"path\": \"members\", \"value\": [{\"value\": \"u1\"}, \"u2\"]}"));
    }

    @Test
    void aHostileIdStaysOneQuotedValueInsideTheFilter() {
        List<JsonNode> removes = rewritten(new RemoveValueListAsFilters(),
                "{\"op\": \"remove\", \"path\": \"members\","
                        + " \"value\": [{\"value\": \"x\\\" or value pr or \\\"y\"}]}");
        assertEquals("members[value eq \"x\\\" or value pr or \\\"y\"]", removes.get(0).get("path").textValue());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"op\": \"remove\", \"path\": \"members\"}",
            "{\"op\": \"remove\", \"path\": \"members\", \"value\": []}",
            "{\"op\": \"remove\", \"path\": \"members[value eq \\\"1\\\"]\", \"value\": [{\"value\": \"2\"}]}",
            "{\"op\": \"remove\", \"path\": \"members\", \"value\": [{\"value\": \"\"}]}",
            "{\"op\": \"remove\", \"path\": \"members\", \"value\": [{\"display\": \"x\"}]}",
            "{\"op\": \"remove\", \"path\": \"members[\", \"value\": [{\"value\": \"1\"}]}",
            "{\"op\": \"add\", \"path\": \"members\", \"value\": [{\"value\": \"1\"}]}",
    })
    void anythingButAListOfIdsToRemoveIsLeftAlone(String operation) {
        unchanged(new RemoveValueListAsFilters(), operation);
    }
}

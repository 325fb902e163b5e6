package org.ldapscim.bridge.scim.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.scim.profile.OperationNormalisersTest.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimType;
import org.ldapscim.bridge.scim.schema.SchemaDefinition;
import org.ldapscim.bridge.scim.schema.StandardSchemas;

/** Profiles as a whole: which shapes each absorbs, the type check after it, and what each answers. */
class IdpProfileTest {
    private static final SchemaDefinition USER = StandardSchemas.user();
    private static final List<SchemaDefinition> EXTENSIONS = List.of(StandardSchemas.enterpriseUser());
    private static final String ENTERPRISE = StandardSchemas.enterpriseUser().urn();

    /** The body typed by the profile, listing its schemas as every profile accepts. */
    private static JsonNode resource(IdpProfile profile, String body) {
        ObjectNode sent = (ObjectNode) json(body);
        if (sent.has("schemas")) {
            return profile.resource(sent, USER, EXTENSIONS);
        }
        sent.putArray("schemas").add(USER.urn());
        return ((ObjectNode) profile.resource(sent, USER, EXTENSIONS)).without("schemas");
    }

    private static ScimException refused(IdpProfile profile, String body) {
        ScimException e = assertThrows(ScimException.class, () -> resource(profile, body));
        assertEquals(400, e.status());
        assertEquals(ScimType.invalidValue, e.scimType(), e::detail);
        return e;
    }

    @Test
    void theLenientProfileTypesEveryKnownShapeByTheSchema() {
        assertEquals(json("""
                {"userName": "ann", "active": false, "title": "42",
                 "emails": [{"value": "a@example.com", "primary": true}],
                 "%1$s": {"employeeNumber": "1001", "manager": {"value": "m-1"}}, "unknown": "True"}
                """.formatted(ENTERPRISE)), resource(IdpProfiles.LENIENT, """
                {"userName": "ann", "active": "False", "title": 42,
                 "emails": [{"value": "a@example.com", "primary": "true"}],
                 "%1$s": {"employeeNumber": 1001, "manager": "m-1"}, "unknown": "True"}
                """.formatted(ENTERPRISE)));
    }

    @Test
    void onlyStrictRefusesABodyThatDoesNotListItsSchemas() {
        JsonNode unlisted = json("{\"userName\": \"ann\"}");
        for (IdpProfile profile : IdpProfiles.all()) {
            if (profile == IdpProfiles.STRICT) {
                ScimException e = assertThrows(ScimException.class, () -> profile.resource(unlisted, USER, EXTENSIONS));
                assertEquals(ScimType.invalidValue, e.scimType());
                assertThrows(ScimException.class, () -> profile.patchBody(json("{\"Operations\": []}"), List.of()));
            } else {
                assertEquals("ann", profile.resource(unlisted, USER, EXTENSIONS).path("userName").asText());
            }
        }
    }

    @Test
    void onlyEntraDropsAttributesNoSchemaDefines() {
        String body = "{\"userName\": \"ann\", \"adreses\": [], \"%s\": {\"employeNumber\": \"1\"}}"
                .formatted(ENTERPRISE);
        for (IdpProfile profile : IdpProfiles.all()) {
            boolean drops = profile == IdpProfiles.ENTRA;
            JsonNode typed = resource(profile, body);
            assertEquals(!drops, typed.has("adreses"), profile.name());
            assertEquals(!drops, typed.path(ENTERPRISE).has("employeNumber"), profile.name());
            assertEquals("ann", typed.path("userName").asText(), profile.name());
        }
    }

    @Test
    void onlyEntraQuotesBareFilterValues() {
        for (IdpProfile profile : IdpProfiles.all()) {
            boolean quotes = profile == IdpProfiles.ENTRA;
            assertEquals(quotes ? "userName sw \"O\"" : "userName sw O", profile.filter("userName sw O"), profile.name());
        }
        assertEquals(null, IdpProfiles.ENTRA.filter(null));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"active\": \"False\"}",
            "{\"title\": 42}",
            "{\"emails\": [{\"value\": \"a@example.com\", \"primary\": \"true\"}]}",
            "{\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\": {\"manager\": \"m-1\"}}",
            "{\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\": {\"employeeNumber\": 1001}}",
    })
    void theStrictProfileRefusesEveryValueOfTheWrongType(String body) {
        refused(IdpProfiles.STRICT, body);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"active\": 1}", "{\"userName\": true}", "{\"name\": \"Ann\"}", "{\"title\": [\"a\"]}",
            "{\"active\": \"maybe\"}"})
    void noProfileLetsAValueThatNoNormaliserTurnsIntoTheRightType(String body) {
        for (IdpProfile profile : IdpProfiles.all()) {
            refused(profile, body);
        }
    }

    @Test
    void aStrictResourceOfTheRightTypesPassesUnchanged() {
        String body = """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "ann", "active": true,
                 "name": {"givenName": "Ann"}, "emails": [{"value": "a@example.com", "primary": true}], "x": 1}
                """;
        assertEquals(json(body), resource(IdpProfiles.STRICT, body));
    }

    @Test
    void aPatchValueIsTypedByTheAttributeItsPathNames() throws BadRequestException {
        IdpProfile entra = IdpProfiles.ENTRA;
        assertEquals(json("{\"v\": false}").get("v"),
                entra.value(Path.fromString("active"), json("{\"v\": \"False\"}").get("v"), USER, EXTENSIONS));
        assertEquals(json("{\"value\": \"m-1\"}"), entra.value(Path.fromString(ENTERPRISE + ":manager"),
                json("{\"v\": \"m-1\"}").get("v"), USER, EXTENSIONS));
        assertEquals(json("{\"v\": true}").get("v"), entra.value(Path.fromString("emails[type eq \"work\"].primary"),
                json("{\"v\": \"True\"}").get("v"), USER, EXTENSIONS));
        assertThrows(ScimException.class, () -> IdpProfiles.STRICT.value(Path.fromString("active"),
                json("{\"v\": \"False\"}").get("v"), USER, EXTENSIONS));
    }

    @Test
    void aPatchBodyIsRewrittenOnlyByTheProfilesOwnNormalisers() {
        String body = """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [
                  {"op": "Remove", "path": "members", "value": [{"value": "u1"}]}]}
                """;
        assertEquals(json(body), IdpProfiles.STRICT.patchBody(json(body), List.of(ENTERPRISE)));
        assertEquals(json("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [
                  {"op": "remove", "path": "members[value eq \\"u1\\"]"}]}
                """), IdpProfiles.ENTRA.patchBody(json(body), List.of(ENTERPRISE)));
        assertEquals(json("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [
                  {"op": "remove", "path": "members", "value": [{"value": "u1"}]}]}
                """), IdpProfiles.OKTA.patchBody(json(body), List.of(ENTERPRISE)));
    }

    @Test
    void entraIsAnsweredWithNoContentAndTheOthersWithTheResource() {
        for (IdpProfile profile : IdpProfiles.all()) {
            PatchReply expected = profile == IdpProfiles.ENTRA ? PatchReply.NO_CONTENT : PatchReply.RESOURCE;
            assertEquals(expected, profile.patchReply(), profile.name());
        }
    }

    @Test
    void theStrictProfileHasNoLeniencyAtAll() {
        assertTrue(IdpProfiles.STRICT.operations().isEmpty());
        assertTrue(IdpProfiles.STRICT.values().isEmpty());
        assertFalse(IdpProfiles.STRICT.replaceAddsTypedElement());
    }

    @Test
    void profilesAreFoundByNameInAnyCase() {
        assertEquals(List.of("entra", "okta", "onelogin", "jumpcloud", "google", "pingone", "strict", "lenient"),
                IdpProfiles.names());
        assertEquals(IdpProfiles.OKTA, IdpProfiles.named(" Okta ").orElseThrow());
        assertTrue(IdpProfiles.named("azure").isEmpty());
        assertTrue(IdpProfiles.named(null).isEmpty());
    }
}

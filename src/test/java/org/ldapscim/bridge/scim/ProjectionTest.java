package org.ldapscim.bridge.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code attributes} and {@code excludedAttributes} parameters (RFC 7644 §3.4.2.5). */
class ProjectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CORE = ScimUrns.USER;
    private static final String ENTERPRISE = ScimUrns.ENTERPRISE_USER;

    private static final String USER = """
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
              "id": "2819c223",
              "userName": "bjensen",
              "name": {"givenName": "Barbara", "familyName": "Jensen"},
              "title": "Tour Guide",
              "emails": [{"type": "work", "value": "b@example.com", "primary": true},
                         {"type": "home", "value": "b@home.example"}],
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                "employeeNumber": "701984",
                "department": "Tours",
                "manager": {"value": "26118915", "displayName": "Jim Smith"}
              },
              "meta": {"resourceType": "User", "version": "W/\\"1\\""}
            }
            """;

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static ObjectNode project(String attributes, String excluded) {
        ObjectNode user = json(USER);
        ObjectNode shown = Projection.of(attributes, excluded, CORE).apply(user);
        assertEquals(json(USER), user, "the resource itself is left as it was");
        return shown;
    }

    @Test
    void aSubAttributeThatIsNotThereLeavesNoEmptyObject() {
        ObjectNode shown = project("name.nosuch", null);
        assertFalse(shown.has("name"), shown.toString());
    }

    @Test
    void withoutParametersEverythingIsShown() {
        assertEquals(json(USER), project(null, null));
        assertEquals(json(USER), project("", " "));
        ObjectNode user = json(USER);
        assertSame(user, Projection.all().apply(user));
    }

    @Test
    void attributesShowOnlyTheNamedOnesWithIdAndSchemas() {
        assertEquals(json("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "id": "2819c223", "userName": "bjensen", "title": "Tour Guide"}
                """), project("userName, TITLE", null));
    }

    @Test
    void aSubAttributeShowsOnlyItselfOfItsParent() {
        assertEquals(json("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "id": "2819c223", "name": {"givenName": "Barbara"},
                 "emails": [{"value": "b@example.com"}, {"value": "b@home.example"}]}
                """), project("name.givenName,emails.value", null));
    }

    @Test
    void excludedAttributesDropTheNamedOnes() {
        ObjectNode shown = project(null, "emails,name.familyName,meta");
        assertFalse(shown.has("emails"));
        assertFalse(shown.has("meta"));
        assertEquals(json("{\"givenName\": \"Barbara\"}"), shown.get("name"));
        assertEquals("bjensen", shown.get("userName").asText());
        assertTrue(shown.has(ENTERPRISE));
    }

    @Test
    void idAndSchemasAreAlwaysShown() {
        ObjectNode excluded = project(null, "id,schemas");
        assertEquals("2819c223", excluded.get("id").asText());
        assertTrue(excluded.has("schemas"));
        ObjectNode onlyTitle = project("title", null);
        assertEquals("2819c223", onlyTitle.get("id").asText());
        assertTrue(onlyTitle.has("schemas"));
    }

    @Test
    void aUrnQualifiedExtensionAttributeShowsOnlyItInItsExtension() {
        ObjectNode shown = project(ENTERPRISE + ":department", null);
        assertEquals(json("{\"department\": \"Tours\"}"), shown.get(ENTERPRISE));
        assertFalse(shown.has("userName"));
    }

    @Test
    void aUrnQualifiedSubAttributeOfAnExtension() {
        ObjectNode shown = project(ENTERPRISE + ":manager.displayName", null);
        assertEquals(json("{\"manager\": {\"displayName\": \"Jim Smith\"}}"), shown.get(ENTERPRISE));
    }

    @Test
    void aUrnQualifiedCoreAttributeIsTheCoreAttribute() {
        ObjectNode shown = project(CORE + ":userName", null);
        assertEquals("bjensen", shown.get("userName").asText());
        assertFalse(shown.has("title"));
        assertFalse(shown.has(ENTERPRISE));
    }

    @Test
    void anExcludedExtensionAttributeLeavesTheRestOfTheExtension() {
        ObjectNode shown = project(null, ENTERPRISE + ":employeeNumber");
        assertEquals(json("{\"department\": \"Tours\", \"manager\": {\"value\": \"26118915\", \"displayName\": \"Jim Smith\"}}"),
                shown.get(ENTERPRISE));
    }

    @Test
    void theUrnOfAnExtensionShowsAllOfIt() {
        ObjectNode shown = project(ENTERPRISE, null);
        assertEquals(json(USER).get(ENTERPRISE), shown.get(ENTERPRISE));
        assertFalse(shown.has("userName"));
        assertTrue(Projection.of(ENTERPRISE, null, CORE).shows(ENTERPRISE, "manager"));
        assertFalse(Projection.of(ENTERPRISE, null, CORE).shows(CORE, "userName"));
    }

    @Test
    void theUrnOfAnExtensionExcludesAllOfIt() {
        ObjectNode shown = project(null, ENTERPRISE);
        assertFalse(shown.has(ENTERPRISE));
        assertEquals("bjensen", shown.get("userName").asText());
        assertFalse(Projection.of(null, ENTERPRISE, CORE).shows(ENTERPRISE, "department"));
        assertTrue(Projection.of(null, ENTERPRISE, CORE).shows(CORE, "userName"));
    }

    @Test
    void theUrnOfTheCoreSchemaShowsTheCoreAttributes() {
        ObjectNode shown = project(CORE, null);
        assertEquals(json(USER).get("name"), shown.get("name"));
        assertEquals(json(USER).get("emails"), shown.get("emails"));
        assertFalse(shown.has(ENTERPRISE));
    }

    @Test
    void showsTellsWhichAttributesAReadNeeds() {
        Projection projection = Projection.of("name.givenName," + ENTERPRISE + ":department", null, CORE);
        assertTrue(projection.shows(CORE, "name"));
        assertTrue(projection.shows(ENTERPRISE, "department"));
        assertFalse(projection.shows(CORE, "department"));
        assertFalse(projection.shows(ENTERPRISE, "employeeNumber"));
        assertFalse(projection.shows(CORE, "emails"));
        Projection excluding = Projection.of(null, "emails.value,title", CORE);
        assertTrue(excluding.shows(CORE, "emails"), "excluding a sub-attribute still reads the attribute");
        assertFalse(excluding.shows(CORE, "title"));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"name..givenName", "name.givenName.x", "emails[type eq", "a b", "userName,,na me"})
    void aBadPathIsInvalidPath(String attributes) {
        ScimException e = assertThrows(ScimException.class, () -> Projection.of(attributes, null, CORE));
        assertEquals(ScimType.invalidPath, e.scimType());
        assertEquals(400, e.status());
        ScimException excluded = assertThrows(ScimException.class, () -> Projection.of(null, attributes, CORE));
        assertEquals(ScimType.invalidPath, excluded.scimType());
    }
}

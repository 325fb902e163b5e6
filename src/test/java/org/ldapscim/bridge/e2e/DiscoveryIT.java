package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_ENTERPRISE;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_GROUP;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_LIST;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_USER;
import static org.ldapscim.bridge.testsupport.ScimResponse.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.scim.ScimUrns;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;

/** The discovery endpoints of RFC 7644 §4 describe exactly what the demo mappings store. */
class DiscoveryIT {
    private static final String LIMITS = "urn:ldap-scim-bridge:params:scim:schemas:extension:limits:1.0";
    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest();

    @Test
    void serviceProviderConfigAdvertisesPatchFilterBulkLimitsAndBearerTokens() {
        JsonNode config = bridge.get("/ServiceProviderConfig").expect(200);

        assertEquals(List.of("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig", LIMITS),
                texts(config.get("schemas")));
        assertTrue(config.at("/patch/supported").booleanValue());
        assertTrue(config.at("/filter/supported").booleanValue());
        assertTrue(config.at("/filter/maxResults").isInt());
        assertEquals(200, config.at("/filter/maxResults").intValue());
        assertTrue(config.at("/bulk/supported").booleanValue());
        assertEquals(100, config.at("/bulk/maxOperations").intValue());
        assertEquals(1_048_576, config.at("/bulk/maxPayloadSize").intValue());
        JsonNode limits = config.get(LIMITS);
        assertEquals(4096, limits.get("maxFilterLength").intValue());
        assertEquals(16, limits.get("maxFilterDepth").intValue());
        assertEquals(200, limits.get("maxFilterClauses").intValue());
        assertEquals(512, limits.get("maxPathLength").intValue());
        assertTrue(config.at("/sort/supported").booleanValue());
        assertTrue(config.at("/pagination/cursor").booleanValue());
        assertTrue(config.at("/pagination/index").booleanValue());
        assertEquals("index", config.at("/pagination/defaultPaginationMethod").asText());
        assertEquals(200, config.at("/pagination/defaultPageSize").intValue());
        assertEquals(200, config.at("/pagination/maxPageSize").intValue());
        assertTrue(config.at("/pagination/cursorTimeout").intValue() > 0);
        assertTrue(config.at("/etag/supported").booleanValue());
        assertTrue(config.at("/changePassword/supported").booleanValue(), "the demo maps password to userPassword");
        assertEquals("oauthbearertoken", config.at("/authenticationSchemes/0/type").asText());
        assertTrue(config.at("/authenticationSchemes/0/name").isTextual());
        assertEquals("ServiceProviderConfig", config.at("/meta/resourceType").asText());
        assertEquals(bridge.baseUrl() + "/ServiceProviderConfig", config.at("/meta/location").asText());
    }

    @Test
    void theConfigurationIsAlsoWhereMicrosoftsReferenceServerKeepsIt() {
        JsonNode standard = bridge.get("/ServiceProviderConfig").expect(200);

        JsonNode alias = bridge.get("/serviceConfiguration").expect(200);

        assertEquals(standard, alias);
    }

    @Test
    void resourceTypesAreAListResponseOfUserAndGroup() {
        JsonNode list = bridge.get("/ResourceTypes").expect(200);

        assertEquals(List.of(SCHEMA_LIST), texts(list.get("schemas")));
        assertEquals(2, list.get("totalResults").intValue());
        assertEquals(2, list.get("itemsPerPage").intValue());
        assertEquals(1, list.get("startIndex").intValue());
        Map<String, JsonNode> types = byId(list);
        assertEquals(List.of("User", "Group"), List.copyOf(types.keySet()));

        JsonNode user = types.get("User");
        assertEquals(List.of("urn:ietf:params:scim:schemas:core:2.0:ResourceType"), texts(user.get("schemas")));
        assertEquals("User", user.get("name").asText());
        assertEquals("/Users", user.get("endpoint").asText());
        assertEquals(SCHEMA_USER, user.get("schema").asText());
        assertEquals(1, user.get("schemaExtensions").size());
        assertEquals(SCHEMA_ENTERPRISE, user.at("/schemaExtensions/0/schema").asText());
        assertFalse(user.at("/schemaExtensions/0/required").booleanValue());
        assertEquals(bridge.baseUrl() + "/ResourceTypes/User", user.at("/meta/location").asText());
        assertEquals("ResourceType", user.at("/meta/resourceType").asText());

        JsonNode group = types.get("Group");
        assertEquals("/Groups", group.get("endpoint").asText());
        assertEquals(SCHEMA_GROUP, group.get("schema").asText());
        assertEquals(0, group.path("schemaExtensions").size());
    }

    @Test
    void eachResourceTypeCanBeReadByName() {
        Map<String, JsonNode> types = byId(bridge.get("/ResourceTypes").expect(200));

        assertEquals(types.get("User"), bridge.get("/ResourceTypes/User").expect(200));
        assertEquals(types.get("Group"), bridge.get("/ResourceTypes/Group").expect(200));
        bridge.get("/ResourceTypes/Printer").expectError(404, null);
    }

    @Test
    void schemasAreAListResponseOfTheMappedAttributesOnly() {
        JsonNode list = bridge.get("/Schemas").expect(200);

        assertEquals(List.of(SCHEMA_LIST), texts(list.get("schemas")));
        assertEquals(4, list.get("totalResults").intValue());
        Map<String, JsonNode> schemas = byId(list);
        assertEquals(List.of(SCHEMA_USER, SCHEMA_ENTERPRISE, SCHEMA_GROUP, ScimUrns.DELETED_EXTENSION),
                List.copyOf(schemas.keySet()));
        assertEquals(List.of("deleted"), names(schemas.get(ScimUrns.DELETED_EXTENSION).get("attributes")),
                "the tombstones' extension of meta.lastModified answers");

        JsonNode user = schemas.get(SCHEMA_USER);
        assertEquals(List.of("userName", "externalId", "name", "displayName", "title", "preferredLanguage", "active",
                "password", "emails", "phoneNumbers", "addresses", "groups"), names(user.get("attributes")));
        assertEquals(List.of("employeeNumber", "organization", "department", "manager"),
                names(schemas.get(SCHEMA_ENTERPRISE).get("attributes")));
        assertEquals(List.of("displayName", "externalId", "members"), names(schemas.get(SCHEMA_GROUP).get("attributes")));
        for (JsonNode schema : schemas.values()) {
            assertEquals(List.of("urn:ietf:params:scim:schemas:core:2.0:Schema"), texts(schema.get("schemas")));
            assertEquals("Schema", schema.at("/meta/resourceType").asText());
            assertEquals(bridge.baseUrl() + "/Schemas/" + schema.get("id").asText(), schema.at("/meta/location").asText());
        }
    }

    @Test
    void theUserSchemaDescribesHowEachAttributeBehaves() {
        Map<String, JsonNode> user = attributes(bridge.get("/Schemas/" + SCHEMA_USER).expect(200));

        JsonNode userName = user.get("userName");
        assertEquals("string", userName.get("type").asText());
        assertEquals("server", userName.get("uniqueness").asText());
        assertFalse(userName.get("caseExact").booleanValue());
        assertTrue(userName.get("required").booleanValue());
        assertEquals("readWrite", userName.get("mutability").asText());
        assertEquals("readWrite", user.get("displayName").get("mutability").asText());
        assertEquals("boolean", user.get("active").get("type").asText());
        assertEquals("writeOnly", user.get("password").get("mutability").asText());
        assertEquals("never", user.get("password").get("returned").asText());
        assertEquals("readOnly", user.get("groups").get("mutability").asText());
        assertTrue(user.get("externalId").get("caseExact").booleanValue());
        assertTrue(user.get("emails").get("multiValued").booleanValue());
        assertEquals(List.of("familyName", "givenName"), names(user.get("name").get("subAttributes")),
                "only the mapped parts of name");
        assertEquals(List.of("value", "type", "primary"), names(user.get("emails").get("subAttributes")));
        assertEquals(List.of("streetAddress", "locality", "region", "postalCode", "type", "primary"),
                names(user.get("addresses").get("subAttributes")));

        Map<String, JsonNode> enterprise = attributes(bridge.get("/Schemas/" + SCHEMA_ENTERPRISE).expect(200));
        assertEquals("complex", enterprise.get("manager").get("type").asText());
        assertEquals(List.of("value", "$ref", "displayName"), names(enterprise.get("manager").get("subAttributes")));

        Map<String, JsonNode> group = attributes(bridge.get("/Schemas/" + SCHEMA_GROUP).expect(200));
        assertTrue(group.get("displayName").get("required").booleanValue());
        assertTrue(group.get("members").get("multiValued").booleanValue());
        assertEquals("readWrite", group.get("members").get("mutability").asText());
    }

    @Test
    void eachSchemaCanBeReadByItsUrn() {
        Map<String, JsonNode> schemas = byId(bridge.get("/Schemas").expect(200));

        for (Map.Entry<String, JsonNode> schema : schemas.entrySet()) {
            assertEquals(schema.getValue(), bridge.get("/Schemas/" + schema.getKey()).expect(200));
        }
        bridge.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:Printer").expectError(404, null);
    }

    private static Map<String, JsonNode> byId(JsonNode list) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        list.get("Resources").forEach(resource -> byId.put(resource.get("id").asText(), resource));
        return byId;
    }

    private static Map<String, JsonNode> attributes(JsonNode schema) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        schema.get("attributes").forEach(attribute -> byName.put(attribute.get("name").asText(), attribute));
        return byName;
    }

    private static List<String> names(JsonNode attributes) {
        return StreamSupport.stream(attributes.spliterator(), false)
                .map(attribute -> attribute.get("name").asText()).toList();
    }
}

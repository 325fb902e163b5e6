package org.ldapscim.bridge.scim.profile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimType;
import org.ldapscim.bridge.scim.schema.StandardSchemas;

/** Values are typed along the schema, sub-attributes included, whether a mapping stores them or not. */
class TypedValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "active        | true",
            "active        | '\"False\"'",
            "active        | null",
            "title         | '\"Chair\"'",
            "title         | 42",
            "emails        | '[{\"value\": \"a@example.com\", \"primary\": true}]'",
            "emails        | '{\"value\": \"a@example.com\", \"primary\": \"true\"}'",
            "emails        | '[{\"value\": \"a@example.com\", \"unknownSub\": {}}]'",
            "name          | '{\"givenName\": \"Ada\"}'",
            "x509Certificates | '[{\"value\": \"TUlJ\"}]'",
    })
    void theLenientProfileAcceptsValuesOfTheDeclaredTypeOrItsTextualForm(String attribute, String json) throws Exception {
        ObjectNode body = JSON.createObjectNode().set(attribute, JSON.readTree(json));
        assertDoesNotThrow(() -> IdpProfiles.LENIENT.resource(body, StandardSchemas.user(), List.of()));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "active        | 1",
            "active        | '\"maybe\"'",
            "active        | '{}'",
            "title         | true",
            "title         | '{\"x\": 1}'",
            "name          | '\"Ada\"'",
            "name          | '{\"givenName\": false}'",
            "emails        | '[{\"value\": \"a@example.com\", \"primary\": 3}]'",
            "emails        | '[\"a@example.com\"]'",
            "emails        | '{\"value\": [\"a@example.com\"]}'",
    })
    void everyProfileRefusesValuesOfAnotherType(String attribute, String json) throws Exception {
        ObjectNode body = JSON.createObjectNode().set(attribute, JSON.readTree(json));
        for (IdpProfile profile : IdpProfiles.all()) {
            ScimException refused = assertThrows(ScimException.class,
                    () -> profile.resource(body, StandardSchemas.user(), List.of()), profile.name());
            assertEquals(ScimType.invalidValue, refused.scimType(), profile.name());
        }
    }
}

package org.ldapscim.bridge.scim.schema;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimType;

class ValueTypesTest {
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
    void acceptsValuesOfTheDeclaredType(String attribute, String json) throws Exception {
        var definition = StandardSchemas.user().attribute(attribute).orElseThrow();
        assertDoesNotThrow(() -> ValueTypes.check(definition, JSON.readTree(json)));
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
    void refusesValuesOfAnotherType(String attribute, String json) throws Exception {
        var definition = StandardSchemas.user().attribute(attribute).orElseThrow();
        var value = JSON.readTree(json);
        ScimException refused = assertThrows(ScimException.class, () -> ValueTypes.check(definition, value));
        assertEquals(ScimType.invalidValue, refused.scimType());
    }
}

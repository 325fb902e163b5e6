package org.ldapscim.bridge.scim.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimType;

class BulkRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static BulkRequest parse(String body, int maxOperations) throws Exception {
        return BulkRequest.parse(JSON.readTree(body), maxOperations);
    }

    private static String deletes(int count) {
        StringBuilder ops = new StringBuilder();
        for (int i = 0; i < count; i++) {
            ops.append(i == 0 ? "" : ",").append("{\"method\": \"DELETE\", \"path\": \"/Users/").append(i).append("\"}");
        }
        return """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": [%s]}""".formatted(ops);
    }

    @Test
    void membersAndMethodsAreReadInAnyCase() throws Exception {
        BulkRequest request = parse("""
                {"SCHEMAS": ["URN:IETF:PARAMS:SCIM:API:MESSAGES:2.0:BULKREQUEST"], "failonerrors": 2,
                 "operations": [{"Method": "patch", "Path": "/Users/1", "BulkId": "p", "Version": "W/\\"1\\"",
                                 "Data": {"Operations": []}}]}""", 10);
        assertEquals(2, request.failOnErrors());
        BulkOperation op = request.operations().get(0);
        assertEquals(BulkMethod.PATCH, op.method());
        assertEquals("/Users/1", op.path());
        assertEquals("p", op.bulkId());
        assertEquals("W/\"1\"", op.version());
    }

    @Test
    void withoutFailOnErrorsEveryOperationRuns() throws Exception {
        BulkRequest request = parse(deletes(1), 10);
        assertEquals(Integer.MAX_VALUE, request.failOnErrors());
        assertNull(request.operations().get(0).data(), "a DELETE carries no data");
    }

    @Test
    void maxOperationsIsAllowedAndOneMoreIs413TooMany() throws Exception {
        assertEquals(5, parse(deletes(5), 5).operations().size());
        ScimException e = assertThrows(ScimException.class, () -> parse(deletes(6), 5));
        assertEquals(413, e.status());
        assertEquals(ScimType.tooMany, e.scimType());
    }
}

package org.ldapscim.bridge.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/** A response of the {@link BridgeUnderTest}, with assertions every SCIM response must pass. */
public final class ScimResponse {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String request;
    private final int status;
    private final HttpHeaders headers;
    private final String body;
    private JsonNode json;

    ScimResponse(String request, int status, HttpHeaders headers, String body) {
        this.request = request;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public List<String> headers(String name) {
        return headers.allValues(name);
    }

    /** The body as JSON; fails the test when it is not. */
    public JsonNode json() {
        if (json == null) {
            try {
                json = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError(request + " answered " + status + " with a body that is not JSON: " + body, e);
            }
        }
        return json;
    }

    /** Asserts the status and that the body is {@code application/scim+json}; returns the JSON. */
    public JsonNode expect(int expectedStatus) {
        assertEquals(expectedStatus, status, () -> request + " answered " + status + ": " + abbreviated());
        assertScimContentType();
        return json();
    }

    /** Asserts a 204 without a body. */
    public void expectNoContent() {
        assertEquals(204, status, () -> request + " answered " + status + ": " + abbreviated());
        assertTrue(body.isEmpty(), () -> request + ": a 204 has no body, got " + abbreviated());
    }

    /**
     * Asserts a SCIM Error (RFC 7644 §3.12): the status, in the body as a string, the schema, the
     * {@code scimType} (null: none expected) and the media type. Returns the error's JSON.
     */
    public JsonNode expectError(int expectedStatus, String expectedScimType) {
        JsonNode error = expect(expectedStatus);
        assertEquals(List.of(BridgeUnderTest.SCHEMA_ERROR), texts(error.get("schemas")), () -> request + ": " + body);
        assertTrue(error.get("status").isTextual(), () -> request + ": status must be a string: " + body);
        assertEquals(Integer.toString(expectedStatus), error.get("status").asText(), () -> request + ": " + body);
        if (expectedScimType == null) {
            assertTrue(error.path("scimType").isMissingNode() || error.path("scimType").isNull(),
                    () -> request + ": no scimType expected: " + body);
        } else {
            assertEquals(expectedScimType, error.path("scimType").asText(null), () -> request + ": " + body);
        }
        assertTrue(error.path("detail").isTextual(), () -> request + ": an error has a detail: " + body);
        return error;
    }

    public void assertScimContentType() {
        String type = header("Content-Type");
        assertTrue(type != null && type.split(";")[0].trim().equals("application/scim+json"),
                () -> request + ": Content-Type is " + type + ", not application/scim+json");
    }

    private String abbreviated() {
        return body.length() > 600 ? body.substring(0, 600) + "..." : body;
    }

    /** The text values of a JSON array. */
    public static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(item -> values.add(item.asText()));
        }
        return values;
    }

    @Override
    public String toString() {
        return request + " -> " + status + " " + abbreviated();
    }
}

package org.ldapscim.bridge.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One request to the {@link BridgeUnderTest}, built up and then {@link #send sent}:
 * {@code bridge.request("PATCH", "/Users/" + id).header("Content-Type", "application/json").body(json).send()}.
 */
public final class ScimRequest {
    private final BridgeUnderTest bridge;
    private final String method;
    private final String path;
    private final Map<String, String> headers = BridgeUnderTest.defaultHeaders();
    private byte[] body;
    private boolean contentTypeSet;

    ScimRequest(BridgeUnderTest bridge, String method, String path) {
        this.bridge = bridge;
        this.method = method;
        this.path = path;
    }

    /** Sets a header, replacing a default of the same name in any case. */
    public ScimRequest header(String name, String value) {
        without(name);
        headers.put(name, value);
        if (name.equalsIgnoreCase("Content-Type")) {
            contentTypeSet = true;
        }
        return this;
    }

    /** Drops a header, default or not. */
    public ScimRequest without(String name) {
        headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        if (name.equalsIgnoreCase("Content-Type")) {
            contentTypeSet = true;
        }
        return this;
    }

    public ScimRequest body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    public ScimRequest body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    public ScimResponse send() {
        if (body != null && !contentTypeSet) {
            headers.put("Content-Type", "application/scim+json");
        }
        return bridge.send(method, path, headers, body);
    }
}

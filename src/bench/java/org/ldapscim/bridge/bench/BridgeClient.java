package org.ldapscim.bridge.bench;

import java.io.IOException;
import java.net.URI;

/** The load client's HTTP side: one request to the bridge, failing on any status but the expected one. */
final class BridgeClient implements AutoCloseable {
    private static final String SCIM_JSON = "application/scim+json";

    private final HttpConnections http;
    private final String basePath;
    private final String headers;

    BridgeClient(String baseUrl, String token) {
        URI base = URI.create(baseUrl);
        this.http = new HttpConnections(base);
        this.basePath = base.getRawPath();
        this.headers = "Authorization: Bearer " + token + "\r\nAccept: " + SCIM_JSON + "\r\n";
    }

    /** The body of the answer. */
    String get(String path, int expected) throws IOException {
        return send("GET", path, null, expected);
    }

    /** The body of the answer. */
    String post(String path, String body, int expected) throws IOException {
        return send("POST", path, body, expected);
    }

    void put(String path, String body, int expected) throws IOException {
        send("PUT", path, body, expected);
    }

    void patch(String path, String body, int expected) throws IOException {
        send("PATCH", path, body, expected);
    }

    void delete(String path, int expected) throws IOException {
        send("DELETE", path, null, expected);
    }

    private String send(String method, String path, String body, int expected) throws IOException {
        HttpConnections.Response response = http.send(method, basePath + path,
                body == null ? headers : headers + "Content-Type: " + SCIM_JSON + "\r\n", body);
        if (response.status() != expected && !(expected == 200 && response.status() == 204)) {
            throw new IOException(response.status() + " " + response.body());
        }
        return response.body();
    }

    @Override
    public void close() {
        http.close();
    }
}

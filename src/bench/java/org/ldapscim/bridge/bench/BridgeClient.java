package org.ldapscim.bridge.bench;

import java.io.IOException;
import java.net.http.HttpClient;

/**
 * The load client's HTTP side: one request to the bridge, failing on any status but the expected one (a 204 passes
 * for a 200). Requests go through {@link KeepAliveHttp}, whose CPU cost per request is a small part of the JDK
 * HttpClient's.
 */
final class BridgeClient {
    private final KeepAliveHttp http;

    /** The JDK client is not used for the load; the parameter stays so that the harness builds this as before. */
    BridgeClient(HttpClient unused, String baseUrl, String token) {
        this.http = new KeepAliveHttp(baseUrl, token);
    }

    void get(String path, int expected) throws IOException {
        http.get(path, expected);
    }

    void post(String path, String body, int expected) throws IOException {
        http.post(path, body, expected);
    }

    void put(String path, String body, int expected) throws IOException {
        http.put(path, body, expected);
    }

    void patch(String path, String body, int expected) throws IOException {
        http.patch(path, body, expected);
    }

    void delete(String path, int expected) throws IOException {
        http.delete(path, expected);
    }
}

package org.ldapscim.bridge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The load client's HTTP side: one request to the bridge, failing on any status but the expected one. */
final class BridgeClient {
    private static final String SCIM_JSON = "application/scim+json";

    private final HttpClient http;
    private final String baseUrl;
    private final String token;

    BridgeClient(HttpClient http, String baseUrl, String token) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    void get(String path, int expected) throws IOException, InterruptedException {
        send(request(path).GET(), expected);
    }

    void post(String path, String body, int expected) throws IOException, InterruptedException {
        send(request(path).header("Content-Type", SCIM_JSON).POST(HttpRequest.BodyPublishers.ofString(body)),
                expected);
    }

    void patch(String path, String body, int expected) throws IOException, InterruptedException {
        send(request(path).header("Content-Type", SCIM_JSON)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)), expected);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", SCIM_JSON);
    }

    private void send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected && !(expected == 200 && response.statusCode() == 204)) {
            throw new IOException(response.statusCode() + " " + response.body());
        }
    }
}

package org.ldapscim.bridge.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends SCIM requests to a bridge that a test wired itself (not the {@link BridgeUnderTest}), with
 * {@code Authorization: Bearer <token>} and the SCIM media type on requests and bodies.
 */
public final class ScimClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    /** {@code baseUrl} is {@code http://host:port/scim/v2}. */
    public ScimClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public ScimResponse get(String path) {
        return send("GET", path, null);
    }

    public ScimResponse post(String path, String json) {
        return send("POST", path, json);
    }

    /** A POST with extra headers, given as name, value, name, value, ... */
    public ScimResponse post(String path, String json, String... headers) {
        return send("POST", path, json, headers);
    }

    public ScimResponse put(String path, String json) {
        return send("PUT", path, json);
    }

    public ScimResponse patch(String path, String json) {
        return send("PATCH", path, json);
    }

    /** A PATCH made conditional on the resource still having {@code etag} (RFC 7232 If-Match). */
    public ScimResponse patchIfMatch(String path, String json, String etag) {
        return send("PATCH", path, json, "If-Match", etag);
    }

    public ScimResponse delete(String path) {
        return send("DELETE", path, null);
    }

    private ScimResponse send(String method, String path, String json, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/scim+json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            builder.header("Content-Type", "application/scim+json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return exchange(http, builder.build(), method + " " + path);
    }

    /** Sends {@code request} and reads the whole answer; {@code label} names it in the response and in failures. */
    static ScimResponse exchange(HttpClient http, HttpRequest request, String label) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new ScimResponse(label, response.statusCode(), response.headers(),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(label + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(label + " was interrupted", e);
        }
    }
}

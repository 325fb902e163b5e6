package org.ldapscim.bridge.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A lean HTTP/1.1 load client for the bridge: plain sockets kept alive, requests written as bytes, responses read by
 * their status line, headers and body. The JDK's HttpClient spent more CPU per request than the bridge itself, and on
 * a machine of two cores that CPU was taken from the bridge it measured.
 * <p>
 * A thread takes a connection of its own for each request and gives it back when the response is read, so there are
 * never more connections than threads sending at once; they outlive the load threads, which {@link LoadRun} starts
 * afresh for every measurement. A connection the server closes ({@code Connection: close}, or the end of the stream)
 * is replaced by a new one.
 */
final class KeepAliveHttp {
    private static final String SCIM_JSON = "application/scim+json";
    private static final int EXCERPT = 300;

    private final InetSocketAddress address;
    private final String pathPrefix;
    private final String fixedHeaders;
    private final Deque<KeepAliveConnection> idle = new ConcurrentLinkedDeque<>();

    /** {@code baseUrl} is {@code http://host:port/prefix}; request paths are appended to it as they are. */
    KeepAliveHttp(String baseUrl, String token) {
        URI base = URI.create(baseUrl);
        if (!"http".equals(base.getScheme()) || base.getPort() < 0) {
            throw new IllegalArgumentException("not an http URL with a port: " + baseUrl);
        }
        this.address = new InetSocketAddress(base.getHost(), base.getPort());
        this.pathPrefix = base.getRawPath();
        this.fixedHeaders = "Host: " + base.getRawAuthority() + "\r\nAuthorization: Bearer " + token
                + "\r\nAccept: " + SCIM_JSON + "\r\n";
    }

    void get(String path, int expected) throws IOException {
        call("GET", path, null, expected);
    }

    void post(String path, String body, int expected) throws IOException {
        call("POST", path, body, expected);
    }

    void put(String path, String body, int expected) throws IOException {
        call("PUT", path, body, expected);
    }

    void patch(String path, String body, int expected) throws IOException {
        call("PATCH", path, body, expected);
    }

    void delete(String path, int expected) throws IOException {
        call("DELETE", path, null, expected);
    }

    private void call(String method, String path, String body, int expected) throws IOException {
        KeepAliveConnection.Response response = send(request(method, path, body));
        if (response.status() != expected && !(expected == 200 && response.status() == 204)) {
            throw new IOException(method + " " + path + " answered " + response.status() + " "
                    + response.excerpt(EXCERPT));
        }
    }

    private byte[] request(String method, String path, String body) {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(pathPrefix).append(path)
                .append(" HTTP/1.1\r\n").append(fixedHeaders);
        byte[] content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        if (content != null) {
            head.append("Content-Type: ").append(SCIM_JSON).append("\r\nContent-Length: ").append(content.length)
                    .append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        if (content == null) {
            return headBytes;
        }
        // One array, so that head and body leave in one write.
        byte[] request = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(content, 0, request, headBytes.length, content.length);
        return request;
    }

    private KeepAliveConnection.Response send(byte[] request) throws IOException {
        KeepAliveConnection kept = idle.pollFirst();
        if (kept != null) {
            try {
                return exchange(kept, request);
            } catch (KeepAliveConnection.Unanswered e) {
                // The server had closed it while idle and so never saw the request: it goes once more, on a new one.
            }
        }
        return exchange(KeepAliveConnection.open(address), request);
    }

    private KeepAliveConnection.Response exchange(KeepAliveConnection connection, byte[] request) throws IOException {
        boolean reusable = false;
        try {
            KeepAliveConnection.Response response = connection.exchange(request);
            reusable = connection.reusable();
            return response;
        } finally {
            if (reusable) {
                idle.offerFirst(connection);
            } else {
                connection.close();
            }
        }
    }
}

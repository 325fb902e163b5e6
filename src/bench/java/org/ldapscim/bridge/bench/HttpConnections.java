package org.ldapscim.bridge.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The load client's HTTP/1.1: plain blocking sockets kept alive, one request at a time on each, taken from and given
 * back to an idle queue. On a 2-core machine, where the load client's CPU is taken from the bridge's, GET
 * /ServiceProviderConfig (no directory work) from 8 clients ran at about 1,300/s with the JDK's HttpClient (a selector
 * thread, an executor and futures per request), 4,000 to 5,400/s with this, and 6,000 to 8,000/s from wrk. It
 * speaks only what the bridge answers: Content-Length or chunked bodies, no compression, no TLS.
 */
final class HttpConnections implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

    record Response(int status, String body) {
    }

    HttpConnections(URI base) {
        this.host = base.getHost();
        this.port = base.getPort();
    }

    /** Sends one request ({@code body} null for none) and reads the whole answer. */
    Response send(String method, String target, String headers, String body) throws IOException {
        Connection connection = idle.poll();
        boolean reused = connection != null;
        if (connection == null) {
            connection = new Connection();
        }
        try {
            Response response = connection.exchange(method, target, headers, body);
            if (connection.open) {
                idle.offer(connection);
            }
            return response;
        } catch (IOException e) {
            connection.close();
            if (reused && connection.nothingRead && !(e instanceof SocketTimeoutException)) {
                // The server closed an idle connection just as it was taken: the request never got there.
                return send(method, target, headers, body);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
            connection.close();
        }
    }

    private final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private boolean open = true;
        private boolean nothingRead;

        Connection() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }

        Response exchange(String method, String target, String headers, String body) throws IOException {
            byte[] content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(256).append(method).append(' ').append(target)
                    .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n").append(headers);
            if (content != null) {
                request.append("Content-Length: ").append(content.length).append("\r\n");
            }
            request.append("\r\n");
            nothingRead = true;
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            if (content != null) {
                out.write(content);
            }
            out.flush();
            String statusLine = line();
            nothingRead = false;
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, Math.max(0, colon)).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> open = !value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            byte[] answer = chunked ? chunks() : length >= 0 ? exactly((int) length)
                    : status == 204 || status == 304 ? new byte[0] : untilClosed();
            if (!open) {
                close();
            }
            return new Response(status, new String(answer, StandardCharsets.UTF_8));
        }

        private byte[] chunks() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                body.write(exactly(size));
                line();
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // Trailers carry nothing the load client needs.
            }
            return body.toByteArray();
        }

        private int chunkSize() throws IOException {
            String size = line();
            int extension = size.indexOf(';');
            return Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
        }

        private byte[] exactly(int length) throws IOException {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw new IOException("the connection closed " + (length - bytes.length) + " bytes before the body's end");
            }
            return bytes;
        }

        private byte[] untilClosed() throws IOException {
            open = false;
            return in.readAllBytes();
        }

        /** A header line without its CRLF; fails at the end of the stream. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("the connection closed mid-answer");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            open = false;
            try {
                socket.close();
            } catch (IOException e) {
                // Closing a socket that is gone already: nothing left to free.
            }
        }
    }
}

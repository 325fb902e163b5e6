package org.ldapscim.bridge.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One persistent HTTP/1.1 connection: writes a request given as bytes and reads its response to the last byte
 * (Content-Length, chunked, or up to the end of the stream), so that the next request can follow on the same socket.
 * Used by one thread at a time.
 */
final class KeepAliveConnection {
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final byte[] NO_BODY = new byte[0];

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private boolean reusable;

    /** A response: its status and its body's bytes, decoded only when a failure is reported. */
    record Response(int status, byte[] body) {
        String excerpt(int characters) {
            String text = new String(body, StandardCharsets.UTF_8);
            return text.length() <= characters ? text : text.substring(0, characters);
        }
    }

    /** The server ended the connection before answering: it closed a kept-alive connection while it was idle. */
    static final class Unanswered extends IOException {
        Unanswered(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private KeepAliveConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static KeepAliveConnection open(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(address, TIMEOUT_MILLIS);
            return new KeepAliveConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sends the request and reads its response. Throws {@link Unanswered} when the write fails or the stream ends
     * before the response's first byte; a read timeout is not that, since the server may still be working on it.
     */
    Response exchange(byte[] request) throws IOException {
        reusable = false;
        position = 0;
        limit = 0;
        try {
            out.write(request);
            if (!fill()) {
                throw new Unanswered("the server closed the connection", null);
            }
        } catch (SocketException e) {
            throw new Unanswered("the connection broke before an answer", e);
        }
        try {
            return response();
        } catch (NumberFormatException | IndexOutOfBoundsException | ArithmeticException e) {
            throw new IOException("a malformed HTTP response", e);
        }
    }

    /** Whether the last response left the connection open for another request. */
    boolean reusable() {
        return reusable;
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // A socket that fails to close is dropped all the same: nothing reads from it any more.
        }
    }

    private Response response() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        // We never send Expect: 100-continue, so no interim 1xx response comes before this one.
        int status = Integer.parseInt(statusLine, 9, 12, 10);
        boolean keepAlive = statusLine.startsWith("HTTP/1.1");
        long length = -1;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.endsWith("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                keepAlive = keepAlive ? !value.contains("close") : value.contains("keep-alive");
            }
        }
        byte[] body;
        if (status == 204 || status == 304) {
            body = NO_BODY;
        } else if (chunked) {
            body = chunkedBody();
        } else if (length >= 0) {
            body = new byte[Math.toIntExact(length)];
            read(body, 0, body.length);
        } else {
            body = bodyUntilEnd();
            keepAlive = false;
        }
        reusable = keepAlive;
        return new Response(status, body);
    }

    private byte[] chunkedBody() throws IOException {
        byte[] body = new byte[8 * 1024];
        int size = 0;
        for (int chunk = chunkSize(); chunk > 0; chunk = chunkSize()) {
            if (size + chunk > body.length) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, size + chunk));
            }
            read(body, size, chunk);
            size += chunk;
            if (!line().isEmpty()) {
                throw new IOException("a chunk longer than its size");
            }
        }
        while (!line().isEmpty()) {
            // Trailers, if any, say nothing the load needs.
        }
        return Arrays.copyOf(body, size);
    }

    private int chunkSize() throws IOException {
        String line = line();
        int extension = line.indexOf(';');
        return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    private byte[] bodyUntilEnd() throws IOException {
        byte[] rest = in.readAllBytes();
        byte[] body = Arrays.copyOfRange(buffer, position, limit + rest.length);
        System.arraycopy(rest, 0, body, limit - position, rest.length);
        position = limit;
        return body;
    }

    /** Exactly {@code length} bytes: what is buffered first, the rest straight from the socket. */
    private void read(byte[] target, int offset, int length) throws IOException {
        int buffered = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, buffered);
        position += buffered;
        if (in.readNBytes(target, offset + buffered, length - buffered) != length - buffered) {
            throw new EOFException("the server closed the connection within a response body");
        }
    }

    /** The next line, without its CR LF; header lines are ISO-8859-1. */
    private String line() throws IOException {
        int scanned = position;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                    position = i + 1;
                    return line;
                }
            }
            scanned = limit - position;
            if (position > 0) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            }
            if (limit == buffer.length) {
                throw new IOException("an HTTP header line longer than " + buffer.length + " bytes");
            }
            if (!fill()) {
                throw new EOFException("the server closed the connection within a response head");
            }
        }
    }

    /** Reads what the socket has into the buffer's free end; false at the end of the stream. */
    private boolean fill() throws IOException {
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            return false;
        }
        limit += read;
        return true;
    }
}

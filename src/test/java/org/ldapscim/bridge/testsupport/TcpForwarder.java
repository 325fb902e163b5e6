package org.ldapscim.bridge.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Forwards a free local port to {@code host:port}, byte for byte, until {@link #close}: then the port refuses
 * connections and every forwarded one is cut, as when the network to a server goes away.
 */
public final class TcpForwarder implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private TcpForwarder(ServerSocket listener, String host, int port) {
        this.listener = listener;
        Thread accepting = new Thread(() -> accept(host, port), "forwarder-" + listener.getLocalPort());
        accepting.setDaemon(true);
        accepting.start();
    }

    public static TcpForwarder to(String host, int port) throws IOException {
        return new TcpForwarder(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), host, port);
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void accept(String host, int port) {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(host, port);
                if (!register(client, server)) {
                    return;
                }
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** False, with both closed, when {@link #close} came while the connection was being made. */
    private synchronized boolean register(Socket client, Socket server) {
        if (closed) {
            closeQuietly(client);
            closeQuietly(server);
            return false;
        }
        open.add(client);
        open.add(server);
        return true;
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // One side went away: the other is closed below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "forwarder-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        listener.close();
        open.forEach(TcpForwarder::closeQuietly);
    }
}

package org.ldapscim.bridge.ldap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS sockets that give up reading after a timeout from the start. The SDK sets its response timeout on a
 * connection only once the TLS handshake is over, so a directory that accepts a connection and then answers
 * nothing (a hung server: the kernel still queues connections) would otherwise hold a request in the handshake
 * for as long as it stays hung.
 */
final class HandshakeTimeoutSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory sockets;
    private final int timeoutMillis;

    HandshakeTimeoutSocketFactory(SSLSocketFactory sockets, int timeoutMillis) {
        this.sockets = sockets;
        this.timeoutMillis = timeoutMillis;
    }

    private Socket timed(Socket socket) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        return socket;
    }

    @Override
    public Socket createSocket() throws IOException {
        return timed(sockets.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        return timed(sockets.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return timed(sockets.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return timed(sockets.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return timed(sockets.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return timed(sockets.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return sockets.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return sockets.getSupportedCipherSuites();
    }
}

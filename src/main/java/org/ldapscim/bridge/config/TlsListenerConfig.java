package org.ldapscim.bridge.config;

/**
 * The bridge's own HTTPS listener ({@code server.tls}). The key and certificate come either as PEM files or as one
 * PKCS#12 file; both are watched and reloaded when they change.
 *
 * @param certificateFile PEM: the server's certificate, then any intermediate CA certificates
 * @param keyFile PEM: its unencrypted private key, as PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1
 *                ({@code BEGIN RSA PRIVATE KEY}) or SEC 1 ({@code BEGIN EC PRIVATE KEY})
 * @param keyStore a PKCS#12 file with the one private key and its certificate chain, instead of the PEM files
 * @param keyStorePassword the PKCS#12 file's password
 * @param clientAuth whether a TLS client certificate is asked for: {@code none}, {@code want} (optional, checked
 *                   when sent) or {@code need} (the handshake fails without one)
 * @param clientCaFile PEM: the CA certificates client certificates must chain to; required with want and need
 */
public record TlsListenerConfig(String certificateFile, String keyFile, String keyStore, Secret keyStorePassword,
                                ClientAuth clientAuth, String clientCaFile) {

    public enum ClientAuth { none, want, need }

    public TlsListenerConfig {
        keyStorePassword = keyStorePassword == null ? Secret.empty() : keyStorePassword;
        clientAuth = clientAuth == null ? ClientAuth.none : clientAuth;
        boolean pem = certificateFile != null || keyFile != null;
        if (pem == (keyStore != null)) {
            throw new IllegalArgumentException("give tls.certificateFile and tls.keyFile (PEM), or tls.keyStore"
                    + " (PKCS#12), not both");
        }
        if (pem && (certificateFile == null || keyFile == null)) {
            throw new IllegalArgumentException("tls.certificateFile and tls.keyFile go together");
        }
        if (clientAuth != ClientAuth.none && clientCaFile == null) {
            throw new IllegalArgumentException("tls.clientAuth " + clientAuth + " needs tls.clientCaFile, the CA"
                    + " certificates that client certificates must chain to");
        }
        if (clientAuth == ClientAuth.none && clientCaFile != null) {
            throw new IllegalArgumentException("tls.clientCaFile is unused while tls.clientAuth is none; set want or"
                    + " need");
        }
    }

    /** A listener on PEM files that asks for no client certificate. */
    public static TlsListenerConfig pem(String certificateFile, String keyFile) {
        return new TlsListenerConfig(certificateFile, keyFile, null, null, null, null);
    }

    /** A listener on a PKCS#12 file that asks for no client certificate. */
    public static TlsListenerConfig pkcs12(String keyStore, Secret password) {
        return new TlsListenerConfig(null, null, keyStore, password, null, null);
    }

    /** This listener, asking for client certificates signed by the CAs in {@code caFile}. */
    public TlsListenerConfig withClientAuth(ClientAuth newClientAuth, String caFile) {
        return new TlsListenerConfig(certificateFile, keyFile, keyStore, keyStorePassword, newClientAuth, caFile);
    }
}

package org.ldapscim.bridge.testsupport;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory directory listening for LDAPS with a self-signed certificate made by the JDK's keytool for a host
 * name of the test's choosing, so a test can offer the bridge a certificate that it trusts (the PEM file) but that
 * names another host, or a CA that did not sign some other server's certificate. Close it after the test.
 */
public final class SelfSignedServer implements AutoCloseable {
    private static final String PASSWORD = TestSecret.STORE_PASSWORD.value();

    private final InMemoryDirectoryServer server;
    private final Path certificate;

    private SelfSignedServer(InMemoryDirectoryServer server, Path certificate) {
        this.server = server;
        this.certificate = certificate;
    }

    /** A directory for {@code dc=example,dc=com} whose certificate names only {@code hostName}. */
    public static SelfSignedServer start(Path folder, String hostName) throws Exception {
        Path keyStore = folder.resolve("server.p12");
        Path certificate = folder.resolve("server.pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + hostName, "-ext", "SAN=dns:" + hostName, "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-file", certificate.toString());
        SSLUtil ssl = new SSLUtil(new KeyStoreKeyManager(keyStore.toFile(), PASSWORD.toCharArray(), "PKCS12",
                "server"), null);
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPSConfig("ldaps", InetAddress.getLoopbackAddress(),
                0, ssl.createSSLServerSocketFactory(), null));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.add(new Entry("dc=example,dc=com", new Attribute("objectClass", "top", "domain"),
                new Attribute("dc", "example")));
        server.startListening();
        return new SelfSignedServer(server, certificate);
    }

    /**
     * {@code ldaps://localhost:<port>}: a name the certificate does not list. Not the address 127.0.0.1: UnboundID's
     * host name check (7.0.5) lets any certificate pass for the loopback address literal.
     */
    public String url() {
        return "ldaps://localhost:" + server.getListenPort();
    }

    /** The server's certificate, PEM: its own CA. */
    public String certificateFile() {
        return certificate.toString();
    }

    @Override
    public void close() {
        server.shutDown(true);
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}

package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_USER;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ldapscim.bridge.auth.TokenHash;
import org.ldapscim.bridge.config.ClientCertificateConfig;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.Secret;
import org.ldapscim.bridge.config.ServerConfig;
import org.ldapscim.bridge.config.TlsListenerConfig;
import org.ldapscim.bridge.config.TlsListenerConfig.ClientAuth;
import org.ldapscim.bridge.http.ScimServer;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;
import org.ldapscim.bridge.testsupport.Eventually;
import org.ldapscim.bridge.testsupport.OpenLdapServer;
import org.ldapscim.bridge.testsupport.ServeProcess;
import org.ldapscim.bridge.testsupport.TestCertificates;
import org.ldapscim.bridge.testsupport.TestCertificates.Issued;
import org.ldapscim.bridge.testsupport.TestCertificates.KeyFormat;
import org.ldapscim.bridge.testsupport.TestJournalDatabase;
import org.ldapscim.bridge.testsupport.TestSecret;
import org.slf4j.LoggerFactory;

/**
 * The bridge's own HTTPS listener on real Jetty: key and certificate from PEM or PKCS#12 files and reloaded when
 * they change, TLS 1.2 and newer only, plain HTTP refused where it is not allowed, and clients known by their TLS
 * client certificates. Certificates come from a CA made for each test.
 */
class HttpsIT {
    private static final String TOKEN = TestSecret.HTTPS_TOKEN.value();
    private static final String STORE_PASSWORD = TestSecret.PKCS12_PASSWORD.value();
    private static final Duration RELOAD_PATIENCE = Duration.ofSeconds(20);

    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest();

    @TempDir
    Path folder;

    private final TestCertificates ca = TestCertificates.newCa("Bridge Test CA");
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final List<ScimServer> servers = new ArrayList<>();
    private Path certificateFile;
    private Path keyFile;

    @BeforeEach
    void paths() {
        certificateFile = folder.resolve("server.crt");
        keyFile = folder.resolve("server.key");
        log.start();
        ((Logger) LoggerFactory.getLogger("org.ldapscim.bridge.http")).addAppender(log);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger("org.ldapscim.bridge.http")).detachAppender(log);
        servers.forEach(ScimServer::close);
    }

    @ParameterizedTest(name = "{0} key as {1}")
    @CsvSource({"EC, PKCS8", "EC, TRADITIONAL", "RSA, PKCS8", "RSA, TRADITIONAL"})
    void servesScimOverHttpsFromPemFiles(String algorithm, KeyFormat format) throws Exception {
        ca.server("bridge.example.com", algorithm.equals("RSA")).writePem(certificateFile, keyFile, format);
        ScimServer server = start(pem(), tokenClient());

        HttpResponse<String> response = get(server, ca.trustingContext(null), TOKEN);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("totalResults"), response.body());
        assertTrue(response.sslSession().orElseThrow().getProtocol().matches("TLSv1\\.[23]"));
    }

    @Test
    void servesScimOverHttpsFromAPkcs12File() throws Exception {
        Path keyStore = folder.resolve("server.p12");
        ca.server("bridge.example.com", true).writePkcs12(keyStore, STORE_PASSWORD);
        ScimServer server = start(TlsListenerConfig.pkcs12(keyStore.toString(), Secret.of(STORE_PASSWORD)),
                tokenClient());

        assertEquals(200, get(server, ca.trustingContext(null), TOKEN).statusCode());
    }

    @Test
    void aWrongPkcs12PasswordIsRefusedAtStartUp() {
        Path keyStore = folder.resolve("server.p12");
        ca.server("bridge.example.com", false).writePkcs12(keyStore, STORE_PASSWORD);

        ConfigException e = assertThrows(ConfigException.class, () -> start(
                TlsListenerConfig.pkcs12(keyStore.toString(), Secret.of("not-the-password")), tokenClient()));
        assertEquals("server.tls.keyStore", e.keyPath());
        assertFalse(e.describe().contains("not-the-password"), e.describe());
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedAtStartUp() {
        ca.server("bridge.example.com", false).writePem(certificateFile, keyFile, KeyFormat.PKCS8);
        ca.server("other.example.com", false).writePem(folder.resolve("other.crt"), keyFile, KeyFormat.PKCS8);

        ConfigException e = assertThrows(ConfigException.class, () -> start(pem(), tokenClient()));
        assertEquals("server.tls.keyFile", e.keyPath());
    }

    @Test
    void plainHttpOnTheHttpsPortIsRefused() {
        ca.server("bridge.example.com", false).writePem(certificateFile, keyFile, KeyFormat.PKCS8);
        ScimServer server = start(pem(), tokenClient());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + ScimServer.PREFIX + "/Users")).header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(10)).build();

        assertThrows(IOException.class, () -> http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * The JDK's own TLS client will not even offer TLS 1.1 any more, so the ClientHello is written by hand: version
     * 3.2, two cipher suites TLS 1.1 knows, no extensions. The server answers with a protocol_version alert.
     */
    @Test
    void tls11IsRefused() throws Exception {
        ca.server("bridge.example.com", false).writePem(certificateFile, keyFile, KeyFormat.PKCS8);
        ScimServer server = start(pem(), tokenClient());
        ByteBuffer body = ByteBuffer.allocate(43).put(new byte[] {3, 2}).put(new byte[32]).put((byte) 0)
                .put(new byte[] {0, 4, (byte) 0xc0, 0x13, 0x00, 0x2f}).put(new byte[] {1, 0});
        ByteBuffer hello = ByteBuffer.allocate(5 + 4 + 43).put(new byte[] {0x16, 3, 2, 0, 47})
                .put(new byte[] {1, 0, 0, 43}).put(body.array());

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(hello.array());
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] record = new byte[7];
            in.readFully(record);
            assertEquals(0x15, record[0], "an alert record, not a ServerHello");
            assertEquals(70, record[6], "protocol_version");
        }
    }

    @Test
    void replacedPemFilesAreServedWithoutRestartAndABrokenReplacementKeepsThem() throws Exception {
        ca.server("first.example.com", false).writePem(certificateFile, keyFile, KeyFormat.PKCS8);
        ScimServer server = start(pem(), tokenClient());
        assertEquals("CN=first.example.com", servedSubject(server));

        Issued second = ca.server("second.example.com", false);
        replace(keyFile, staged -> second.writePem(folder.resolve("unused.crt"), staged, KeyFormat.TRADITIONAL));
        replace(certificateFile, staged -> second.writePem(staged, folder.resolve("unused.key"), KeyFormat.PKCS8));
        Eventually.until(RELOAD_PATIENCE, "the second certificate is served",
                () -> "CN=second.example.com".equals(servedSubject(server)));

        synchronized (log) {
            log.list.clear();
        }
        Files.writeString(certificateFile, "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n");
        Eventually.until(RELOAD_PATIENCE, "a warning about the broken file", () -> !warnings().isEmpty());
        assertEquals("CN=second.example.com", servedSubject(server));
        assertEquals(200, get(server, ca.trustingContext(null), TOKEN).statusCode());
        assertTrue(warnings().get(0).contains("server.tls.certificateFile"), warnings().toString());
        assertFalse(warnings().get(0).contains("broken"), warnings().toString());
    }

    @Test
    void aReplacedPkcs12FileIsServedWithoutRestart() throws Exception {
        Path keyStore = folder.resolve("server.p12");
        ca.server("first.example.com", false).writePkcs12(keyStore, STORE_PASSWORD);
        ScimServer server = start(TlsListenerConfig.pkcs12(keyStore.toString(), Secret.of(STORE_PASSWORD)),
                tokenClient());
        assertEquals("CN=first.example.com", servedSubject(server));

        Issued second = ca.server("second.example.com", true);
        replace(keyStore, staged -> second.writePkcs12(staged, STORE_PASSWORD));

        Eventually.until(RELOAD_PATIENCE, "the second certificate is served",
                () -> "CN=second.example.com".equals(servedSubject(server)));
    }

    @Test
    void plainHttpOnAnAddressOtherThanLoopbackIsRefusedAtStartUp() {
        ServerConfig everywhere = new ServerConfig("0.0.0.0", 0, null, null, null, null);

        ConfigException e = assertThrows(ConfigException.class,
                () -> bridge.startServer(everywhere, List.of(tokenClient())));
        assertEquals("server.host", e.keyPath());
        assertTrue(e.hint().contains("server.plainHttp"), e.hint());
    }

    @Test
    void aClientCertificateWithAConfiguredSubjectIsThatClient() throws Exception {
        Issued agent = ca.client("CN=okta-agent,O=Example");
        ScimServer server = startWithClientAuth(ClientAuth.want, new ClientConfig("okta-agent", List.of(), null, null, null, null,
                null,
                List.of(ClientCertificateConfig.ofSubject("cn=okta-agent, o=Example")), null));

        HttpResponse<String> created = post(server, ca.trustingContext(agent), null, "agent.made@example.com");

        assertEquals(201, created.statusCode(), created.body());
        assertEquals(List.of("okta-agent"), bridge.journalEntries().stream().map(JournalEntry::client).toList());
    }

    @Test
    void aClientCertificateWithAConfiguredFingerprintIsThatClient() throws Exception {
        Issued pinned = ca.client("CN=pinned-agent");
        String openSslStyle = "SHA256:" + pinned.fingerprint().substring(7).toUpperCase().replaceAll("(..)(?!$)", "$1:");
        ScimServer server = startWithClientAuth(ClientAuth.want, new ClientConfig("pinned", List.of(), null, null, null, null,
                null,
                List.of(ClientCertificateConfig.ofFingerprint(openSslStyle)), null));

        HttpResponse<String> created = post(server, ca.trustingContext(pinned), null, "pinned.made@example.com");

        assertEquals(201, created.statusCode(), created.body());
        assertEquals(List.of("pinned"), bridge.journalEntries().stream().map(JournalEntry::client).toList());
    }

    @Test
    void aTrustedCertificateNoClientIsKnownByIsUnauthorized() throws Exception {
        ScimServer server = startWithClientAuth(ClientAuth.want, agentClient());

        HttpResponse<String> response = get(server, ca.trustingContext(ca.client("CN=stranger,O=Example")), null);

        assertEquals(401, response.statusCode(), response.body());
        Eventually.until(Duration.ofSeconds(10), "the failure is journaled as a certificate's",
                () -> bridge.authFailures().stream().anyMatch(failure -> "CERTIFICATE".equals(failure.credential())));
    }

    @Test
    void aBearerTokenStillWorksWhenCertificatesAreWanted() throws Exception {
        ScimServer server = startWithClientAuth(ClientAuth.want, agentClient());

        assertEquals(200, get(server, ca.trustingContext(null), TOKEN).statusCode());
        assertEquals(401, get(server, ca.trustingContext(null), null).statusCode());
    }

    @Test
    void withoutACertificateANeedingListenerRefusesTheHandshake() throws Exception {
        Issued agent = ca.client("CN=okta-agent,O=Example");
        ScimServer server = startWithClientAuth(ClientAuth.need, agentClient());

        assertThrows(IOException.class, () -> get(server, ca.trustingContext(null), TOKEN));
        assertEquals(200, get(server, ca.trustingContext(agent), null).statusCode());
    }

    @ParameterizedTest
    @CsvSource({"want", "need"})
    void aCertificateFromAnotherCaIsRefused(ClientAuth clientAuth) {
        TestCertificates other = TestCertificates.newCa("Bridge Test CA");
        Issued impostor = other.client("CN=okta-agent,O=Example");
        ScimServer server = startWithClientAuth(clientAuth, agentClient());

        assertThrows(IOException.class, () -> get(server, ca.trustingContext(impostor), TOKEN));
    }

    @Test
    void clientsKnownByCertificatesNeedAListenerThatAsksForThem() {
        ca.server("bridge.example.com", false).writePem(certificateFile, keyFile, KeyFormat.PKCS8);

        ConfigException e = assertThrows(ConfigException.class, () -> start(pem(), agentClient()));
        assertEquals("server.tls.clientAuth", e.keyPath());
    }

    @Test
    void serveTakesTheListenerFromBridgeYaml() throws Exception {
        Path keyStore = folder.resolve("server.p12");
        ca.server("bridge.example.com", false).writePkcs12(keyStore, STORE_PASSWORD);
        Path password = Files.writeString(folder.resolve("p12-password"), STORE_PASSWORD + "\n");
        Path mappings = OpenLdapServer.projectDir().resolve("config/demo");
        try (TestJournalDatabase database = TestJournalDatabase.create()) {
            Path config = Files.writeString(folder.resolve("bridge.yaml"), """
                    server:
                      host: 127.0.0.1
                      port: 0
                      tls:
                        keyStore: "%s"
                        keyStorePassword: {file: "%s"}
                    ldap:
                      urls: ["ldap://127.0.0.1:%d"]
                    journal: {jdbcUrl: "%s", username: "%s", password: "%s"}
                    auth:
                      clients:
                        - {name: serve-over-https, tokenHashes: ["%s"]}
                    mappings: ["%s", "%s"]
                    """.formatted(keyStore, password, bridge.directory().getListenPort(),
                    database.settings().jdbcUrl(), database.settings().username(), database.settings().password(),
                    TokenHash.of(TOKEN), mappings.resolve("users.yaml"), mappings.resolve("groups.yaml")));
            try (ServeProcess serve = ServeProcess.start(config)) {
                assertTrue(serve.baseUrl().startsWith("https://127.0.0.1:"), serve.baseUrl());
                HttpResponse<String> response = client(ca.trustingContext(null)).send(HttpRequest.newBuilder(
                        URI.create(serve.baseUrl() + "/Users?count=1")).header("Authorization", "Bearer " + TOKEN)
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), response.body());
                assertFalse(String.join("\n", serve.output()).contains(STORE_PASSWORD), "the password is not logged");
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private TlsListenerConfig pem() {
        return TlsListenerConfig.pem(certificateFile.toString(), keyFile.toString());
    }

    private static ClientConfig tokenClient() {
        return new ClientConfig("token-client", List.of(TokenHash.of(TOKEN)), "lenient");
    }

    private static ClientConfig agentClient() {
        return new ClientConfig("okta-agent", List.of(), null, null, null, null,
                null,
                List.of(ClientCertificateConfig.ofSubject("CN=okta-agent,O=Example")), null);
    }

    private ScimServer start(TlsListenerConfig tls, ClientConfig... clients) {
        ScimServer server = bridge.startServer(new ServerConfig("127.0.0.1", 0, null, null, null, null).withTls(tls),
                List.of(clients));
        servers.add(server);
        return server;
    }

    private ScimServer startWithClientAuth(ClientAuth clientAuth, ClientConfig certificateClient) {
        ca.server("bridge.example.com", false).writePem(certificateFile, keyFile, KeyFormat.PKCS8);
        Path clientCa = folder.resolve("clients-ca.pem");
        ca.writeCertificate(clientCa);
        return start(pem().withClientAuth(clientAuth, clientCa.toString()), tokenClient(), certificateClient);
    }

    private static HttpResponse<String> get(ScimServer server, SSLContext context, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(server) + "/Users?count=1"))
                .timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client(context).send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(ScimServer server, SSLContext context, String token, String userName)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(server) + "/Users"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"schemas":["%s"],"userName":"%s"}""".formatted(SCHEMA_USER, userName)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client(context).send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A new client each time: no kept-alive connection or resumed session hides which certificate is served. */
    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static String base(ScimServer server) {
        return "https://127.0.0.1:" + server.port() + ScimServer.PREFIX;
    }

    /** The subject of the certificate a new handshake gets, or null when no request gets through. */
    private String servedSubject(ScimServer server) {
        try {
            HttpResponse<String> response = get(server, ca.trustingContext(null), TOKEN);
            return ((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0])
                    .getSubjectX500Principal().getName();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private interface Writing {
        void to(Path file) throws IOException;
    }

    /** Writes the file's new content beside it, then moves it into place, as a careful renewal script does. */
    private void replace(Path file, Writing writing) throws IOException {
        Path staged = folder.resolve(file.getFileName() + ".new");
        writing.to(staged);
        Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The appender adds under its own lock, from the scanner's thread. */
    private List<String> warnings() {
        synchronized (log) {
            return log.list.stream().filter(event -> event.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}

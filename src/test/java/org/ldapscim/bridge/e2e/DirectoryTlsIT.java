package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.unboundid.ldap.sdk.DN;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.LdapTlsConfig;
import org.ldapscim.bridge.config.Secret;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.DirectoryConnector;
import org.ldapscim.bridge.testsupport.OpenLdapServer;
import org.ldapscim.bridge.testsupport.PresetBridge;
import org.ldapscim.bridge.testsupport.SelfSignedServer;
import org.ldapscim.bridge.testsupport.TestSecret;
import org.slf4j.LoggerFactory;

/**
 * TLS to a real slapd (LDAPS and StartTLS, certificate from the start script's throwaway CA) and to an in-memory
 * directory whose self-signed certificate names another host: trusted CAs connect, an untrusted certificate or a
 * wrong host name stops the bridge at start-up naming the key to fix, and checks switched off connect with a
 * warning in the log.
 */
class DirectoryTlsIT {
    private static final String TOKEN = TestSecret.DIRECTORY_TLS_TOKEN.value();

    @RegisterExtension
    static final OpenLdapServer slapd = new OpenLdapServer(3);

    @TempDir
    Path folder;

    @Test
    void ldapsWithTheCaInATrustStoreServesScim() {
        LdapTlsConfig tls = new LdapTlsConfig(null, slapd.trustStore(), Secret.of(slapd.trustStorePassword()), null,
                null, null);
        try (PresetBridge bridge = PresetBridge.start("openldap", ldaps(tls), TOKEN)) {
            assertEquals(3, bridge.scim().get("/Users?filter=userName+sw+%22seed%22").expect(200)
                    .get("totalResults").asInt());
        }
    }

    @Test
    void ldapsWithThePemCaFileConnects() {
        assertConnects(() -> DirectoryConnector.connect(ldaps(withCaFile(slapd.caFile()))));
    }

    @Test
    void startTlsWithThePemCaFileConnects() {
        LdapTlsConfig tls = new LdapTlsConfig(true, null, null, slapd.caFile(), null, null);
        assertConnects(() -> DirectoryConnector.connect(plain(tls)));
    }

    @Test
    void aCertificateNoConfiguredCaSignedIsRefusedAtStartUp() throws Exception {
        try (SelfSignedServer other = SelfSignedServer.start(folder, "other.example.test")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> DirectoryConnector.connect(ldaps(withCaFile(other.certificateFile()))));
            assertEquals("ldap.tls.caFile", e.keyPath(), e.describe());
            assertTrue(e.getMessage().contains("not trusted"), e.describe());
        }
        ConfigException jvmDefault = assertThrows(ConfigException.class,
                () -> DirectoryConnector.connect(ldaps(LdapTlsConfig.defaults())));
        assertEquals("ldap.tls", jvmDefault.keyPath(), jvmDefault.describe());
    }

    @Test
    void aMissingTrustStoreAWrongPasswordAndAClosedPortEachSayWhatIsWrong() throws Exception {
        LdapTlsConfig missing = new LdapTlsConfig(null, folder.resolve("missing.p12").toString(),
                Secret.of(slapd.trustStorePassword()), null, null, null);
        ConfigException noFile = assertThrows(ConfigException.class, () -> DirectoryConnector.connect(ldaps(missing)));
        assertEquals("ldap.tls.trustStore", noFile.keyPath(), noFile.describe());
        assertTrue(noFile.getMessage().contains("cannot read"), noFile.describe());

        LdapTlsConfig wrongPassword = new LdapTlsConfig(null, slapd.trustStore(), Secret.of("not-" + slapd.trustStorePassword()),
                null, null, null);
        ConfigException password = assertThrows(ConfigException.class,
                () -> DirectoryConnector.connect(ldaps(wrongPassword)));
        assertEquals("ldap.tls.trustStorePassword", password.keyPath(), password.describe());
        assertFalse(password.getMessage().contains("not trusted"), password.describe());

        LdapTlsConfig noPassword = new LdapTlsConfig(null, slapd.trustStore(), null, null, null, null);
        ConfigException unreadable = assertThrows(ConfigException.class,
                () -> DirectoryConnector.connect(ldaps(noPassword)));
        assertEquals("ldap.tls.trustStore", unreadable.keyPath(), unreadable.describe());
        assertTrue(unreadable.getMessage().contains("without a password"), unreadable.describe());

        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LdapConfig closed = new LdapConfig(List.of("ldaps://127.0.0.1:" + closedPort), null, slapd.bindDn(),
                Secret.of(slapd.bindPassword()), 1_000, 5_000, withCaFile(slapd.caFile()), null, null, null);
        ConfigException refused = assertThrows(ConfigException.class, () -> DirectoryConnector.connect(closed));
        assertEquals("ldap.urls", refused.keyPath(), refused.describe());
        assertFalse(refused.getMessage().contains("null"), refused.describe());
        assertTrue(refused.getMessage().contains(String.valueOf(closedPort)), refused.describe());
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefusedAtStartUp() throws Exception {
        try (SelfSignedServer other = SelfSignedServer.start(folder, "other.example.test")) {
            LdapConfig config = new LdapConfig(List.of(other.url()), null, null, null, 1_000, 5_000,
                    withCaFile(other.certificateFile()), null, null, null);
            ConfigException e = assertThrows(ConfigException.class, () -> DirectoryConnector.connect(config));
            assertEquals("ldap.urls", e.keyPath(), e.describe());
            assertTrue(e.getMessage().contains("does not name the host"), e.describe());
            assertFalse(e.getMessage().contains(": null"), e.describe());

            LdapTlsConfig anyHost = new LdapTlsConfig(null, null, null, other.certificateFile(), null, false);
            List<String> warnings = warningsWhile(() -> assertConnects(() ->
                    DirectoryConnector.connect(config.withTls(anyHost)), "dc=example,dc=com"));
            assertTrue(warnings.stream().anyMatch(w -> w.contains("ldap.tls.verifyHostName is false")), warnings.toString());
        }
    }

    @Test
    void checksSwitchedOffConnectAndSayItAtEveryStart() {
        LdapTlsConfig unchecked = new LdapTlsConfig(null, null, null, null, false, null);
        for (int start = 1; start <= 2; start++) {
            List<String> warnings = warningsWhile(() -> assertConnects(() ->
                    DirectoryConnector.connect(ldaps(unchecked))));
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("ldap.tls.verifyCertificates is false"), warnings.get(0));
        }
    }

    private static LdapTlsConfig withCaFile(String caFile) {
        return new LdapTlsConfig(null, null, null, caFile, null, null);
    }

    private static LdapConfig ldaps(LdapTlsConfig tls) {
        return new LdapConfig(List.of(slapd.ldapsUrl()), null, slapd.bindDn(), Secret.of(slapd.bindPassword()), 1_000,
                5_000, tls, null, null, null);
    }

    private static LdapConfig plain(LdapTlsConfig tls) {
        return new LdapConfig(List.of(slapd.url()), null, slapd.bindDn(), Secret.of(slapd.bindPassword()), 1_000,
                5_000, tls, null, null, null);
    }

    private static void assertConnects(Supplier<DirectoryClient> connect) {
        assertConnects(connect, OpenLdapServer.PEOPLE);
    }

    private static void assertConnects(Supplier<DirectoryClient> connect, String entry) {
        try (DirectoryClient client = connect.get()) {
            assertNotNull(client.read(new DN(entry), "1.1"), entry + " is read over TLS");
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new AssertionError(e);
        }
    }

    /** The WARN lines the connector logs while {@code work} runs. */
    private static List<String> warningsWhile(Runnable work) {
        Logger logger = (Logger) LoggerFactory.getLogger(DirectoryConnector.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            work.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}

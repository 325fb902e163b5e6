package org.ldapscim.bridge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ldapscim.bridge.config.ClientCertificateConfig;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.testsupport.TestCertificates;
import org.ldapscim.bridge.testsupport.TestCertificates.Issued;

/** Naming the client a verified TLS client certificate belongs to, by subject DN or by fingerprint. */
class ClientCertificatesTest {
    private static final TestCertificates CA = TestCertificates.newCa("Client Test CA");
    private static final Issued AGENT = CA.client("CN=okta-agent,OU=Provisioning,O=Example");
    private static final Issued PINNED = CA.client("CN=pinned");

    private static ClientConfig client(String name, ClientCertificateConfig... certificates) {
        return new ClientConfig(name, List.of(), null, null, null, null, null, List.of(certificates), null);
    }

    private static List<X509Certificate> chain(Issued issued) {
        return List.of(issued.certificate(), issued.issuer());
    }

    @ParameterizedTest
    @ValueSource(strings = {"CN=okta-agent,OU=Provisioning,O=Example", "cn=okta-agent, ou=Provisioning, o=Example",
            "CN=OKTA-AGENT,OU=provisioning,O=EXAMPLE"})
    void theSubjectIsComparedAsADistinguishedName(String configured) {
        ClientCertificates certificates = new ClientCertificates(List.of(client("okta",
                ClientCertificateConfig.ofSubject(configured))));

        assertEquals(Optional.of("okta"), certificates.clientFor(chain(AGENT)));
    }

    @Test
    void anotherSubjectIsNoClient() {
        ClientCertificates certificates = new ClientCertificates(List.of(client("okta",
                ClientCertificateConfig.ofSubject("CN=okta-agent,O=Example"))));

        assertEquals(Optional.empty(), certificates.clientFor(chain(AGENT)));
        assertEquals(Optional.empty(), certificates.clientFor(List.of()));
    }

    @Test
    void aFingerprintMatchesThatCertificateOnly() {
        String openSsl = "SHA256:" + PINNED.fingerprint().substring(7).toUpperCase(Locale.ROOT)
                .replaceAll("(..)(?!$)", "$1:");
        ClientCertificates certificates = new ClientCertificates(List.of(
                client("pinned", ClientCertificateConfig.ofFingerprint(openSsl)),
                client("other", ClientCertificateConfig.ofFingerprint(AGENT.fingerprint()))));

        assertEquals(Optional.of("pinned"), certificates.clientFor(chain(PINNED)));
        assertEquals(Optional.of("other"), certificates.clientFor(chain(AGENT)));
        assertEquals(Optional.empty(), certificates.clientFor(chain(CA.client("CN=pinned"))));
        assertTrue(certificates.any());
        assertFalse(new ClientCertificates(List.of(new ClientConfig("t", List.of("h")))).any());
    }

    @Test
    void aFingerprintAsOpenSslPrintsItWithoutAPrefixMatches() {
        String printed = PINNED.fingerprint().substring(7).toUpperCase(Locale.ROOT).replaceAll("(..)(?!$)", "$1:");
        ClientCertificates certificates = new ClientCertificates(List.of(
                client("pinned", ClientCertificateConfig.ofFingerprint(printed))));

        assertEquals(Optional.of("pinned"), certificates.clientFor(chain(PINNED)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256:1234", "md5:0123456789abcdef0123456789abcdef", "0123"})
    void aMalformedFingerprintIsRefused(String fingerprint) {
        ConfigException e = assertThrows(ConfigException.class, () -> new ClientCertificates(List.of(
                client("a", ClientCertificateConfig.ofSubject("CN=a"), ClientCertificateConfig.ofFingerprint(fingerprint)))));
        assertEquals("auth.clients[0].certificates[1].fingerprint", e.keyPath());
    }

    @Test
    void aMalformedSubjectIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ClientCertificates(List.of(
                client("a", ClientCertificateConfig.ofSubject("okta agent")))));
        assertEquals("auth.clients[0].certificates[0].subject", e.keyPath());
    }

    @Test
    void aCertificateNamesOneClientAndIsNamedOneWay() {
        ConfigException twice = assertThrows(ConfigException.class, () -> new ClientCertificates(List.of(
                client("a", ClientCertificateConfig.ofSubject("CN=agent")),
                client("b", ClientCertificateConfig.ofSubject("cn=agent")))));
        assertEquals("auth.clients[1].certificates[0].subject", twice.keyPath());
        assertTrue(twice.getMessage().contains("client a"), twice.getMessage());

        ConfigException both = assertThrows(ConfigException.class, () -> new ClientCertificates(List.of(
                client("a", new ClientCertificateConfig("CN=agent", AGENT.fingerprint())))));
        assertEquals("auth.clients[0].certificates[0]", both.keyPath());
    }
}

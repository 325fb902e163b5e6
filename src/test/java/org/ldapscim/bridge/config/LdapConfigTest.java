package org.ldapscim.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LdapConfigTest {

    private static LdapConfig withUrls(LdapTlsConfig tls, String... urls) {
        return new LdapConfig(List.of(urls), null, "cn=bridge", Secret.of("x"), null, null, tls, null, null, null);
    }

    @Test
    void plainLdapToAnotherHostIsWarnedAboutByItsKey() {
        List<String> warnings = withUrls(null, "ldaps://dc1.example.com:636", "ldap://dc2.example.com:389")
                .weakenedChecks();
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("ldap.urls[1] is plain ldap:// without ldap.tls.startTls"),
                warnings.get(0));
    }

    @Test
    void startTlsLdapsAndLoopbackAreNotWarnedAbout() {
        LdapTlsConfig startTls = new LdapTlsConfig(true, null, null, null, null, null);
        assertEquals(List.of(), withUrls(startTls, "ldap://dc1.example.com:389").weakenedChecks());
        assertEquals(List.of(), withUrls(null, "ldaps://dc1.example.com:636").weakenedChecks());
        assertEquals(List.of(), withUrls(null, "ldap://127.0.0.1:10389", "ldap://localhost:389", "ldap://[::1]:389")
                .weakenedChecks());
    }

    @Test
    void aSwitchedOffCertificateCheckIsWarnedAboutToo() {
        LdapTlsConfig unchecked = new LdapTlsConfig(null, null, null, null, false, null);
        List<String> warnings = withUrls(unchecked, "ldaps://dc1.example.com:636").weakenedChecks();
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("ldap.tls.verifyCertificates is false"), warnings.get(0));
    }

    @Test
    void aUrlThatIsNoUriIsLeftToTheConnectorToName() {
        assertEquals(List.of(), withUrls(null, "ldap://bad host name:389").weakenedChecks());
    }
}

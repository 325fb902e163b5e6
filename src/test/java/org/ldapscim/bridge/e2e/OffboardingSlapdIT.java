package org.ldapscim.bridge.e2e;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.testsupport.OffboardingBridge;
import org.ldapscim.bridge.testsupport.OpenLdapServer;

/**
 * {@link OffboardingScenarios} on the shipped openldap preset over a real slapd: accounts locked with the ppolicy
 * overlay's pwdAccountLockedTime, groups read through the memberof overlay, the quarantine OU outside the base DNs.
 */
class OffboardingSlapdIT extends OffboardingScenarios {
    @RegisterExtension
    static final OpenLdapServer slapd = new OpenLdapServer(0);

    @BeforeAll
    static void start() throws Exception {
        try (LDAPConnection connection = slapd.connect()) {
            connection.add(new Entry("ou=quarantine,dc=example,dc=com", new Attribute("objectClass", "top",
                    "organizationalUnit"), new Attribute("ou", "quarantine")));
        }
        bridge = OffboardingBridge.start("openldap", deprovisionYaml("ou=quarantine,dc=example,dc=com",
                "pwdAccountLockedTime"), slapd.url(), slapd.bridgeBindDn(), slapd.bridgeBindPassword(), clients());
    }

    @Override
    String people() {
        return OpenLdapServer.PEOPLE;
    }

    @Override
    String quarantine() {
        return "ou=quarantine,dc=example,dc=com";
    }

    @Override
    String lockAttribute() {
        return "pwdAccountLockedTime";
    }

    @Override
    String idAttribute() {
        return "entryUUID";
    }
}

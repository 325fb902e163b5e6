package org.ldapscim.bridge.e2e;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.testsupport.LdapConfigs;

/** The member styles against the in-memory directory, holding only the demo's containers and placeholder. */
class MemberStylesInMemoryIT extends MemberStylesContract {
    private static InMemoryDirectory directory;

    @BeforeAll
    static void startDirectory() {
        directory = InMemoryDirectory.start(InMemoryDirectory.DEMO_SUFFIX, 0);
        directory.importResource(InMemoryDirectory.DEMO_LDIF,
                entry -> !entry.hasObjectClass("inetOrgPerson") && !entry.hasObjectClass("groupOfNames"));
    }

    @AfterAll
    static void stopDirectory() {
        if (directory != null) {
            directory.close();
        }
    }

    @Override
    LdapConfig ldap() {
        return LdapConfigs.of(directory.url(), null, null, 2);
    }

    @Override
    LDAPConnection connect() throws LDAPException {
        return directory.server().getConnection();
    }
}

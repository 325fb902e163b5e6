package org.ldapscim.bridge.e2e;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.testsupport.LdapConfigs;
import org.ldapscim.bridge.testsupport.OpenLdapServer;

/** The member styles against a real slapd, whose nis schema defines posixGroup (structural, RFC 2307). */
class MemberStylesSlapdIT extends MemberStylesContract {
    @RegisterExtension
    static final OpenLdapServer slapd = new OpenLdapServer(0);

    @Override
    LdapConfig ldap() {
        return LdapConfigs.of(slapd.url(), slapd.bindDn(), slapd.bindPassword(), 2);
    }

    @Override
    LDAPConnection connect() throws LDAPException {
        return slapd.connect();
    }
}

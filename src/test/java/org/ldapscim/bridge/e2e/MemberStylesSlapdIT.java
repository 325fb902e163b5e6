package org.ldapscim.bridge.e2e;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.Secret;
import org.ldapscim.bridge.testsupport.OpenLdapServer;

/** The member styles against a real slapd, whose nis schema defines posixGroup (structural, RFC 2307). */
class MemberStylesSlapdIT extends MemberStylesContract {
    @RegisterExtension
    static final OpenLdapServer slapd = new OpenLdapServer(0);

    @Override
    LdapConfig ldap() {
        return new LdapConfig(List.of(slapd.url()), slapd.bindDn(), Secret.of(slapd.bindPassword()), false, null,
                null, 2, null, null, null);
    }

    @Override
    LDAPConnection connect() throws LDAPException {
        return slapd.connect();
    }
}

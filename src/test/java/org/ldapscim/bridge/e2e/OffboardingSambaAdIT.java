package org.ldapscim.bridge.e2e;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.controls.SubtreeDeleteRequestControl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.testsupport.OffboardingBridge;
import org.ldapscim.bridge.testsupport.SambaAdServer;

/**
 * {@link OffboardingScenarios} on the shipped active-directory preset over Samba's AD domain controller: accounts
 * disabled with the ACCOUNTDISABLE bit of userAccountControl, groups through member and memberOf, over LDAPS.
 * The quarantine OU is made for this run and removed with what it holds afterwards.
 */
class OffboardingSambaAdIT extends OffboardingScenarios {
    @RegisterExtension
    static final SambaAdServer samba = new SambaAdServer();

    private static final String QUARANTINE = "OU=quarantine-" + unique() + "," + SambaAdServer.BASE_DN;

    @BeforeAll
    static void start() throws Exception {
        try (LDAPConnection connection = samba.connect()) {
            connection.add(new Entry(QUARANTINE, new Attribute("objectClass", "top", "organizationalUnit")));
        }
        String tls = "  tls:\n    trustStore: \"" + samba.trustStore() + "\"\n    trustStorePassword: \""
                + samba.trustStorePassword() + "\"\n";
        bridge = OffboardingBridge.start("active-directory", deprovisionYaml(QUARANTINE, "userAccountControl"),
                samba.ldapsUrl(), samba.bindDn(), samba.bindPassword(), tls, clients());
    }

    /** The domain controller is shared: what this run made goes again, wherever it ended up. */
    @AfterAll
    static void removeWhatThisRunMade() throws Exception {
        try (LDAPConnection connection = samba.connect()) {
            for (String id : CREATED) {
                try {
                    connection.delete("<GUID=" + id + ">");
                } catch (com.unboundid.ldap.sdk.LDAPException e) {
                    if (e.getResultCode() != com.unboundid.ldap.sdk.ResultCode.NO_SUCH_OBJECT) {
                        throw e;
                    }
                }
            }
            DeleteRequest delete = new DeleteRequest(QUARANTINE);
            delete.addControl(new SubtreeDeleteRequestControl(true));
            connection.delete(delete);
        }
    }

    @Override
    String people() {
        return SambaAdServer.USERS;
    }

    @Override
    String quarantine() {
        return QUARANTINE;
    }

    @Override
    String lockAttribute() {
        return "userAccountControl";
    }

    @Override
    boolean locked(Entry entry) {
        return (Long.parseLong(entry.getAttributeValue("userAccountControl")) & 2) != 0;
    }

    /** A contact, which AD names by CN alone, holding the user's RDN. */
    @Override
    Entry namesake(DN dn, String parent) {
        return new Entry(dn.getRDNString() + "," + parent, new Attribute("objectClass", "top", "person",
                "organizationalPerson", "contact"));
    }

    /** AD enables only an account with a password. */
    @Override
    String extraUserJson() {
        return ",\"password\":\"Offboard-Pass-" + unique() + "!\"";
    }

    @Override
    DN dnOf(String id) throws Exception {
        DN dn = new DN(samba.entry("<GUID=" + id + ">", "1.1").getDN());
        org.junit.jupiter.api.Assertions.assertTrue(dn.isDescendantOf(SambaAdServer.USERS, false), dn.toString());
        return dn;
    }

    @Override
    String idAttribute() {
        return "objectGUID";
    }
}

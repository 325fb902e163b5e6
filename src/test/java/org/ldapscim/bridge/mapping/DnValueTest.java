package org.ldapscim.bridge.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import org.junit.jupiter.api.Test;

class DnValueTest {

    @Test
    void anExtendedDnGivesItsGuidAndThePlainDn() throws LDAPException {
        DnValue value = DnValue.parse("<GUID=E347EE33-51ad-49b8-96f0-ac266afc9bb9>;<SID=S-1-5-21-1908776781-149819240-"
                + "3155784830-500>;CN=Administrator,CN=Users,DC=example,DC=test");
        assertEquals(new DN("CN=Administrator,CN=Users,DC=example,DC=test"), value.dn());
        assertEquals("e347ee33-51ad-49b8-96f0-ac266afc9bb9", value.guid());
    }

    @Test
    void aPlainDnHasNoGuid() throws LDAPException {
        DnValue value = DnValue.parse("uid=ann,ou=people,dc=example,dc=com");
        assertEquals(new DN("uid=ann,ou=people,dc=example,dc=com"), value.dn());
        assertNull(value.guid());
    }

    @Test
    void anObjectWithoutSidAndAGuidInAnotherFormAreReadToo() throws LDAPException {
        // Flag 0 of the control gives the GUID as 32 hex digits: not the id's text form, so not taken as the id.
        DnValue hex = DnValue.parse("<GUID=33ee47e3ad51b84996f0ac266afc9bb9>;OU=Staff,DC=example,DC=test");
        assertEquals(new DN("OU=Staff,DC=example,DC=test"), hex.dn());
        assertNull(hex.guid());
        assertEquals("e347ee33-51ad-49b8-96f0-ac266afc9bb9",
                DnValue.parse("<GUID=e347ee33-51ad-49b8-96f0-ac266afc9bb9>;OU=Staff,DC=example,DC=test").guid());
    }

    @Test
    void anOptionalUidIsReadPast() throws LDAPException {
        DnValue value = DnValue.parse("uid=ann,ou=people,dc=example,dc=com#'0101'B");
        assertEquals(new DN("uid=ann,ou=people,dc=example,dc=com"), value.dn());
        assertNull(value.guid());
    }

    @Test
    void aValueThatIsNoDnIsNothing() {
        assertNull(DnValue.parse("<GUID=e347ee33-51ad-49b8-96f0-ac266afc9bb9>;not a dn"));
        assertNull(DnValue.parse("not a dn"));
    }
}

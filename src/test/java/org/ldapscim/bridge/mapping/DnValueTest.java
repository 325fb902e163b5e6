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
        assertDnWithoutGuid("uid=ann,ou=people,dc=example,dc=com", "uid=ann,ou=people,dc=example,dc=com");
    }

    @Test
    void anObjectWithoutSidAndAGuidInAnotherFormAreReadToo() throws LDAPException {
        // Flag 0 of the control gives the GUID as 32 hex digits: not the id's text form, so not taken as the id.
        assertDnWithoutGuid("OU=Staff,DC=example,DC=test",
                "<GUID=33ee47e3ad51b84996f0ac266afc9bb9>;OU=Staff,DC=example,DC=test");
        assertEquals("e347ee33-51ad-49b8-96f0-ac266afc9bb9",
                DnValue.parse("<GUID=e347ee33-51ad-49b8-96f0-ac266afc9bb9>;OU=Staff,DC=example,DC=test").guid());
    }

    @Test
    void anOptionalUidIsReadPast() throws LDAPException {
        assertDnWithoutGuid("uid=ann,ou=people,dc=example,dc=com", "uid=ann,ou=people,dc=example,dc=com#'0101'B");
    }

    @Test
    void aValueThatIsNoDnIsNothing() {
        assertNull(DnValue.parse("<GUID=e347ee33-51ad-49b8-96f0-ac266afc9bb9>;not a dn"));
        assertNull(DnValue.parse("not a dn"));
    }

    private static void assertDnWithoutGuid(String expectedDn, String value) throws LDAPException {
        DnValue parsed = DnValue.parse(value);
        assertEquals(new DN(expectedDn), parsed.dn(), value);
        assertNull(parsed.guid(), value);
    }
}

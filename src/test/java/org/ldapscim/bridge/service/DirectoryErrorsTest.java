package org.ldapscim.bridge.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.ldap.DirectoryException;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimType;

/** Directory refusals a service account meets in production become SCIM errors, not 500s. */
class DirectoryErrorsTest {

    private static ScimException translated(ResultCode code) {
        return DirectoryErrors.translate(new DirectoryException("modifying uid=a,dc=example,dc=com",
                new LDAPException(code, "refused")), "modifying uid=a,dc=example,dc=com");
    }

    @Test
    void anAccessControlRefusalIs403() {
        ScimException answer = translated(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
        assertEquals(403, answer.status());
        assertTrue(answer.getMessage().contains("service account"), answer.getMessage());
    }

    @Test
    void aReferralIs400Mutability() {
        ScimException answer = translated(ResultCode.REFERRAL);
        assertEquals(400, answer.status());
        assertEquals(ScimType.mutability, answer.scimType());
    }

    @Test
    void aWindowTheDirectoryWouldNotServeIs503() {
        for (ResultCode code : new ResultCode[] {ResultCode.VIRTUAL_LIST_VIEW_ERROR, ResultCode.OFFSET_RANGE_ERROR,
                ResultCode.SORT_CONTROL_MISSING, ResultCode.CONTROL_NOT_FOUND}) {
            ScimException answer = translated(code);
            assertEquals(503, answer.status(), code.toString());
            assertEquals(10, answer.retryAfterSeconds(), code.toString());
        }
    }
}

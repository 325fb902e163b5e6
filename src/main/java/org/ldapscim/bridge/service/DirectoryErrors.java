package org.ldapscim.bridge.service;

import com.unboundid.ldap.sdk.ResultCode;
import org.ldapscim.bridge.ldap.DirectoryException;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place an LDAP result code becomes a SCIM error. The directory's diagnostic is logged, never
 * sent: it can name DNs and internals the client has no business seeing.
 */
public final class DirectoryErrors {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryErrors.class);
    /** Long enough for a pool to find another server or a restarted one, short enough not to stall an IdP's run. */
    private static final int RETRY_AFTER_SECONDS = 10;

    private DirectoryErrors() {
    }

    public static ScimException translate(DirectoryException e, String what) {
        ResultCode code = e.resultCode();
        int value = code.intValue();
        if (e.outcomeUnknown()) {
            LOG.error("directory lost while {}, after the write was sent; it may or may not have been applied: {}",
                    what, e.getMessage());
            return ScimException.unavailable("the directory did not confirm the change: it may or may not have been"
                    + " applied; read the resource before sending it again", RETRY_AFTER_SECONDS, e);
        }
        if (e.retryable()) {
            LOG.warn("directory unavailable while {}: {}", what, e.getMessage());
            return ScimException.unavailable("the directory is unavailable; retry later", RETRY_AFTER_SECONDS, e);
        }
        LOG.debug("directory refused {}: {}", what, e.getMessage());
        String passwordRefusal = PasswordPolicyRefusal.reason(e.diagnostic());
        if (passwordRefusal != null) {
            return ScimException.invalidValue("the directory's password policy refused the password: " + passwordRefusal);
        }
        if (code == ResultCode.CONFIDENTIALITY_REQUIRED) {
            LOG.error("refused to send a password over an unencrypted directory connection: {}", e.getMessage());
            return new ScimException(403, null, "passwords are written only over an encrypted directory connection,"
                    + " and this one is not; the change was not made");
        }
        if (code == ResultCode.NO_SUCH_OBJECT) {
            return new ScimException(404, null, "the resource does not exist (any more)");
        }
        if (code == ResultCode.ASSERTION_FAILED) {
            // Only If-Match / If-None-Match writes carry an assertion: the entry changed after it was read.
            return ScimException.preconditionFailed("the resource was changed by another request; read it again");
        }
        if (code == ResultCode.ENTRY_ALREADY_EXISTS) {
            return ScimException.uniqueness("an entry with that name already exists");
        }
        if (code == ResultCode.OBJECT_CLASS_VIOLATION) {
            return ScimException.invalidValue("the directory refused the change: a value it requires is missing,"
                    + " or an attribute is not allowed (objectClassViolation)");
        }
        if (code == ResultCode.CONSTRAINT_VIOLATION || code == ResultCode.INVALID_ATTRIBUTE_SYNTAX
                || code == ResultCode.UNDEFINED_ATTRIBUTE_TYPE || code == ResultCode.ATTRIBUTE_OR_VALUE_EXISTS
                || code == ResultCode.NOT_ALLOWED_ON_RDN || code == ResultCode.INVALID_DN_SYNTAX
                || code == ResultCode.NAMING_VIOLATION) {
            return ScimException.invalidValue("the directory refused a value (" + code.getName() + ")");
        }
        if (code == ResultCode.SIZE_LIMIT_EXCEEDED || code == ResultCode.TIME_LIMIT_EXCEEDED
                || code == ResultCode.ADMIN_LIMIT_EXCEEDED) {
            return ScimException.tooMany("the query matches more than the directory will return; narrow the filter");
        }
        if (code == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
            LOG.error("the directory's access control refused the bridge's service account while {}: {}", what,
                    e.getMessage());
            return new ScimException(403, null, "the directory does not let the bridge's service account make this"
                    + " change; the change was not made");
        }
        if (code == ResultCode.REFERRAL) {
            LOG.warn("the directory referred the bridge elsewhere while {}: {}", what, e.getMessage());
            return new ScimException(400, ScimType.mutability, "the entry is held by another directory server,"
                    + " which the bridge does not write through; the change was not made");
        }
        if (code == ResultCode.OTHER) {
            LOG.warn("the directory refused {} with result other: {}", what, e.getMessage());
            return ScimException.invalidValue("the directory refused a value (other); the change was not made");
        }
        if (code == ResultCode.VIRTUAL_LIST_VIEW_ERROR || code == ResultCode.OFFSET_RANGE_ERROR
                || code == ResultCode.SORT_CONTROL_MISSING || code == ResultCode.CONTROL_NOT_FOUND) {
            LOG.warn("the directory did not serve a window of its sorted list while {}: {}", what, e.getMessage());
            return ScimException.unavailable("the directory could not serve this page of the sorted list; retry"
                    + " later", RETRY_AFTER_SECONDS, e);
        }
        if (code == ResultCode.UNWILLING_TO_PERFORM && value == 53) {
            return ScimException.invalidValue("the directory is unwilling to perform the change");
        }
        LOG.error("directory error while {}: {}", what, e.getMessage(), e);
        return ScimException.internal("directory error", e);
    }
}

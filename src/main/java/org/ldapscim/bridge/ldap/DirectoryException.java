package org.ldapscim.bridge.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;

/**
 * An LDAP operation that failed, with the directory's result code and diagnostic. The diagnostic is for the
 * log only: it may name internal DNs and must not reach a client.
 */
public final class DirectoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ResultCode resultCode;
    private final String diagnostic;

    public DirectoryException(String operation, LDAPException cause) {
        super(operation + " failed: " + cause.getResultCode() + " " + cause.getDiagnosticMessage(), cause);
        this.resultCode = cause.getResultCode();
        this.diagnostic = cause.getDiagnosticMessage();
    }

    public ResultCode resultCode() {
        return resultCode;
    }

    public String diagnostic() {
        return diagnostic;
    }

    /** True when the directory could not be reached or is too busy, so retrying later may succeed. */
    public boolean retryable() {
        return !resultCode.isConnectionUsable() || resultCode == ResultCode.BUSY || resultCode == ResultCode.UNAVAILABLE
                || resultCode == ResultCode.TIMEOUT || resultCode == ResultCode.CONNECT_ERROR;
    }
}

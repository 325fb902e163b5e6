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

    private final boolean outcomeUnknown;

    public DirectoryException(String operation, LDAPException cause) {
        this(operation, cause, false);
    }

    private DirectoryException(String operation, LDAPException cause, boolean outcomeUnknown) {
        super(operation + " failed: " + cause.getResultCode() + " " + cause.getDiagnosticMessage(), cause);
        this.resultCode = cause.getResultCode();
        this.diagnostic = cause.getDiagnosticMessage();
        this.outcomeUnknown = outcomeUnknown;
    }

    /**
     * A failed write. When the connection broke or the answer did not come in time after the request was sent,
     * the directory may have applied it: nobody knows, and it must not be sent again blindly. {@code cause} is the
     * failure of the write itself, on a connection it had: a write that got no connection was not sent.
     */
    static DirectoryException ofWrite(String operation, LDAPException cause) {
        return new DirectoryException(operation, cause, !cause.getResultCode().isConnectionUsable());
    }

    /** Whether this was a write that may or may not have been applied (see {@link #ofWrite}). */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
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

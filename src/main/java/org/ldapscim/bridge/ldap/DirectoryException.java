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
     * A failed write. When the connection broke or the answer did not come in time (or came unreadable) after the
     * request was sent, the directory may have applied it: nobody knows, and it must not be sent again blindly.
     * Any result the directory sent back, {@code other} and {@code busy} included, is a definite answer: the write
     * was not applied. {@code cause} is the failure of the write itself, on a connection it had: a write that got
     * no connection was not sent.
     */
    static DirectoryException ofWrite(String operation, LDAPException cause) {
        return new DirectoryException(operation, cause, answerLost(cause.getResultCode()));
    }

    /** The SDK's own result codes for a request that went out and whose answer never arrived. */
    private static boolean answerLost(ResultCode code) {
        return code == ResultCode.SERVER_DOWN || code == ResultCode.TIMEOUT || code == ResultCode.DECODING_ERROR
                || code == ResultCode.LOCAL_ERROR || code == ResultCode.NO_MEMORY;
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

    /** The result code's name in snake case, e.g. {@code connect_error}: a label value for metrics and reports. */
    public String resultName() {
        return nameOf(resultCode);
    }

    static String nameOf(ResultCode code) {
        return code.getName().toLowerCase(java.util.Locale.ROOT).replace(' ', '_').replace('-', '_');
    }

    /**
     * True when the directory could not be reached or is too busy, so retrying later may succeed. {@code other}
     * is not: slapd answers it for values it will never take (a 250-character cn), and the same request would
     * only be refused again.
     */
    public boolean retryable() {
        return resultCode != ResultCode.OTHER && !resultCode.isConnectionUsable() || resultCode == ResultCode.BUSY
                || resultCode == ResultCode.UNAVAILABLE || resultCode == ResultCode.TIMEOUT
                || resultCode == ResultCode.CONNECT_ERROR;
    }
}

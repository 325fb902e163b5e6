package org.ldapscim.bridge.auth;

/** Whether a request's credentials name a client that may call from where the request came from. */
public sealed interface Authentication {

    /** The credential is valid and the client may call from the request's source address. */
    record Authenticated(String client, CredentialKind credential) implements Authentication {
    }

    /**
     * The request is refused: 401 for a missing or invalid credential, 403 for a valid one from an address outside
     * the client's {@code allowFrom}. The status tells the journal's events apart; the caller is answered 401
     * either way ({@link AccessControl}).
     *
     * @param reason why, for the journal; never the credential itself
     * @param client the client the credential names, when known
     * @param issuer the issuer a JWT claims, when it is one
     */
    record Refused(int status, CredentialKind credential, String reason, String client, String issuer)
            implements Authentication {
    }
}

package org.ldapscim.bridge.auth;

/** What a request presented to authenticate with, as the journal of failed authentications records it. */
public enum CredentialKind {
    /** No usable credential: no {@code Authorization} header, or another scheme than Bearer. */
    NONE,
    /** A bearer token compared with the client's {@code tokenHashes}. */
    STATIC_TOKEN,
    /** A bearer token that is a signed JWT, checked against the client's {@code jwt} issuers. */
    JWT,
    /** A TLS client certificate the listener verified, matched with the client's {@code certificates}. */
    CERTIFICATE
}

package org.ldapscim.bridge.auth;

import java.net.InetAddress;
import java.time.Instant;

/**
 * One event of the journal of failed authentications. It never holds the credential presented.
 *
 * @param credential the kind of credential presented, null for lockout events
 * @param client     the client the credential names or the token claims, when known
 * @param issuer     the issuer a JWT claims, when it is one
 * @param count      for {@link Event#LOCKED_OUT} the failures that started it, for {@link Event#LOCKOUT_ENDED} the
 *                   requests refused unchecked while it lasted; null otherwise
 */
public record AuthFailure(Event event, Instant at, InetAddress source, CredentialKind credential, String reason,
                          String client, String issuer, Long count) {

    public enum Event {
        /** A missing or invalid credential: answered 401. */
        UNAUTHENTICATED,
        /** A valid credential from outside the client's allowFrom: answered 401 like any failure. */
        FORBIDDEN,
        /** The source address made too many failures: its requests are answered 429 unchecked for a while. */
        LOCKED_OUT,
        /** The lockout is over. */
        LOCKOUT_ENDED
    }
}

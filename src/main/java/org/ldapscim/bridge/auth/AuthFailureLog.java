package org.ldapscim.bridge.auth;

/** Where failed authentications and lockouts are recorded, e.g. the journal database. */
public interface AuthFailureLog extends AutoCloseable {

    /** Records the event; must not block the request for long nor throw. */
    void record(AuthFailure failure);

    /** Records what is still pending. */
    @Override
    default void close() {
    }
}

package org.ldapscim.bridge.auth;

/** Whether a request is served, and as which client. */
public sealed interface Admission {

    /** Served as {@code client}; close {@code permit} when the request is done. */
    record Admitted(String client, RequestPermit permit) implements Admission {
    }

    /**
     * Refused with this HTTP status: 401, or 429 (with the seconds to wait before trying again).
     *
     * @param detail for the client: it names no reason a credential failed, which only the journal records
     */
    record Denied(int status, String detail, Integer retryAfterSeconds) implements Admission {
    }
}

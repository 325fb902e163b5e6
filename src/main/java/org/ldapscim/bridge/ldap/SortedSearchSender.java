package org.ldapscim.bridge.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;

/**
 * Sends a search that carries the server-side sort control, asking again a few times after a short, growing pause
 * when the directory answers busy. slapd's sssvlv overlay answers busy ("Other sort requests already in progress")
 * while a connection, or all connections together, hold as many sorted result sets as it allows
 * ({@code olcSssVlvMaxPerConn}, {@code olcSssVlvMax}): one held by a request about to finish frees its place soon.
 */
final class SortedSearchSender {
    private static final int BUSY_ATTEMPTS = 5;
    private static final long BUSY_PAUSE_MILLIS = 20;

    private SortedSearchSender() {
    }

    static SearchResult send(LDAPConnection connection, SearchRequest request, DirectoryObserver observer)
            throws LDAPSearchException {
        for (int attempt = 1; ; attempt++) {
            observer.searching(request);
            try {
                return connection.search(request);
            } catch (LDAPSearchException e) {
                if (e.getResultCode() != ResultCode.BUSY || attempt == BUSY_ATTEMPTS) {
                    throw e;
                }
                pauseBeforeAttempt(attempt);
            }
        }
    }

    private static void pauseBeforeAttempt(int attempt) throws LDAPSearchException {
        try {
            Thread.sleep(BUSY_PAUSE_MILLIS * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LDAPSearchException(ResultCode.BUSY, "interrupted while waiting to send the sorted search again");
        }
    }
}

package org.ldapscim.bridge.service;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimType;

/**
 * The open cursor walks of RFC 9865, each holding what serves its next page (a paged LDAP search and the
 * connection its cookie is bound to). A cursor serves one page: taking it removes it, and the page hands out a
 * new one, so no two requests ever share a search. At most {@code maxOpen} are open; a new one beyond that
 * closes the oldest, and a cursor unused for {@code timeoutNanos} is closed, both then answering
 * {@code expiredCursor}. Timed-out walks are closed at the next cursor request of any client, so at most
 * {@code maxOpen} connections are ever held by walks their clients abandoned. Thread-safe.
 */
final class CursorRegistry<T extends AutoCloseable> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CursorRegistry.class);
    private static final int REMEMBERED_EXPIRED = 1_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int maxOpen;
    private final long timeoutNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Open<T>> open = new LinkedHashMap<>();
    private final Set<String> expired = new LinkedHashSet<>();

    private record Open<T>(T state, String query, long deadline) {
    }

    CursorRegistry(int maxOpen, long timeoutNanos, LongSupplier nanoClock) {
        this.maxOpen = maxOpen;
        this.timeoutNanos = timeoutNanos;
        this.nanoClock = nanoClock;
    }

    /** Registers the state of a walk's next page for the query it belongs to; returns its cursor. */
    synchronized String put(T state, String query) {
        sweep();
        while (open.size() >= maxOpen) {
            String oldest = open.keySet().iterator().next();
            expire(oldest, open.remove(oldest));
        }
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        open.put(cursor, new Open<>(state, query, nanoClock.getAsLong() + timeoutNanos));
        return cursor;
    }

    /**
     * The state behind {@code cursor}, removed from the registry: the caller serves the page and puts the
     * state back for the next one, or closes it. 400 expiredCursor for a cursor timed out or pushed out,
     * 400 invalidCursor for one never issued, already used, or issued for another query.
     */
    synchronized T take(String cursor, String query) {
        sweep();
        Open<T> found = open.get(cursor);
        if (found == null) {
            if (expired.contains(cursor)) {
                throw new ScimException(400, ScimType.expiredCursor,
                        "the cursor has expired; start the walk again");
            }
            throw new ScimException(400, ScimType.invalidCursor,
                    "the cursor is unknown or was already used");
        }
        if (!found.query().equals(query)) {
            throw new ScimException(400, ScimType.invalidCursor,
                    "the cursor belongs to a query with another filter, sort or resource type");
        }
        open.remove(cursor);
        return found.state();
    }

    /**
     * As {@link #take}, but null where take answers an error: for a holder of cursors it never handed to a client,
     * for whom a cursor gone is no error.
     */
    synchronized T takeIfOpen(String cursor, String query) {
        sweep();
        Open<T> found = open.get(cursor);
        if (found == null || !found.query().equals(query)) {
            return null;
        }
        open.remove(cursor);
        return found.state();
    }

    /** Closes every cursor past its deadline. */
    synchronized void sweep() {
        long now = nanoClock.getAsLong();
        Iterator<Map.Entry<String, Open<T>>> entries = open.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Open<T>> entry = entries.next();
            if (now - entry.getValue().deadline() > 0) {
                entries.remove();
                expire(entry.getKey(), entry.getValue());
            }
        }
    }

    synchronized int openCount() {
        return open.size();
    }

    private void expire(String cursor, Open<T> walk) {
        expired.add(cursor);
        if (expired.size() > REMEMBERED_EXPIRED) {
            expired.remove(expired.iterator().next());
        }
        try {
            walk.state().close();
        } catch (Exception e) {
            // Closing gives a connection back; a failure there is the pool's to handle, not this request's.
            LOG.warn("closing an expired cursor failed", e);
        }
    }
}

package org.ldapscim.bridge.service;

import com.unboundid.ldap.sdk.DN;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ldapscim.bridge.mapping.ResolvedReference;

/**
 * Recently resolved DNs, so showing a group of thousands of members does not cost a directory read per
 * member each time. Bounded, least recently used out first; entries expire after {@code ttlMillis} so names
 * changed behind the bridge's back show up. Thread-safe.
 */
final class ReferenceCache {
    private record Cached(ResolvedReference reference, long expiresAt) {
    }

    private final int capacity;
    private final long ttlMillis;
    private final Map<DN, Cached> entries;

    ReferenceCache(int capacity, long ttlMillis) {
        this.capacity = capacity;
        this.ttlMillis = ttlMillis;
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<DN, Cached> eldest) {
                return size() > ReferenceCache.this.capacity;
            }
        };
    }

    ResolvedReference get(DN dn) {
        // A DN hashes by its normalized form, which it computes once and keeps: done here, outside the lock that
        // every lookup of a large group's members waits for.
        dn.hashCode();
        synchronized (this) {
            Cached cached = entries.get(dn);
            if (cached == null) {
                return null;
            }
            if (cached.expiresAt() < System.currentTimeMillis()) {
                entries.remove(dn);
                return null;
            }
            return cached.reference();
        }
    }

    void put(ResolvedReference reference) {
        reference.dn().hashCode();
        Cached cached = new Cached(reference, System.currentTimeMillis() + ttlMillis);
        synchronized (this) {
            entries.put(reference.dn(), cached);
        }
    }

    /** Forgets a DN whose entry was renamed, changed or deleted. */
    synchronized void forget(DN dn) {
        entries.remove(dn);
    }
}

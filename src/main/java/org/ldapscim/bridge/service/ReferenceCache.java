package org.ldapscim.bridge.service;

import com.unboundid.ldap.sdk.DN;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ldapscim.bridge.mapping.ResolvedReference;

/**
 * Recently resolved DNs, so showing a group of thousands of members does not cost a directory read per
 * member each time. Entries expire after {@code ttlMillis} so names changed behind the bridge's back show up.
 * Bounded: past {@code capacity} entries, expired ones go first, then the oldest-cached ones until a tenth of
 * the room is free again. Lookups take no lock, since a large group's members are looked up by every request
 * that shows it, from many threads at once. Thread-safe.
 */
final class ReferenceCache {
    private record Cached(ResolvedReference reference, long expiresAt) {
    }

    private final int capacity;
    private final long ttlMillis;
    private final Map<DN, Cached> entries = new ConcurrentHashMap<>();

    ReferenceCache(int capacity, long ttlMillis) {
        this.capacity = capacity;
        this.ttlMillis = ttlMillis;
    }

    ResolvedReference get(DN dn) {
        Cached cached = entries.get(dn);
        if (cached == null) {
            return null;
        }
        if (cached.expiresAt() < System.currentTimeMillis()) {
            entries.remove(dn, cached);
            return null;
        }
        return cached.reference();
    }

    void put(ResolvedReference reference) {
        entries.put(reference.dn(), new Cached(reference, System.currentTimeMillis() + ttlMillis));
        if (entries.size() > capacity) {
            makeRoom();
        }
    }

    /** Forgets a DN whose entry was renamed, changed or deleted. */
    void forget(DN dn) {
        entries.remove(dn);
    }

    private synchronized void makeRoom() {
        if (entries.size() <= capacity) {
            return;
        }
        long now = System.currentTimeMillis();
        entries.values().removeIf(cached -> cached.expiresAt() < now);
        int target = capacity - capacity / 10;
        if (entries.size() <= target) {
            return;
        }
        // Every entry lives as long: the ones that expire first are the ones cached first.
        long cutoff = entries.values().stream().mapToLong(Cached::expiresAt).sorted()
                .skip(entries.size() - target).findFirst().orElse(Long.MAX_VALUE);
        Iterator<Cached> values = entries.values().iterator();
        while (values.hasNext() && entries.size() > target) {
            if (values.next().expiresAt() < cutoff) {
                values.remove();
            }
        }
    }
}

package org.ldapscim.bridge.service;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map that forgets its least recently used entry past a size: for what is kept per query. Not thread-safe. */
final class RecentlyUsed {
    private RecentlyUsed() {
    }

    static <K, V> Map<K, V> map(int most) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > most;
            }
        };
    }
}

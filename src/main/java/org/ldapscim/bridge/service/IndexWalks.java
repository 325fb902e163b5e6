package org.ldapscim.bridge.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.ldapscim.bridge.ldap.PagedSearch;

/**
 * The index walks identity providers make when they import: {@code startIndex} 1, 1 + count, 1 + 2 count, ... of one
 * query. Plain paged results reach page k only by walking the k pages before it, so a walk that started again at
 * every page would cost the square of the directory's size. Each page's search is kept instead, with the connection
 * its cookie belongs to, under the query and the {@code startIndex} that continues it; the next page of the walk then costs one page. Two clients walking one query each take a search of
 * their own. The searches are held in a {@link CursorRegistry}, which bounds how many stay open and for how long.
 * Thread-safe.
 */
final class IndexWalks {
    private static final int REMEMBERED_POSITIONS = 1_000;

    private final CursorRegistry<PagedSearch> open;
    private final Map<String, Deque<String>> byPosition = RecentlyUsed.map(REMEMBERED_POSITIONS);

    IndexWalks(CursorRegistry<PagedSearch> open) {
        this.open = open;
    }

    /** The walk of {@code query} whose next page starts at {@code startIndex}, taken out; null when none is open. */
    PagedSearch take(String query, int startIndex) {
        String position = query + "@" + startIndex;
        while (true) {
            String handle;
            synchronized (byPosition) {
                Deque<String> handles = byPosition.get(position);
                if (handles == null) {
                    return null;
                }
                handle = handles.poll();
                if (handles.isEmpty()) {
                    byPosition.remove(position);
                }
            }
            // A handle can outlive its search, which the registry closes when it times out or needs the room.
            PagedSearch walk = open.takeIfOpen(handle, query);
            if (walk != null) {
                return walk;
            }
        }
    }

    /** Keeps a walk for the page of {@code query} that starts at {@code nextIndex}. */
    void keep(PagedSearch walk, String query, int nextIndex) {
        String handle = open.put(walk, query);
        synchronized (byPosition) {
            byPosition.computeIfAbsent(query + "@" + nextIndex, p -> new ArrayDeque<>()).add(handle);
        }
    }
}

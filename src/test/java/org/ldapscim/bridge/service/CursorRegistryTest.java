package org.ldapscim.bridge.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimType;

class CursorRegistryTest {
    private final AtomicLong now = new AtomicLong();
    private final CursorRegistry<Walk> registry = new CursorRegistry<>(2, 100, now::get);

    /** Stands in for a paged search: remembers whether it was closed. */
    private static final class Walk implements AutoCloseable {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aCursorServesOnePageAndOnlyForItsQuery() {
        Walk walk = new Walk();
        String cursor = registry.put(walk, "users|all");
        assertEquals(ScimType.invalidCursor,
                assertThrows(ScimException.class, () -> registry.take(cursor, "users|sorted")).scimType());
        assertSame(walk, registry.take(cursor, "users|all"));
        assertEquals(ScimType.invalidCursor,
                assertThrows(ScimException.class, () -> registry.take(cursor, "users|all")).scimType());
        assertNotEquals(cursor, registry.put(walk, "users|all"));
    }

    @Test
    void anUnusedCursorExpiresAndGivesItsSearchBack() {
        Walk walk = new Walk();
        String cursor = registry.put(walk, "q");
        now.addAndGet(101);
        ScimException e = assertThrows(ScimException.class, () -> registry.take(cursor, "q"));
        assertEquals(ScimType.expiredCursor, e.scimType());
        assertEquals(400, e.status());
        assertTrue(walk.closed);
    }

    @Test
    void beyondTheBoundTheOldestCursorIsClosed() {
        Walk oldest = new Walk();
        String first = registry.put(oldest, "q");
        registry.put(new Walk(), "q");
        registry.put(new Walk(), "q");
        assertTrue(oldest.closed);
        assertEquals(2, registry.openCount());
        assertEquals(ScimType.expiredCursor,
                assertThrows(ScimException.class, () -> registry.take(first, "q")).scimType());
    }
}

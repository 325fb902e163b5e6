package org.ldapscim.bridge.service;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which filters ask for tombstones: nothing but meta.lastModified comparisons, at least one of them gt or ge. */
class TombstonesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "meta.lastModified gt \"2026-12-04T08:00:00Z\"",
            "META.LASTMODIFIED GE \"2026-12-04T08:00:00+01:00\"",
            "meta.lastModified gt \"2026-12-04T08:00:00Z\" and meta.lastModified lt \"2026-12-05T08:00:00Z\"",
            "(meta.lastModified ge \"2026-12-04T08:00:00Z\") and (meta.lastModified le \"2026-12-05T08:00:00Z\")",
    })
    void aPlainLastModifiedFilterAsksForThem(String filter) throws BadRequestException {
        assertNotNull(Tombstones.askedBy(Filter.fromString(filter)), filter);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "meta.lastModified lt \"2026-12-04T08:00:00Z\"",
            "meta.lastModified gt \"2026-12-04T08:00:00Z\" and userName eq \"a\"",
            "meta.lastModified gt \"2026-12-04T08:00:00Z\" or meta.lastModified lt \"2020-01-01T00:00:00Z\"",
            "not (meta.lastModified gt \"2026-12-04T08:00:00Z\")",
            "meta.created gt \"2026-12-04T08:00:00Z\"",
            "meta.lastModified gt \"yesterday\"",
            "meta.lastModified gt 5",
            "meta.lastModified pr",
            "userName eq \"meta.lastModified\"",
    })
    void anyOtherFilterDoesNot(String filter) throws BadRequestException {
        assertNull(Tombstones.askedBy(Filter.fromString(filter)), filter);
    }
}

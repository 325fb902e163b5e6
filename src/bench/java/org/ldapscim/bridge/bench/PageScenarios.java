package org.ldapscim.bridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pages of 100 users: by startIndex, shallow and deep; sorted; and walks, page after page, as an IdP's import
 * reads the whole directory. A raw client has only paged results, which go forward: its deep page is every page
 * before it, its walk the cookie's next page.
 */
final class PageScenarios {
    private static final int[] START_INDEXES = {1, 5_000, 95_000};
    /** The pages of a startIndex walk, ending at the directory's last page. */
    private static final int WALK_PAGES = 50;

    private PageScenarios() {
    }

    static List<Scenario> of(Fixture f) {
        List<Scenario> scenarios = new ArrayList<>();
        for (int start : START_INDEXES) {
            String name = String.format("page of 100 at startIndex %,d", start);
            if (start > f.size()) {
                scenarios.add(Scenario.skipped(name, String.format("startIndex %,d is beyond the %,d users", start,
                        f.size())));
                continue;
            }
            scenarios.add(Scenario.of(name,
                    n -> page(f.bridge().get("/Users?startIndex=" + start + "&count=" + RawPages.PAGE, 200)),
                    n -> RawPages.reach(f.raw(), start, RawPages.PAGE)));
        }
        scenarios.add(Scenario.of("page of 100 sortBy=userName",
                n -> page(f.bridge().get("/Users?sortBy=userName&startIndex=1&count=" + RawPages.PAGE, 200)),
                n -> RawPages.sortedFirstPage(f.raw(), f.directory().userNameSortKey(),
                        Math.min(RawPages.PAGE, f.size()))));
        scenarios.add(walk(f, String.format("walk by startIndex, last %d pages", pages(f)),
                new Walkers<>(() -> new StartIndexWalk(f))));
        scenarios.add(walk(f, "walk by cursor (RFC 9865)", new Walkers<>(() -> new CursorWalk(f))));
        return scenarios;
    }

    /** A walk scenario: the raw side walks with the paged-results cookie, one client a connection of its own. */
    private static Scenario walk(Fixture f, String name, Walkers<?> bridge) {
        Walkers<RawWalk> raw = new Walkers<>(() -> new RawWalk(f));
        return Scenario.of(name, bridge.pages(), raw.pages()).finishedBy(() -> {
            bridge.close();
            raw.close();
        });
    }

    private static int pages(Fixture f) {
        return Math.max(1, Math.min(WALK_PAGES, f.size() / RawPages.PAGE));
    }

    /** Fails unless the answer is a page with resources in it. */
    private static JsonNode page(String body) throws IOException {
        JsonNode list = Fixture.json(body);
        if (list.path("Resources").isEmpty()) {
            throw new IOException("an empty page: " + body);
        }
        return list;
    }

    /**
     * An IdP's import by index: startIndex 1, 101, 201, ... in order; here over the directory's last
     * {@link #WALK_PAGES} pages, deep, and from their first again once past them.
     */
    private static final class StartIndexWalk implements Walkers.Walk {
        private final Fixture f;
        private final int first;
        private int page;

        StartIndexWalk(Fixture f) {
            this.f = f;
            this.first = Math.max(1, f.size() - pages(f) * RawPages.PAGE + 1);
        }

        @Override
        public void nextPage() throws IOException {
            int start = first + page * RawPages.PAGE;
            page(f.bridge().get("/Users?startIndex=" + start + "&count=" + RawPages.PAGE, 200));
            page = (page + 1) % pages(f);
        }
    }

    /** A walk by cursor (RFC 9865): {@code cursor=} first, then each page's nextCursor, from the start after the last. */
    private static final class CursorWalk implements Walkers.Walk {
        private final Fixture f;
        private String cursor = "";

        CursorWalk(Fixture f) {
            this.f = f;
        }

        @Override
        public void nextPage() throws IOException {
            JsonNode list = page(f.bridge().get("/Users?count=" + RawPages.PAGE + "&cursor=" + Fixture.encode(cursor),
                    200));
            cursor = list.path("nextCursor").asText("");
        }
    }

    /**
     * A raw client's walk through all users, a page of 100 per call with the cookie of the one before, on a
     * connection of its own (slapd binds the cookie to it); from the start again after the last page.
     */
    private static final class RawWalk implements Walkers.Walk {
        private final LDAPConnection connection;
        private ASN1OctetString cookie;

        RawWalk(Fixture f) {
            try {
                this.connection = f.directory().connect();
            } catch (LDAPException e) {
                throw new UncheckedIOException(new IOException("cannot connect a raw walk", e));
            }
        }

        @Override
        public void nextPage() throws LDAPException {
            SearchResult page = RawPages.page(connection, cookie, null);
            if (page.getEntryCount() == 0) {
                throw new LDAPException(ResultCode.NO_RESULTS_RETURNED, "an empty page in a walk");
            }
            cookie = RawPages.cookie(page);
        }

        @Override
        public void close() {
            connection.close();
        }
    }
}

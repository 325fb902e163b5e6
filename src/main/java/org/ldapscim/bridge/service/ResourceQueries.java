package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.controls.SortKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.ldapscim.bridge.ldap.DirectoryException;
import org.ldapscim.bridge.ldap.PagedSearch;
import org.ldapscim.bridge.ldap.SearchWindow;
import org.ldapscim.bridge.mapping.AttributeMapper;
import org.ldapscim.bridge.mapping.LdapFilterTranslator;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.scim.Projection;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.RequestLimits;

/**
 * Reading resources: one by id, or a filtered, sorted page of them (RFC 7644 §3.4; cursors RFC 9865).
 *
 * <p>Unsorted index pages of a type under one base DN are paged-results pages in the directory's order, the search
 * of an import walking page after page kept between its pages ({@link IndexWalks}). Sorted ones come from the
 * directory's virtual list view where it offers one and the type has one base DN: the directory finds the window,
 * so a deep page reads only its own entries. Elsewhere the DNs of every
 * match are walked in paged searches no larger than any size limit, then the page's entries read; the bridge
 * sorts them itself when the directory cannot, or when several base DNs make several sorted runs. Cursor
 * pages are paged-results pages, their cookie kept with its connection in {@link CursorRegistry}.
 */
final class ResourceQueries {
    /** Without server-side sort the bridge sorts result sets up to this size itself, and refuses larger. */
    static final int BRIDGE_SORT_LIMIT = 10_000;
    private static final int WALK_PAGE = 500;

    private final ResourceContext context;
    private final int maxResults;
    private final RequestLimits limits;
    private final CursorRegistry<PagedSearch> cursors;
    private final IndexWalks walks;
    private final MatchCounts counts;

    ResourceQueries(ResourceContext context, int maxResults, RequestLimits limits,
                    CursorRegistry<PagedSearch> cursors, IndexWalks walks, MatchCounts counts) {
        this.context = context;
        this.maxResults = maxResults;
        this.limits = limits;
        this.cursors = cursors;
        this.walks = walks;
        this.counts = counts;
    }

    ObjectNode get(String id, Projection projection, RequestContext request) {
        Predicate<AttributeMapper> chosen = chosen(projection);
        Entry entry = context.require(id, chosen);
        try {
            return projection.apply(context.mapping.toScim(entry, chosen, context.references(request)));
        } catch (DirectoryException e) {
            throw DirectoryErrors.translate(e, "reading " + context.mapping.name() + " " + id);
        }
    }

    ListResult list(ListQuery query, RequestContext request) {
        return list(query, request, null);
    }

    /**
     * A page of this type's resources; with {@code unmapped} set, as one type of a search across all of them,
     * where an attribute this type lacks matches nothing and is added to the set.
     */
    ListResult list(ListQuery query, RequestContext request, Set<String> unmapped) {
        ResourceMapping mapping = context.mapping;
        DirectoryReferences references = context.references(request);
        if (query.cursor() != null && query.startIndex() != null) {
            throw ScimException.invalidValue("a request pages by cursor or by startIndex, not both");
        }
        int startIndex = query.startIndex() == null || query.startIndex() < 1 ? 1 : query.startIndex();
        int count = query.count() == null ? maxResults : Math.max(0, Math.min(query.count(), maxResults));
        SortSpec sort = SortSpec.of(mapping, query.sortBy(), query.sortOrder());
        try {
            Filter filter = mapping.searchFilter();
            Tombstones tombstones = null;
            if (query.filter() != null && !query.filter().isBlank()) {
                LdapFilterTranslator translator = unmapped == null ? new LdapFilterTranslator(mapping, references)
                        : LdapFilterTranslator.acrossTypes(mapping, references, unmapped);
                var parsed = limits.parseFilter(request.profile().filter(query.filter()));
                // Index pages of one type only: a cursor walk or a search across types stays with the directory.
                tombstones = unmapped == null && query.cursor() == null ? Tombstones.askedBy(parsed) : null;
                Filter translated = translator.translate(parsed);
                // The request's own filter goes first: it is the selective part.
                filter = Filter.createANDFilter(translated, mapping.searchFilter());
            }
            boolean oneBase = mapping.baseDns().size() == 1;
            Page page = query.cursor() != null && count > 0
                    ? cursorPage(query.cursor(), filter, sort, count, query.projection())
                    : sort == null && oneBase
                    ? indexPage(filter, startIndex, count, query.projection())
                    : sort != null && oneBase && context.directory.supportsVirtualListView()
                    ? windowPage(filter, sort, startIndex, count, query.projection())
                    : walkedPage(filter, sort, startIndex, count, query.projection());
            List<ObjectNode> resources = new ArrayList<>();
            Predicate<AttributeMapper> chosen = chosen(query.projection());
            for (Entry entry : page.entries()) {
                resources.add(query.projection().apply(mapping.toScim(entry, chosen, references)));
            }
            if (query.cursor() != null) {
                return new ListResult(page.total(), null, resources, page.nextCursor());
            }
            if (tombstones != null) {
                return withTombstones(page.total(), startIndex, count, resources,
                        tombstones.from(context.journal, mapping, context::sawDeleted,
                                id -> context.finder.find(mapping, id, "1.1") != null, references));
            }
            return new ListResult(page.total(), startIndex, resources, null);
        } catch (DirectoryException e) {
            throw DirectoryErrors.translate(e, "listing " + mapping.name() + "s");
        }
    }

    /**
     * The page with tombstones counted after the directory's matches: {@code totalResults} covers both, and a page
     * that reaches past the last match goes on with the tombstones, so paging through the answer shows each once.
     */
    private static ListResult withTombstones(int matches, int startIndex, int count, List<ObjectNode> resources,
                                             List<ObjectNode> tombstones) {
        List<ObjectNode> page = new ArrayList<>(resources);
        int from = Math.max(0, startIndex - 1 - matches);
        int room = count - resources.size();
        for (int i = from; i < tombstones.size() && room > 0; i++, room--) {
            page.add(tombstones.get(i));
        }
        return new ListResult(matches + tombstones.size(), startIndex, page, null);
    }

    /** The entries of a page, how many match in all (null: unknown), and the cursor of the next page. */
    private record Page(Integer total, List<? extends Entry> entries, String nextCursor) {
    }

    /**
     * An unsorted page of a type under one base DN, in the directory's own order: the one paged search of an index
     * walk ({@link IndexWalks}) continued, or started here and skipping to {@code startIndex}. A page that does not
     * reach the last match, and every page of a continued walk, gets its total from {@link MatchCounts}.
     */
    private Page indexPage(Filter filter, int startIndex, int count, Projection projection) {
        List<DN> bases = context.mapping.baseDns();
        if (count == 0) {
            return new Page(counts.of(bases, filter), List.of(), null);
        }
        String[] attributes = readAttributes(projection);
        String query = context.mapping.name() + "|" + bases + "|" + filter + "|" + String.join(",", attributes);
        long writesBefore = context.directory.writesSent();
        PagedSearch walk = walks.take(query, startIndex);
        PagedSearch search = walk != null ? walk : context.directory.pagedSearch(bases, filter, null, attributes);
        List<SearchResultEntry> entries = new ArrayList<>();
        int skipped = walk != null ? startIndex - 1 : 0;
        try {
            while (skipped < startIndex - 1 && !search.exhausted()) {
                skipped += search.next(Math.min(WALK_PAGE, startIndex - 1 - skipped)).size();
            }
            while (entries.size() < count && !search.exhausted()) {
                entries.addAll(search.next(count - entries.size()));
            }
        } catch (DirectoryException e) {
            search.close();
            throw e;
        }
        if (search.exhausted()) {
            search.close();
            if (walk != null) {
                // Entries added or deleted since the walk began moved its end: the count says where it is now.
                return new Page(counts.of(bases, filter), entries, null);
            }
            int total = skipped + entries.size();
            counts.learned(bases, filter, total, writesBefore);
            return new Page(total, entries, null);
        }
        int total = counts.of(bases, filter);
        if (startIndex == 1) {
            // Most first pages are the only page asked for; a walk's second page skips this one's entries again.
            search.close();
            return new Page(total, entries, null);
        }
        walks.keep(search, query, startIndex + entries.size());
        return new Page(total, entries, null);
    }

    private Page windowPage(Filter filter, SortSpec sort, int startIndex, int count, Projection projection) {
        SearchWindow window = context.directory.window(context.mapping.baseDns().get(0), filter, sort.keys(),
                startIndex, count, readAttributes(projection));
        return new Page(window.contentCount(), window.entries(), null);
    }

    /**
     * Walks the DNs of every match (with the sort value when the bridge sorts), then reads the page. A DN
     * under two overlapping base DNs counts once.
     */
    private Page walkedPage(Filter filter, SortSpec sort, int startIndex, int count, Projection projection) {
        boolean sortHere = sort != null && !directorySorts();
        SortKey[] keys = sort != null && !sortHere ? sort.keys() : null;
        String[] walked = sortHere ? new String[] {sort.ldapAttribute()} : new String[] {"1.1"};
        long writesBefore = context.directory.writesSent();
        Map<DN, String> matches = new LinkedHashMap<>();
        try (PagedSearch search = context.directory.pagedSearch(context.mapping.baseDns(), filter, keys, walked)) {
            while (!search.exhausted()) {
                for (SearchResultEntry entry : search.next(WALK_PAGE)) {
                    matches.putIfAbsent(ResourceWrites.parsed(entry), sortHere ? least(entry, sort) : "");
                    if (sortHere && matches.size() > BRIDGE_SORT_LIMIT) {
                        throw ScimException.invalidValue("the directory cannot sort and more than "
                                + BRIDGE_SORT_LIMIT + " resources match; narrow the filter to sort");
                    }
                }
            }
        }
        counts.learned(context.mapping.baseDns(), filter, matches.size(), writesBefore);
        List<DN> all = new ArrayList<>(matches.keySet());
        if (sortHere) {
            Comparator<String> order = sort.comparator();
            all.sort((a, b) -> order.compare(matches.get(a), matches.get(b)));
        }
        int from = Math.min(startIndex - 1, all.size());
        int to = Math.min(from + count, all.size());
        List<Entry> entries = new ArrayList<>();
        for (DN dn : all.subList(from, to)) {
            Entry entry = context.directory.read(dn, readAttributes(projection));
            if (entry != null) {
                entries.add(entry);
            }
        }
        return new Page(all.size(), entries, null);
    }

    /**
     * One page of a cursor walk (RFC 9865): the first for an empty cursor, else the one the cursor holds. The
     * walk's search stays open between pages; its last page closes it.
     */
    private Page cursorPage(String cursor, Filter filter, SortSpec sort, int count, Projection projection) {
        if (sort != null && !context.directory.supportsSorting()) {
            throw ScimException.invalidValue("the directory cannot sort; a cursor walk cannot be sorted");
        }
        if (sort != null && !directorySorts()) {
            throw ScimException.invalidValue(context.mapping.name() + "s live under several base DNs, which the"
                    + " directory sorts one by one: page a sorted list by startIndex");
        }
        // The base DNs are part of the walk: a cursor handed out to a client of narrower scope walks nothing wider.
        String walk = context.mapping.name() + "|" + context.mapping.baseDns() + "|" + filter + "|" + sort + "|"
                + String.join(",", readAttributes(projection));
        PagedSearch search = cursor.isEmpty()
                ? context.directory.pagedSearch(context.mapping.baseDns(), filter, sort == null ? null : sort.keys(),
                        readAttributes(projection))
                : cursors.take(cursor, walk);
        List<SearchResultEntry> entries;
        try {
            entries = search.next(count);
        } catch (DirectoryException e) {
            search.close();
            throw e;
        }
        // No totalResults (RFC 9865 lets cursor pages leave it out): the paged-results size is an estimate
        // that slapd, sorting, gives as the entries left after the first page; counting would cost another search.
        if (search.exhausted()) {
            search.close();
            return new Page(null, entries, null);
        }
        return new Page(null, entries, cursors.put(search, walk));
    }

    /**
     * Whether the directory's sort is the answer's: it sorts within one search, and a type under several base DNs
     * takes one search per base, whose sorted runs the bridge would only put one after the other.
     */
    private boolean directorySorts() {
        return context.directory.supportsSorting() && context.mapping.baseDns().size() == 1;
    }

    /** The value an entry sorts by: its least, as RFC 2891 orders multi-valued attributes; null for none. */
    private static String least(Entry entry, SortSpec sort) {
        String[] values = entry.getAttributeValues(sort.ldapAttribute());
        if (values == null || values.length == 0) {
            return null;
        }
        String least = values[0];
        for (String value : values) {
            if (value.compareToIgnoreCase(least) < 0) {
                least = value;
            }
        }
        return least;
    }

    private String[] readAttributes(Projection projection) {
        Set<String> attributes = context.mapping.ldapAttributes(chosen(projection));
        return attributes.toArray(String[]::new);
    }

    /** The mappers a projection shows, so that a read asks the directory for nothing more. */
    static Predicate<AttributeMapper> chosen(Projection projection) {
        return mapper -> mapper.readable() && projection.shows(mapper.path().schemaUrn(), mapper.path().attribute());
    }
}

package org.ldapscim.bridge.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.controls.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.testsupport.ActiveDirectoryValueRanges;

/**
 * Every way the directory layer reads entries returns all of a group's members when the directory sends them
 * in ranges as AD does (1,500 at a time, here 1,000): read, search, paged search and the virtual list view, with
 * the ranges imposed by the directory or asked for by the bridge.
 */
class ValueRangesTest {
    private static final int MAX_VAL_RANGE = 1_000;
    private static final int MEMBERS = 3_456;
    private static final DN GROUPS = dn("ou=groups,dc=example,dc=com");
    private static final DN BIG = dn("cn=big,ou=groups,dc=example,dc=com");
    private static final ActiveDirectoryValueRanges RANGES = new ActiveDirectoryValueRanges(MAX_VAL_RANGE);
    private static InMemoryDirectory directory;
    private static Set<String> everyone;

    @BeforeAll
    static void start() throws LDAPException {
        directory = InMemoryDirectory.start("dc=example,dc=com", 0, RANGES);
        RANGES.serve(directory.server());
        directory.server().add(new Entry("dc=example,dc=com", new Attribute("objectClass", "top", "domain"),
                new Attribute("dc", "example")));
        directory.server().add(new Entry(GROUPS.toString(), new Attribute("objectClass", "top", "organizationalUnit"),
                new Attribute("ou", "groups")));
        List<String> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            members.add("uid=member-" + i + ",ou=people,dc=example,dc=com");
        }
        everyone = Set.copyOf(members);
        directory.server().add(new Entry(BIG.toString(), new Attribute("objectClass", "top", "groupOfNames"),
                new Attribute("cn", "big"), new Attribute("member", members)));
        directory.server().add(new Entry("cn=small,ou=groups,dc=example,dc=com",
                new Attribute("objectClass", "top", "groupOfNames"), new Attribute("cn", "small"),
                new Attribute("member", "uid=member-1,ou=people,dc=example,dc=com")));
    }

    @AfterAll
    static void stop() {
        directory.close();
    }

    private static DN dn(String text) {
        try {
            return new DN(text);
        } catch (LDAPException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void assertEveryMember(Entry entry) {
        assertEquals(List.of(), entry.getAttributes().stream().filter(a -> a.hasOptions()).map(Attribute::getName).toList(),
                "no ranged attribute is left");
        String[] values = entry.getAttributeValues("member");
        assertEquals(MEMBERS, values.length);
        assertEquals(everyone, Set.of(values));
    }

    /** The searches sent through {@code client}, as the observer sees them. */
    private static List<SearchRequest> observe(DirectoryClient client) {
        List<SearchRequest> searches = new CopyOnWriteArrayList<>();
        client.observe(new DirectoryObserver() {
            @Override
            public void searching(SearchRequest request) {
                searches.add(request);
            }
        });
        return searches;
    }

    @Test
    void rangesTheDirectoryImposesAreFollowedOnEveryRead() {
        try (DirectoryClient client = directory.client(2)) {
            List<SearchRequest> searches = observe(client);
            assertEveryMember(client.read(BIG, "cn", "member"));
            // The first part came with the read; parts 1000-1999, 2000-2999 and 3000-* followed.
            assertEquals(4, searches.size(), searches.toString());
            assertEquals(List.of("member;range=1000-*"), searches.get(1).getAttributeList());

            List<SearchResultEntry> found = client.search(GROUPS, Filter.createEqualityFilter("cn", "big"), 0, "member");
            assertEveryMember(found.get(0));

            try (PagedSearch paged = client.pagedSearch(List.of(GROUPS), Filter.createEqualityFilter("objectClass",
                    "groupOfNames"), null, "cn", "member")) {
                List<SearchResultEntry> page = paged.next(10);
                assertEquals(2, page.size());
                SearchResultEntry big = page.stream().filter(e -> e.getDN().startsWith("cn=big")).findFirst().orElseThrow();
                assertEveryMember(big);
                SearchResultEntry small = page.stream().filter(e -> e.getDN().startsWith("cn=small")).findFirst().orElseThrow();
                assertEquals(1, small.getAttributeValues("member").length);
            }

            SearchWindow window = client.window(GROUPS, Filter.createEqualityFilter("cn", "big"),
                    new SortKey[] {new SortKey("cn")}, 1, 1, "cn", "member");
            assertEveryMember(window.entries().get(0));
        }
    }

    @Test
    void aConfiguredRangeSizeAsksForRangesFromTheStart() throws LDAPException {
        int before = RANGES.rangedRequests();
        try (DirectoryClient client = new DirectoryClient(directory.server().getConnectionPool(2), 700, false)) {
            List<SearchRequest> searches = observe(client);
            assertEveryMember(client.read(BIG, "cn", "member"));
            assertEquals(List.of("cn", "member;range=0-699"), searches.get(0).getAttributeList());
            assertEquals(List.of("member;range=700-1399"), searches.get(1).getAttributeList());
            // 3,456 values in parts of 700: five parts, each asked for by name.
            assertEquals(5, searches.size(), searches.toString());
            assertEquals(5, RANGES.rangedRequests() - before);

            Entry small = client.read(dn("cn=small,ou=groups,dc=example,dc=com"), "member");
            assertEquals(List.of("uid=member-1,ou=people,dc=example,dc=com"), List.of(small.getAttributeValues("member")));
        }
    }

    @Test
    void anEntryWithoutTheAttributeStaysWithoutIt() {
        try (DirectoryClient client = directory.client(1)) {
            Entry groups = client.read(GROUPS, "ou", "member");
            assertTrue(groups.hasAttribute("ou"));
            assertEquals(null, groups.getAttribute("member"));
        }
    }
}

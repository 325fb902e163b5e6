package org.ldapscim.bridge.ldap;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPConnectionPoolStatistics;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.AssertionRequestControl;
import com.unboundid.ldap.sdk.controls.PermissiveModifyRequestControl;
import com.unboundid.ldap.sdk.controls.PostReadRequestControl;
import com.unboundid.ldap.sdk.controls.PostReadResponseControl;
import com.unboundid.ldap.sdk.controls.ServerSideSortRequestControl;
import com.unboundid.ldap.sdk.controls.SortKey;
import com.unboundid.ldap.sdk.controls.VirtualListViewRequestControl;
import com.unboundid.ldap.sdk.controls.VirtualListViewResponseControl;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The directory as the bridge uses it: searches, reads and writes over a pool of connections bound as the
 * service account. Every failure is a {@link DirectoryException}. Thread-safe.
 */
public final class DirectoryClient implements AutoCloseable {
    /** Entries per page when counting the matches of a window whose directory did not say how many there are. */
    private static final int COUNT_PAGE = 500;
    /** LDAP_CAP_ACTIVE_DIRECTORY_OID, in the root DSE's supportedCapabilities of AD and Samba AD. */
    private static final String ACTIVE_DIRECTORY_OID = "1.2.840.113556.1.4.800";
    /** slapd's root DSE class: slapd orders attributes only by their schema's ORDERING rule (see OrderingRules). */
    private static final String OPENLDAP_ROOT_DSE = "OpenLDAProotDSE";

    private static final String[] SUBSCHEMA_ATTRIBUTES = {"attributeSyntaxes", "attributeTypes", "dITContentRules",
            "dITStructureRules", "matchingRules", "matchingRuleUse", "nameForms", "objectClasses",
            "extendedAttributeInfo"};

    /** Active Directory's Show Deleted control: a search also returns tombstones of deleted objects. */
    static final String SHOW_DELETED_OID = "1.2.840.113556.1.4.417";

    /** Active Directory's password attribute: the password itself goes over the wire, so only over TLS. */
    public static final String CLEARTEXT_PASSWORD = "unicodePwd";

    private final LDAPConnectionPool pool;
    private final boolean permissiveModify;
    private final boolean pagedResults;
    private final boolean assertions;
    private final boolean postRead;
    private final boolean sorting;
    private final boolean virtualListView;
    private final OrderingRules orderingRules;
    private final Integer valueRangeSize;
    private final boolean offersExtendedDns;
    private final boolean activeDirectory;
    private volatile EntryReads reads;
    private volatile DirectoryObserver observer = DirectoryObserver.NONE;
    private final AtomicLong writesSent = new AtomicLong();
    /** Where a dry run's writes go instead of the directory, or null: they are sent. */
    private final UnsentWrites unsent;
    /** What a dry run checks a withheld modify against, as the directory would; null when it cannot be read. */
    private final Schema unsentSchema;

    public DirectoryClient(LDAPConnectionPool pool) {
        this(pool, null, false);
    }

    /**
     * @param valueRangeSize values per part when multi-valued group attributes are asked for in ranges
     *                       ({@code member;range=0-N}); null to ask for them plainly and follow the ranges only
     *                       when the directory imposes them, as AD does above 1,500 values
     * @param followsReferrals whether the pool's connections follow referrals: a server then sorts, counts and pages
     *                         only its own entries, and its paged-results cookie means nothing to the server a
     *                         reference names; so sort, virtual list view and paged results are not used, each base
     *                         is read in one search, and the bridge sorts and counts what all servers returned
     */
    DirectoryClient(LDAPConnectionPool pool, Integer valueRangeSize, boolean followsReferrals) {
        this.pool = pool;
        this.valueRangeSize = valueRangeSize;
        this.reads = new EntryReads(valueRangeSize, false);
        RootDSE rootDse = rootDse(pool);
        this.permissiveModify = rootDse != null && rootDse.supportsControl(PermissiveModifyRequestControl.PERMISSIVE_MODIFY_REQUEST_OID);
        this.pagedResults = rootDse != null && !followsReferrals
                && rootDse.supportsControl(SimplePagedResultsControl.PAGED_RESULTS_OID);
        this.assertions = rootDse != null && rootDse.supportsControl(AssertionRequestControl.ASSERTION_REQUEST_OID);
        this.postRead = rootDse != null && rootDse.supportsControl(PostReadRequestControl.POST_READ_REQUEST_OID);
        this.sorting = rootDse != null && !followsReferrals
                && rootDse.supportsControl(ServerSideSortRequestControl.SERVER_SIDE_SORT_REQUEST_OID);
        this.virtualListView = sorting
                && rootDse.supportsControl(VirtualListViewRequestControl.VIRTUAL_LIST_VIEW_REQUEST_OID);
        this.orderingRules = new OrderingRules(rootDse != null && rootDse.hasObjectClass(OPENLDAP_ROOT_DSE)
                ? orderingSchema(pool) : null);
        this.offersExtendedDns = rootDse != null && rootDse.supportsControl(EntryReads.EXTENDED_DN_OID);
        this.activeDirectory = rootDse != null && rootDse.hasAttributeValue("supportedCapabilities", ACTIVE_DIRECTORY_OID);
        this.unsent = null;
        this.unsentSchema = null;
    }

    private DirectoryClient(DirectoryClient directory, UnsentWrites unsent) {
        this.pool = directory.pool;
        this.valueRangeSize = directory.valueRangeSize;
        this.reads = directory.reads;
        this.observer = directory.observer;
        this.permissiveModify = directory.permissiveModify;
        this.pagedResults = directory.pagedResults;
        this.assertions = directory.assertions;
        this.postRead = directory.postRead;
        this.sorting = directory.sorting;
        this.virtualListView = directory.virtualListView;
        this.orderingRules = directory.orderingRules;
        this.offersExtendedDns = directory.offersExtendedDns;
        this.activeDirectory = directory.activeDirectory;
        this.unsent = unsent;
        this.unsentSchema = orderingSchema(pool);
    }

    /**
     * This directory for a dry run: every add, modify, rename, move and delete is kept in {@code unsent} instead of
     * sent, refused where the directory would refuse it for an entry that exists or does not, or for a required
     * attribute it empties; reads by DN and subtree searches see the writes kept so far. Lists by page or window
     * see the directory as it is. Closing it closes this client's connections.
     */
    public DirectoryClient withholdingWrites(UnsentWrites unsent) {
        return new DirectoryClient(this, java.util.Objects.requireNonNull(unsent, "unsent"));
    }

    /** Whether the directory says it is Active Directory (or Samba AD), with AD's matching rules and controls. */
    public boolean isActiveDirectory() {
        return activeDirectory;
    }

    /**
     * Asks for DN values in AD's extended form, {@code <GUID=...>;<SID=...>;dn}, on every read from now on, when
     * the directory offers the control; returns whether it does. Called while the bridge is assembled.
     */
    public boolean useExtendedDns() {
        if (offersExtendedDns) {
            reads = new EntryReads(valueRangeSize, true);
        }
        return offersExtendedDns;
    }

    /** Whether DN values come in the extended form (see {@link #useExtendedDns()}). */
    public boolean extendedDns() {
        return reads.extendedDns();
    }

    /** Shows every search and modify from now on to {@code observer} (null: to none). */
    public void observe(DirectoryObserver observer) {
        this.observer = observer == null ? DirectoryObserver.NONE : observer;
    }

    /**
     * The schema that sort keys and ordering filters are checked against, read once here rather than per
     * request. A directory that does not let the service account read it gets them as they are.
     */
    private static Schema orderingSchema(LDAPConnectionPool pool) {
        try {
            return pool.getSchema();
        } catch (LDAPException e) {
            return null;
        }
    }

    private static RootDSE rootDse(LDAPConnectionPool pool) {
        try {
            return pool.getRootDSE();
        } catch (LDAPException e) {
            throw new DirectoryException("reading the root DSE", e);
        }
    }

    /** The root DSE as the directory shows it now, with the attributes asked for (its changelog and USN counters). */
    public Entry rootDse(String... attributes) {
        try {
            return reading(c -> c.getEntry("", attributes));
        } catch (LDAPException e) {
            throw new DirectoryException("reading the root DSE", e);
        }
    }

    /**
     * Reads the root DSE over the pool, the answer awaited at most {@code timeoutMillis}: whether the directory
     * serves at all. Returns the host:port of the server that answered.
     */
    public String answeringServer(long timeoutMillis) {
        SearchRequest request = new SearchRequest("", SearchScope.BASE, Filter.createPresenceFilter("objectClass"),
                "1.1");
        request.setResponseTimeoutMillis(timeoutMillis);
        try {
            return reading(c -> {
                c.search(request);
                return c.getConnectedAddress() + ":" + c.getConnectedPort();
            });
        } catch (LDAPException e) {
            throw new DirectoryException("reading the root DSE", e);
        }
    }

    /**
     * The pool's connections now. The pool counts the connections it opened and closed, not those checked out;
     * those open and not idle are.
     */
    public PoolUsage poolUsage() {
        LDAPConnectionPoolStatistics statistics = pool.getConnectionPoolStatistics();
        long open = statistics.getNumSuccessfulConnectionAttempts() - statistics.getNumConnectionsClosedDefunct()
                - statistics.getNumConnectionsClosedExpired() - statistics.getNumConnectionsClosedUnneeded();
        int available = pool.getCurrentAvailableConnections();
        return new PoolUsage(available, (int) Math.max(0, open - available), pool.getMaximumAvailableConnections());
    }

    /**
     * Every deleted object under {@code base} (Active Directory's Deleted Objects container) matching {@code filter},
     * read with the Show Deleted control (1.2.840.113556.1.4.417) in pages of 500, so the directory's page size
     * limit never cuts the answer short.
     */
    public List<SearchResultEntry> searchDeleted(DN base, Filter filter, String... attributes) {
        List<SearchResultEntry> found = new java.util.ArrayList<>();
        com.unboundid.asn1.ASN1OctetString cookie = null;
        try {
            do {
                SearchRequest request = new SearchRequest(base.toString(), SearchScope.SUB, filter, attributes);
                request.addControl(new Control(SHOW_DELETED_OID, true));
                request.addControl(new SimplePagedResultsControl(500, cookie, false));
                SearchResult result = reading(c -> send(c, request));
                found.addAll(result.getSearchEntries());
                SimplePagedResultsControl paged = SimplePagedResultsControl.get(result);
                cookie = paged == null || !paged.moreResultsToReturn() ? null : paged.getCookie();
            } while (cookie != null);
            return found;
        } catch (LDAPException e) {
            if (notHere(e)) {
                return found;
            }
            throw new DirectoryException("searching the deleted objects under " + base, e);
        }
    }

    /**
     * Whether adding a value that is there, or deleting one that is not, can be made a quiet success
     * with the Permissive Modify control, as the root DSE announces it (AD and UnboundID do; slapd 2.5 and 389-DS do
     * not).
     */
    public boolean supportsPermissiveModify() {
        return permissiveModify;
    }

    /** The entry, or null when there is none at that DN. */
    public Entry read(DN dn, String... attributes) {
        if (unsent == null) {
            return readSent(dn, attributes);
        }
        try {
            return unsent.read(dn, attributes, this::readSent);
        } catch (LDAPException e) {
            throw new DirectoryException("reading " + dn + " with the withheld writes", e);
        }
    }

    private Entry readSent(DN dn, String... attributes) {
        SearchRequest request = request(dn, SearchScope.BASE, Filter.createPresenceFilter("objectClass"), attributes);
        try {
            return reading(c -> {
                SearchResult result = send(c, request);
                return result.getEntryCount() == 0 ? null
                        : reads.complete(c, observer, result.getSearchEntries().get(0));
            });
        } catch (LDAPException e) {
            if (notHere(e)) {
                return null;
            }
            throw new DirectoryException("reading " + dn, e);
        }
    }

    /** Whether the entry at {@code dn} matches {@code filter}: a base search that asks for no attributes. */
    public boolean matches(DN dn, Filter filter) {
        if (unsent != null && unsent.covers(dn)) {
            try {
                Entry entry = read(dn, filterAttributes(filter));
                return entry != null && filter.matchesEntry(entry, unsentSchema);
            } catch (LDAPException e) {
                throw new DirectoryException("checking " + dn + " with the withheld writes", e);
            }
        }
        try {
            SearchRequest request = new SearchRequest(dn.toString(), SearchScope.BASE, orderingRules.apply(filter),
                    "1.1");
            SearchResult result = reading(c -> send(c, request));
            return result.getEntryCount() > 0;
        } catch (LDAPException e) {
            if (notHere(e)) {
                return false;
            }
            throw new DirectoryException("checking " + dn, e);
        }
    }

    /** Every entry under {@code base} matching {@code filter}, at most {@code sizeLimit} (0: no limit). */
    public List<SearchResultEntry> search(DN base, Filter filter, int sizeLimit, String... attributes) {
        SearchRequest request = request(base, SearchScope.SUB, filter, attributes);
        request.setSizeLimit(sizeLimit);
        List<SearchResultEntry> found;
        try {
            found = reading(c -> reads.complete(c, observer, upToSizeLimit(c, request)));
        } catch (LDAPException e) {
            if (!notHere(e)) {
                throw new DirectoryException("searching " + base, e);
            }
            found = List.of();
        }
        if (unsent == null) {
            return found;
        }
        try {
            return unsent.search(base, filter, sizeLimit, attributes, found, unsentSchema, this::readSent);
        } catch (LDAPException e) {
            throw new DirectoryException("searching " + base + " with the withheld writes", e);
        }
    }

    private static String[] filterAttributes(Filter filter) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        UnsentWrites.collect(filter, names);
        return names.toArray(String[]::new);
    }

    /** The entries the search returns, also those returned before the directory stopped at the size limit. */
    private List<SearchResultEntry> upToSizeLimit(LDAPConnection connection, SearchRequest request)
            throws LDAPException {
        try {
            return send(connection, request).getSearchEntries();
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                return e.getSearchEntries();
            }
            throw e;
        }
    }

    /** A request with the filter, attribute list and controls every read of entries has. */
    private SearchRequest request(DN base, SearchScope scope, Filter filter, String... attributes) {
        SearchRequest request = new SearchRequest(base.toString(), scope, orderingRules.apply(filter),
                reads.requested(attributes));
        request.setControls(reads.controls());
        return request;
    }

    private SearchResult send(LDAPConnection connection, SearchRequest request) throws LDAPSearchException {
        observer.searching(request);
        return connection.search(request);
    }

    /** Whether the directory sorts results itself (RFC 2891 server-side sort). */
    public boolean supportsSorting() {
        return sorting;
    }

    /** Whether the directory serves windows of a sorted result set by offset (virtual list view). */
    public boolean supportsVirtualListView() {
        return virtualListView;
    }

    /**
     * The {@code count} entries from 1-based {@code offset} of the entries under {@code base} matching
     * {@code filter} in {@code sort} order, read with the virtual list view control: the directory finds the
     * window itself, so a deep page costs what the first page costs. {@code count} 0 reads no entries, only
     * the count. An offset past the end gives an empty window.
     */
    public SearchWindow window(DN base, Filter filter, SortKey[] sort, int offset, int count, String... attributes) {
        SearchRequest request = request(base, SearchScope.SUB, filter, count == 0 ? new String[] {"1.1"} : attributes);
        request.addControl(new ServerSideSortRequestControl(true, orderingRules.apply(sort)));
        request.addControl(new VirtualListViewRequestControl(offset, 0, Math.max(0, count - 1), 0, null, true));
        try {
            try {
                return windowOnce(request, offset, count);
            } catch (LDAPException e) {
                if (e.getResultCode() != ResultCode.SERVER_DOWN) {
                    throw e;
                }
                return windowOnce(request, offset, count);
            }
        } catch (LDAPException e) {
            if (notHere(e)) {
                return new SearchWindow(0, List.of());
            }
            if (e.getResultCode() == ResultCode.VIRTUAL_LIST_VIEW_ERROR) {
                // slapd answers an offset past the end so, where the draft has it position on the last entry.
                Integer known = contentCount(e);
                int total = known != null ? known : count(base, filter);
                if (offset > total) {
                    return new SearchWindow(total, List.of());
                }
                VirtualListViewResponseControl response = responseOf(e);
                if (response != null && response.getResultCode() != ResultCode.SUCCESS) {
                    // The response's own code says more: busy, unwillingToPerform, insufficientAccessRights, ...
                    throw new DirectoryException("reading a window of " + base,
                            new LDAPException(response.getResultCode(), e.getDiagnosticMessage()));
                }
            }
            throw new DirectoryException("reading a window of " + base, e);
        }
    }

    /**
     * The content count of the virtual list view response a failed window carried; null without one, or with 0,
     * which the draft lets a directory send when it does not know the count.
     */
    private static Integer contentCount(LDAPException failure) {
        VirtualListViewResponseControl response = responseOf(failure);
        return response == null || response.getContentCount() == 0 ? null : response.getContentCount();
    }

    /** The virtual list view response of a failed window; null without one, or with one that does not decode. */
    private static VirtualListViewResponseControl responseOf(LDAPException failure) {
        if (!(failure instanceof LDAPSearchException search) || search.getSearchResult() == null) {
            return null;
        }
        try {
            return VirtualListViewResponseControl.get(search.getSearchResult());
        } catch (LDAPException e) {
            return null;
        }
    }

    /** How many entries under {@code base} match {@code filter}, walked page by page without their attributes. */
    private int count(DN base, Filter filter) {
        return count(List.of(base), filter);
    }

    /**
     * How many entries under {@code bases} match {@code filter}, walked page by page without their attributes; an
     * entry under two overlapping bases counts once.
     */
    public int count(List<DN> bases, Filter filter) {
        Set<String> seen = bases.size() > 1 ? new HashSet<>() : null;
        int total = 0;
        try (PagedSearch search = pagedSearch(bases, filter, null, "1.1")) {
            while (!search.exhausted()) {
                for (SearchResultEntry entry : search.next(COUNT_PAGE)) {
                    if (seen == null || seen.add(entry.getDN().toLowerCase(Locale.ROOT))) {
                        total++;
                    }
                }
            }
        }
        return total;
    }

    /**
     * How many writes this client has sent so far, whatever their outcome: what was read before the count moved
     * may no longer hold.
     */
    public long writesSent() {
        return writesSent.get();
    }

    /**
     * One window read on a connection of the pool. A directory that answers with a context ID keeps the window's
     * sorted result set for that connection (draft-ietf-ldapext-ldapv3-vlv §6.2), and the protocol has no way to
     * let it go but closing the connection: slapd's sssvlv holds each until then, and once a connection holds
     * {@code olcSssVlvMaxPerConn} of them, or all connections {@code olcSssVlvMax}, answers every sorted search
     * busy. So such a connection is closed after its window, not given back to the pool.
     */
    private SearchWindow windowOnce(SearchRequest request, int offset, int count) throws LDAPException {
        LDAPConnection connection = pool.getConnection();
        SearchWindow window;
        boolean contextHeld;
        try {
            SearchResult result = SortedSearchSender.send(connection, request, observer);
            VirtualListViewResponseControl response = VirtualListViewResponseControl.get(result);
            if (response == null) {
                throw new LDAPException(ResultCode.CONTROL_NOT_FOUND,
                        "the directory answered the virtual list view without its response");
            }
            contextHeld = response.getContextID() != null;
            int total = response.getContentCount();
            if (response.getResultCode() != ResultCode.SUCCESS
                    && !(response.getResultCode() == ResultCode.OFFSET_RANGE_ERROR && offset > total)) {
                throw new LDAPException(response.getResultCode(), "the directory refused the virtual list view");
            }
            // Past the end, a directory positions the window on the last entry; SCIM wants an empty page there.
            List<SearchResultEntry> entries = count == 0 || offset > total ? List.of()
                    : reads.complete(connection, observer, result.getSearchEntries());
            window = new SearchWindow(total, entries);
        } catch (LDAPException e) {
            // A busy answer included: closing the connection frees whatever sorted result sets it still held.
            VirtualListViewResponseControl response = responseOf(e);
            if (response != null && response.getContextID() != null) {
                pool.discardConnection(connection);
            } else {
                giveBack(connection, e);
            }
            throw e;
        }
        if (contextHeld) {
            pool.discardConnection(connection);
        } else {
            pool.releaseConnection(connection);
        }
        return window;
    }

    /**
     * A search over {@code bases} to read page by page, sorted by the directory when {@code sort} is not null
     * (see {@link #supportsSorting()}); the caller closes it.
     */
    public PagedSearch pagedSearch(List<DN> bases, Filter filter, SortKey[] sort, String... attributes) {
        return new PagedSearch(pool, pagedResults, reads, observer, bases, orderingRules.apply(filter), orderingRules.apply(sort),
                attributes);
    }

    public void add(Entry entry) {
        AddRequest request = new AddRequest(entry);
        if (unsent != null) {
            withholding("adding " + entry.getDN(), () -> unsent.add(entry, request.toLDIFChangeRecord(), activeDirectory,
                    this::readSent));
            return;
        }
        writing("adding " + entry.getDN(), entry.hasAttribute(CLEARTEXT_PASSWORD), connection -> connection.add(request));
    }

    /**
     * Whether a write can carry an assertion (RFC 4528) that the directory checks atomically with it, failing
     * the write with assertionFailed (122) when the entry no longer matches.
     */
    public boolean supportsAssertions() {
        return assertions;
    }

    /** One modify operation: the directory applies all modifications or none. */
    public void modify(DN dn, List<Modification> modifications, boolean permissive) {
        modify(dn, modifications, permissive, null);
    }

    /**
     * {@link #modify(DN, List, boolean)} that the directory performs only while the entry matches
     * {@code assertion} (null: unconditionally); see {@link #supportsAssertions()}.
     */
    public void modify(DN dn, List<Modification> modifications, boolean permissive, Filter assertion) {
        modifyAndRead(dn, modifications, permissive, assertion);
    }

    /**
     * {@link #modify(DN, List, boolean, Filter)} that also answers the entry as the modify left it, with the
     * {@code readBack} attributes, where the directory returns it with the write itself (the post-read control of
     * RFC 4527: OpenLDAP, 389-DS, UnboundID); null where it does not, and without {@code readBack}. Spares the read
     * that would follow the write.
     */
    public Entry modifyAndRead(DN dn, List<Modification> modifications, boolean permissive, Filter assertion,
                               String... readBack) {
        ModifyRequest request = new ModifyRequest(dn.toString(), modifications);
        if (permissive && permissiveModify) {
            request.addControl(new PermissiveModifyRequestControl(false));
        }
        addAssertion(request, assertion);
        if (unsent != null) {
            withholding("modifying " + dn, () -> unsent.modify(dn, modifications, request.toLDIFChangeRecord(),
                    unsentSchema, this::readSent));
            return null;
        }
        // Entries whose values come in ranges or with extended DNs are read as every read is.
        boolean readWithWrite = readBack.length > 0 && postRead && reads.plain();
        if (readWithWrite) {
            request.addControl(new PostReadRequestControl(true, readBack));
        }
        observer.modifying(request);
        Entry[] after = new Entry[1];
        writing("modifying " + dn,
                modifications.stream().anyMatch(m -> m.getAttributeName().equalsIgnoreCase(CLEARTEXT_PASSWORD)),
                connection -> {
                    LDAPResult result = connection.modify(request);
                    if (readWithWrite) {
                        after[0] = postReadEntry(result);
                    }
                });
        return after[0];
    }

    private static Entry postReadEntry(LDAPResult result) {
        try {
            PostReadResponseControl response = PostReadResponseControl.get(result);
            return response == null ? null : response.getEntry();
        } catch (LDAPException e) {
            // An answer that does not decode leaves the entry to be read as after any write.
            return null;
        }
    }

    /** Renames the entry in place, only while it matches {@code assertion} (null: unconditionally); returns its new DN. */
    public DN rename(DN dn, RDN newRdn, Filter assertion) {
        ModifyDNRequest request = new ModifyDNRequest(dn.toString(), newRdn.toString(), true);
        addAssertion(request, assertion);
        if (unsent != null) {
            return withheld("renaming " + dn, () -> unsent.rename(dn, newRdn, null, request.toLDIFChangeRecord(),
                    this::readSent));
        }
        writing("renaming " + dn, false, connection -> connection.modifyDN(request));
        // As text: a DN assembled from an RDN object drops escapes the RDN's text carries.
        try {
            return new DN(newRdn + "," + dn.getParent());
        } catch (LDAPException e) {
            throw new IllegalStateException("the renamed entry's DN does not parse: " + newRdn, e);
        }
    }

    /** Moves the entry under {@code newParent}, keeping its RDN; returns its new DN. */
    public DN move(DN dn, DN newParent) {
        ModifyDNRequest request = new ModifyDNRequest(dn.toString(), dn.getRDNString(), true, newParent.toString());
        if (unsent != null) {
            return withheld("moving " + dn, () -> unsent.rename(dn, dn.getRDN(), newParent, request.toLDIFChangeRecord(),
                    this::readSent));
        }
        writing("moving " + dn, false, connection -> connection.modifyDN(request));
        try {
            return new DN(dn.getRDNString() + "," + newParent);
        } catch (LDAPException e) {
            throw new IllegalStateException("the moved entry's DN does not parse: " + dn.getRDNString(), e);
        }
    }

    /** Deletes the entry, only while it matches {@code assertion} (null: unconditionally). */
    public void delete(DN dn, Filter assertion) {
        DeleteRequest request = new DeleteRequest(dn.toString());
        addAssertion(request, assertion);
        if (unsent != null) {
            withholding("deleting " + dn, () -> unsent.delete(dn, request.toLDIFChangeRecord(), this::readSent));
            return;
        }
        writing("deleting " + dn, false, connection -> connection.delete(request));
    }

    /**
     * Runs a read, and once more when the connection broke under it (the server went away): the pool then hands out
     * a connection to a server that answers. A read that timed out is not repeated, so no request waits for more
     * than one response timeout; nor is one that found no server to connect to.
     */
    private <T> T reading(Operation<T> read) throws LDAPException {
        try {
            return onConnection(read);
        } catch (LDAPException e) {
            if (e.getResultCode() != ResultCode.SERVER_DOWN) {
                throw e;
            }
            return onConnection(read);
        }
    }

    /**
     * Runs a write once. Failing to get a connection means nothing was sent; a connection that breaks, or an answer
     * that does not come in time, after the write went out leaves its outcome unknown
     * ({@link DirectoryException#outcomeUnknown()}), and it is never sent again here.
     *
     * @param carriesPassword whether the write holds a cleartext password: it is sent only if the connection it
     *                        got is encrypted (LDAPS, or upgraded by StartTLS), else nothing is sent and it fails
     *                        with confidentialityRequired. The configuration check refuses such a setup at
     *                        start-up; this holds even if a connection is not what the configuration promised.
     */
    private void writing(String what, boolean carriesPassword, Write write) {
        LDAPConnection connection;
        try {
            connection = pool.getConnection();
        } catch (LDAPException e) {
            throw new DirectoryException(what, e);
        }
        if (carriesPassword && connection.getSSLSession() == null) {
            pool.releaseConnection(connection);
            throw new DirectoryException(what, new LDAPException(new LDAPResult(-1,
                    ResultCode.CONFIDENTIALITY_REQUIRED, CLEARTEXT_PASSWORD
                    + " is written only over LDAPS or StartTLS, and this connection is neither; nothing was sent",
                    null, (String[]) null, (Control[]) null)));
        }
        try {
            run(connection, c -> {
                write.run(c);
                return null;
            });
        } catch (LDAPException e) {
            throw DirectoryException.ofWrite(what, e);
        } finally {
            writesSent.incrementAndGet();
        }
    }

    /** A write kept in {@link #unsent}; refused as the directory would refuse it, as a {@link DirectoryException}. */
    private void withholding(String what, WithheldWrite write) {
        withheld(what, () -> {
            write.run();
            return null;
        });
    }

    private <T> T withheld(String what, Withheld<T> write) {
        try {
            return write.run();
        } catch (LDAPException e) {
            throw new DirectoryException(what, e);
        }
    }

    @FunctionalInterface
    private interface Withheld<T> {
        T run() throws LDAPException;
    }

    @FunctionalInterface
    private interface WithheldWrite {
        void run() throws LDAPException;
    }

    private <T> T onConnection(Operation<T> read) throws LDAPException {
        return run(pool.getConnection(), read);
    }

    /**
     * Runs {@code operation} on {@code connection} and gives the connection back, as defunct when it broke or timed
     * out: a server that did not answer in time may still be working on the request, and a directory that serves a
     * connection's requests one after the other would make the next one wait behind it.
     */
    private <T> T run(LDAPConnection connection, Operation<T> operation) throws LDAPException {
        try {
            T result = operation.run(connection);
            pool.releaseConnection(connection);
            return result;
        } catch (LDAPException e) {
            giveBack(connection, e);
            throw e;
        }
    }

    /** Gives back a connection whose operation failed: to the pool if it is still usable, else closed. */
    private void giveBack(LDAPConnection connection, LDAPException failure) {
        if (failure.getResultCode().isConnectionUsable()) {
            pool.releaseConnection(connection);
        } else {
            // Not releaseDefunctConnection: it connects and binds a replacement before returning, which
            // against a server that accepts connections but answers nothing (hung, SIGSTOPped) costs this
            // request a second response timeout. The pool opens a new connection when one is next needed.
            pool.discardConnection(connection);
        }
    }

    /** A result that means the entry is not in this directory: absent, or held by the server a referral names. */
    static boolean notHere(LDAPException e) {
        return e.getResultCode() == ResultCode.NO_SUCH_OBJECT || e.getResultCode() == ResultCode.REFERRAL;
    }

    @FunctionalInterface
    private interface Operation<T> {
        T run(LDAPConnection connection) throws LDAPException;
    }

    @FunctionalInterface
    private interface Write {
        void run(LDAPConnection connection) throws LDAPException;
    }

    private void addAssertion(com.unboundid.ldap.sdk.UpdatableLDAPRequest request, Filter assertion) {
        if (assertion != null && assertions) {
            request.addControl(new AssertionRequestControl(assertion, true));
        }
    }

    /**
     * The directory's subschema. Read with Active Directory's {@code extendedAttributeInfo} besides the RFC 4512
     * attributes, because only it says which attributes AD fills in itself (see the mapping's schema check);
     * other directories do not have it and return the rest.
     */
    public Schema schema() {
        try {
            return reading(c -> {
                RootDSE root = c.getRootDSE();
                String dn = root == null ? null : root.getSubschemaSubentryDN();
                SearchResultEntry subschema = dn == null ? null : c.getEntry(dn, SUBSCHEMA_ATTRIBUTES);
                return subschema == null ? c.getSchema() : new Schema(subschema);
            });
        } catch (LDAPException e) {
            throw new DirectoryException("reading the schema", e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}

package org.ldapscim.bridge.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ServerSideSortRequestControl;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.controls.SortKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A search read page by page with the simple paged results control (RFC 2696), over several base DNs one
 * after the other. OpenLDAP and others bind the paged-results cookie to the connection that started the
 * search, so the search keeps one connection out of the pool from its first page until {@link #close}: the
 * owner must close it, also when it abandons the search. Not thread-safe: one page at a time.
 */
public final class PagedSearch implements AutoCloseable {
    private final LDAPConnectionPool pool;
    private final List<DN> bases;
    private final Filter filter;
    private final SortKey[] sort;
    private final String[] attributes;
    private final boolean paged;
    private final EntryReads reads;
    private final DirectoryObserver observer;
    private LDAPConnection connection;
    private int base;
    private ASN1OctetString cookie;

    /** @param paged whether the directory offers paged results; without them each base is one search */
    PagedSearch(LDAPConnectionPool pool, boolean paged, EntryReads reads, DirectoryObserver observer, List<DN> bases,
                Filter filter, SortKey[] sort, String... attributes) {
        this.pool = pool;
        this.paged = paged;
        this.reads = reads;
        this.observer = observer;
        this.bases = List.copyOf(bases);
        this.filter = filter;
        this.sort = sort;
        this.attributes = reads.requested(attributes);
    }

    /** Whether every entry has been returned. */
    public boolean exhausted() {
        return base >= bases.size();
    }

    /**
     * The next at most {@code size} entries; fewer when a base DN runs out or the directory's size limit is
     * smaller, empty only once {@link #exhausted}.
     */
    public List<SearchResultEntry> next(int size) {
        List<SearchResultEntry> page = new ArrayList<>();
        while (page.isEmpty() && !exhausted()) {
            page.addAll(nextOfBase(size));
        }
        return page;
    }

    private List<SearchResultEntry> nextOfBase(int size) {
        DN dn = bases.get(base);
        SearchRequest request = new SearchRequest(dn.toString(), SearchScope.SUB, filter, attributes);
        List<Control> controls = new ArrayList<>(reads.controls());
        if (paged) {
            controls.add(new SimplePagedResultsControl(size, cookie, true));
        }
        if (sort != null) {
            controls.add(new ServerSideSortRequestControl(true, sort));
        }
        request.setControls(controls);
        try {
            SearchResult result = search(request);
            SimplePagedResultsControl response = paged ? SimplePagedResultsControl.get(result) : null;
            cookie = response == null || !response.moreResultsToReturn() ? null : response.getCookie();
            if (cookie == null) {
                base++;
            }
            return reads.complete(connection, observer, result.getSearchEntries());
        } catch (LDAPSearchException e) {
            if (DirectoryClient.notHere(e)) {
                cookie = null;
                base++;
                return List.of();
            }
            throw failed(dn, e);
        } catch (LDAPException e) {
            throw failed(dn, e);
        }
    }

    /**
     * The request on this search's connection. A connection that breaks before the search has a cookie is
     * replaced once, and the page asked again there: nothing of this search lives on the server yet. Later pages
     * cannot move, since the cookie belongs to the server that gave it.
     */
    private SearchResult search(SearchRequest request) throws LDAPException {
        if (connection == null) {
            connection = pool.getConnection();
        }
        try {
            return send(request);
        } catch (LDAPException e) {
            if (e.getResultCode() != ResultCode.SERVER_DOWN || cookie != null) {
                throw e;
            }
            pool.discardConnection(connection);
            connection = null;
            connection = pool.getConnection();
            return send(request);
        }
    }

    /**
     * Sends the page request. slapd's sssvlv overlay frees a sorted search's state on the connection only after it
     * has sent the previous page, so a next page sent at once can be answered busy; a sorted page is asked again
     * then (see {@link SortedSearchSender}).
     */
    private SearchResult send(SearchRequest request) throws LDAPSearchException {
        if (sort != null) {
            return SortedSearchSender.send(connection, request, observer);
        }
        observer.searching(request);
        return connection.search(request);
    }

    private DirectoryException failed(DN dn, LDAPException e) {
        if (connection != null && !e.getResultCode().isConnectionUsable()) {
            // As DirectoryClient does: a replacement is opened when needed, not while this request waits.
            pool.discardConnection(connection);
            connection = null;
        }
        base = bases.size();
        return new DirectoryException("searching " + dn, e);
    }

    /** Gives the connection back; a search left half-way is abandoned with it. */
    @Override
    public void close() {
        if (connection != null) {
            if (cookie != null) {
                // RFC 2696 §3: a page size of 0 with the cookie tells the server to drop the search's state.
                abandon();
            }
            pool.releaseConnection(connection);
            connection = null;
        }
        base = bases.size();
    }

    private void abandon() {
        SearchRequest request = new SearchRequest(bases.get(base).toString(), SearchScope.SUB, filter, "1.1");
        request.setControls(new SimplePagedResultsControl(0, cookie, true));
        try {
            connection.search(request);
        } catch (LDAPException e) {
            // The state goes with the connection's next search or its close; nothing is lost.
        }
        cookie = null;
    }
}

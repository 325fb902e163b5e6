package org.ldapscim.bridge.bench;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ServerSideSortRequestControl;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.controls.SortKey;

/**
 * What a plain LDAP client does for a page of users: simple paged results (RFC 2696), which only go forward, so
 * reaching entry N means reading every page before it; and a sorted page, the server-side sort control (RFC 2891)
 * with paged results. All pages of one search go on one connection, which holds the cookie.
 */
final class RawPages {
    static final int PAGE = 100;
    static final String[] USER_ATTRIBUTES = {"*", "entryUUID", "createTimestamp", "modifyTimestamp"};

    private RawPages() {
    }

    /** Reads page after page of {@link #PAGE} until the {@code count} entries from 1-based {@code startIndex}. */
    static void reach(LDAPConnectionPool pool, int startIndex, int count) throws LDAPException {
        int last = startIndex + count - 1;
        LDAPConnection connection = pool.getConnection();
        try {
            ASN1OctetString cookie = null;
            int read = 0;
            while (read < last) {
                SearchResult page = page(connection, cookie, null);
                read += page.getEntryCount();
                cookie = cookie(page);
                if (cookie == null) {
                    break;
                }
            }
            if (read < startIndex) {
                throw new LDAPException(ResultCode.NO_RESULTS_RETURNED, "only " + read + " users before startIndex "
                        + startIndex);
            }
        } catch (LDAPException e) {
            pool.releaseDefunctConnection(connection);
            connection = null;
            throw e;
        } finally {
            if (connection != null) {
                pool.releaseConnection(connection);
            }
        }
    }

    /**
     * The first page of users sorted by {@code key}, on a connection that is closed afterwards (the pool opens and
     * binds another). slapd's sssvlv keeps a sorted result set on the connection until the search's last page or the
     * connection's end; giving the rest up with a page size of 0 did not free it (measured: after 16 to 40 sorted first
     * pages one connection answers every further sorted search busy). The bridge closes its connection after a
     * sorted window for the same reason.
     */
    static void sortedFirstPage(LDAPConnectionPool pool, SortKey key, int expected) throws LDAPException {
        LDAPConnection connection = pool.getConnection();
        try {
            SearchResult page = page(connection, null, new ServerSideSortRequestControl(true, key));
            if (page.getEntryCount() != expected) {
                throw new LDAPException(ResultCode.NO_RESULTS_RETURNED, "a sorted page of " + page.getEntryCount());
            }
        } finally {
            pool.releaseDefunctConnection(connection);
        }
    }

    /** The next page of all users after {@code cookie} (null: the first), sorted when {@code sort} is given. */
    static SearchResult page(LDAPConnection connection, ASN1OctetString cookie, ServerSideSortRequestControl sort)
            throws LDAPException {
        SearchRequest request = new SearchRequest(BenchDirectory.PEOPLE, SearchScope.SUB, BenchDirectory.USER_FILTER,
                USER_ATTRIBUTES);
        request.addControl(new SimplePagedResultsControl(PAGE, cookie, true));
        if (sort != null) {
            request.addControl(sort);
        }
        return connection.search(request);
    }

    /** The cookie of the next page, or null after the last. */
    static ASN1OctetString cookie(SearchResult page) throws LDAPException {
        SimplePagedResultsControl response = SimplePagedResultsControl.get(page);
        if (response == null) {
            throw new LDAPException(ResultCode.CONTROL_NOT_FOUND, "the directory answered a page without its cookie");
        }
        return response.moreResultsToReturn() ? response.getCookie() : null;
    }
}

package org.ldapscim.bridge.testsupport;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedCompareRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedDeleteRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyDNRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Modification;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the bridge asks of the in-memory directory while a test records: every search with its base, filter and
 * requested attributes, the number of entries the searches return, every modify with its modifications, and the
 * other writes by kind. Tests assert on it to
 * show what an HTTP request costs in LDAP operations. Recording starts with {@link #record()}; a reset of
 * {@link BridgeUnderTest} stops it. Thread-safe: the server calls it from its connection threads.
 *
 * <pre>{@code
 * bridge.traffic().record();
 * bridge.get("/Groups/" + id + "?excludedAttributes=members");
 * assertTrue(bridge.traffic().searches().stream().noneMatch(s -> s.requests("member")));
 * }</pre>
 */
public final class DirectoryTraffic extends InMemoryOperationInterceptor {
    /** A search as the directory received it. */
    public record Search(String base, String filter, List<String> attributes) {
        /**
         * Whether the search returns {@code attribute} in its entries: named, or implied by {@code *} or by no
         * list at all (RFC 4511 §4.5.1.8).
         */
        public boolean requests(String attribute) {
            return attributes.isEmpty() || attributes.contains("*")
                    || attributes.stream().anyMatch(attribute::equalsIgnoreCase);
        }
    }

    /** A modify as the directory received it. */
    public record Modify(String dn, List<Modification> modifications) {
    }

    private final List<Search> searches = new CopyOnWriteArrayList<>();
    private final List<Modify> modifies = new CopyOnWriteArrayList<>();
    private final List<String> otherOperations = new CopyOnWriteArrayList<>();
    private final AtomicInteger entriesReturned = new AtomicInteger();
    private volatile boolean recording;

    /** Forgets what was recorded and records from now on. */
    public void record() {
        clear();
        recording = true;
    }

    void stop() {
        recording = false;
        clear();
    }

    private void clear() {
        searches.clear();
        modifies.clear();
        otherOperations.clear();
        entriesReturned.set(0);
    }

    public List<Search> searches() {
        return List.copyOf(searches);
    }

    public List<Modify> modifies() {
        return List.copyOf(modifies);
    }

    /** Search result entries sent to the bridge since {@link #record()}. */
    public int entriesReturned() {
        return entriesReturned.get();
    }

    /** Adds, deletes, renames and compares, as {@code "add <dn>"} and so on. */
    public List<String> otherOperations() {
        return List.copyOf(otherOperations);
    }

    @Override
    public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
        if (recording) {
            var search = request.getRequest();
            searches.add(new Search(search.getBaseDN(), search.getFilter().toString(), search.getAttributeList()));
        }
    }

    @Override
    public void processSearchEntry(InMemoryInterceptedSearchEntry entry) {
        if (recording) {
            entriesReturned.incrementAndGet();
        }
    }

    @Override
    public void processModifyRequest(InMemoryInterceptedModifyRequest request) {
        if (recording) {
            modifies.add(new Modify(request.getRequest().getDN(), request.getRequest().getModifications()));
        }
    }

    @Override
    public void processAddRequest(InMemoryInterceptedAddRequest request) {
        if (recording) {
            otherOperations.add("add " + request.getRequest().getDN());
        }
    }

    @Override
    public void processDeleteRequest(InMemoryInterceptedDeleteRequest request) {
        if (recording) {
            otherOperations.add("delete " + request.getRequest().getDN());
        }
    }

    @Override
    public void processModifyDNRequest(InMemoryInterceptedModifyDNRequest request) {
        if (recording) {
            otherOperations.add("rename " + request.getRequest().getDN());
        }
    }

    @Override
    public void processCompareRequest(InMemoryInterceptedCompareRequest request) {
        if (recording) {
            otherOperations.add("compare " + request.getRequest().getDN() + " " + request.getRequest().getAttributeName());
        }
    }
}

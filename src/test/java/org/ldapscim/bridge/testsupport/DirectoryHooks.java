package org.ldapscim.bridge.testsupport;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Entry;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Sees every operation the in-memory directory of {@link BridgeUnderTest} performs: counts searches and the
 * entries they return, and runs a one-shot hook just before the next modify is processed, so a test can
 * change an entry between the bridge's read and its write; can hide controls from the root DSE, so the bridge
 * takes the directory for one without them. Thread-safe.
 */
public final class DirectoryTap extends InMemoryOperationInterceptor {
    private final AtomicInteger searches = new AtomicInteger();
    private final AtomicInteger entriesReturned = new AtomicInteger();
    private final AtomicReference<Consumer<InMemoryInterceptedModifyRequest>> beforeNextModify = new AtomicReference<>();
    private final Set<String> hiddenControls;

    /** @param hiddenControls control OIDs the root DSE does not advertise, to stand in for a plainer directory */
    DirectoryTap(String... hiddenControls) {
        this.hiddenControls = Set.of(hiddenControls);
    }

    @Override
    public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
        searches.incrementAndGet();
    }

    @Override
    public void processSearchEntry(InMemoryInterceptedSearchEntry entry) {
        entriesReturned.incrementAndGet();
        if (!hiddenControls.isEmpty() && entry.getSearchEntry().getDN().isEmpty()) {
            Entry rootDse = entry.getSearchEntry().duplicate();
            for (String oid : hiddenControls) {
                rootDse.removeAttributeValue("supportedControl", oid);
            }
            entry.setSearchEntry(rootDse);
        }
    }

    @Override
    public void processModifyRequest(InMemoryInterceptedModifyRequest request) {
        Consumer<InMemoryInterceptedModifyRequest> hook = beforeNextModify.getAndSet(null);
        if (hook != null) {
            hook.accept(request);
        }
    }

    /** Runs {@code hook} once, before the directory processes the next modify request it receives. */
    public void beforeNextModify(Consumer<InMemoryInterceptedModifyRequest> hook) {
        beforeNextModify.set(hook);
    }

    public int searches() {
        return searches.get();
    }

    /** Search result entries sent to clients since the last {@link #reset}. */
    public int entriesReturned() {
        return entriesReturned.get();
    }

    void reset() {
        searches.set(0);
        entriesReturned.set(0);
        beforeNextModify.set(null);
    }
}

package org.ldapscim.bridge.testsupport;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Entry;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Changes what the in-memory directory of {@link BridgeUnderTest} does, where {@link DirectoryTraffic} only
 * watches: runs a one-shot hook just before the next modify is processed, so a test can change an entry between
 * the bridge's read and its write, and can hide controls from the root DSE, so the bridge takes the directory for
 * one without them. Thread-safe.
 */
public final class DirectoryHooks extends InMemoryOperationInterceptor {
    private final AtomicReference<Consumer<InMemoryInterceptedModifyRequest>> beforeNextModify = new AtomicReference<>();
    private final Set<String> hiddenControls;

    /** @param hiddenControls control OIDs the root DSE does not advertise, to stand in for a plainer directory */
    DirectoryHooks(String... hiddenControls) {
        this.hiddenControls = Set.of(hiddenControls);
    }

    @Override
    public void processSearchEntry(InMemoryInterceptedSearchEntry entry) {
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

    void reset() {
        beforeNextModify.set(null);
    }
}

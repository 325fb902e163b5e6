package org.ldapscim.bridge.testsupport;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes an in-memory directory slow on purpose: holds adds, modifies and searches (other than of the root DSE,
 * which the bridge reads at start-up) back for as many milliseconds as a test sets, so that the bridge gives up
 * waiting before the operation lands. Thread-safe.
 */
public final class DirectoryDelays extends InMemoryOperationInterceptor {
    public final AtomicLong adds = new AtomicLong();
    public final AtomicLong modifies = new AtomicLong();
    public final AtomicLong searches = new AtomicLong();

    @Override
    public void processAddRequest(InMemoryInterceptedAddRequest request) {
        pause(adds.get());
    }

    @Override
    public void processModifyRequest(InMemoryInterceptedModifyRequest request) {
        pause(modifies.get());
    }

    @Override
    public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
        if (!request.getRequest().getBaseDN().isEmpty()) {
            pause(searches.get());
        }
    }

    /** Makes every operation quick again. */
    public void none() {
        adds.set(0);
        modifies.set(0);
        searches.set(0);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.ldapscim.bridge.testsupport;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the in-memory directory answer {@code member} as Active Directory does above its MaxValRange: a plain
 * request gets the first {@code maxValRange} values as {@code member;range=0-(max-1)}, and a request for
 * {@code member;range=low-high} or {@code low-*} gets that part, named with the range it holds ({@code *} when it
 * reaches the last value). The in-memory server itself ignores range options. Give it the server with
 * {@link #serve} after the server starts; until then it changes nothing.
 */
public final class ActiveDirectoryValueRanges extends InMemoryOperationInterceptor {
    private final int maxValRange;
    private final AtomicInteger rangedRequests = new AtomicInteger();
    private volatile InMemoryDirectoryServer server;

    public ActiveDirectoryValueRanges(int maxValRange) {
        this.maxValRange = maxValRange;
    }

    public void serve(InMemoryDirectoryServer server) {
        this.server = server;
    }

    /** Searches that asked for {@code member;range=...} explicitly. */
    public int rangedRequests() {
        return rangedRequests.get();
    }

    @Override
    public void processSearchEntry(InMemoryInterceptedSearchEntry intercepted) {
        List<String> requested = intercepted.getRequest().getAttributeList();
        String asked = requested.stream().filter(a -> a.toLowerCase().startsWith("member;range=")).findFirst().orElse(null);
        boolean plain = requested.stream().anyMatch(a -> a.equalsIgnoreCase("member"));
        if (server == null || asked == null && !plain) {
            return;
        }
        Entry stored;
        try {
            stored = server.getEntry(intercepted.getSearchEntry().getDN());
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
        String[] values = stored == null ? null : stored.getAttributeValues("member");
        if (values == null) {
            return;
        }
        int low = 0;
        int high = maxValRange - 1;
        if (asked != null) {
            rangedRequests.incrementAndGet();
            String[] bounds = asked.substring("member;range=".length()).split("-", 2);
            low = Integer.parseInt(bounds[0]);
            high = bounds[1].equals("*") ? low + maxValRange - 1 : Math.min(Integer.parseInt(bounds[1]), low + maxValRange - 1);
        } else if (values.length <= maxValRange) {
            return;
        }
        Entry answer = intercepted.getSearchEntry().duplicate();
        answer.removeAttribute("member");
        if (low < values.length) {
            int end = Math.min(high, values.length - 1);
            String range = low + "-" + (end == values.length - 1 ? "*" : String.valueOf(end));
            answer.addAttribute(new Attribute("member;range=" + range, Arrays.copyOfRange(values, low, end + 1)));
        }
        intercepted.setSearchEntry(answer);
    }
}

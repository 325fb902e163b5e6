package org.ldapscim.bridge.ldap;

import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.List;

/**
 * One window of a sorted result set read with the virtual list view control (draft-ietf-ldapext-ldapv3-vlv):
 * how many entries match in all, and the entries of the window.
 */
public record SearchWindow(int contentCount, List<SearchResultEntry> entries) {

    public SearchWindow {
        entries = List.copyOf(entries);
    }
}

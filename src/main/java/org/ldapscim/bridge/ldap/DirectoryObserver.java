package org.ldapscim.bridge.ldap;

import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.SearchRequest;

/**
 * Sees each search and modify the bridge sends, as it sends it, on the sending thread: a way to count what a
 * SCIM request costs in directory operations against a real server, where no interceptor can watch.
 */
public interface DirectoryObserver {
    DirectoryObserver NONE = new DirectoryObserver() {
    };

    default void searching(SearchRequest request) {
    }

    default void modifying(ModifyRequest request) {
    }
}

package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.controls.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.DirectoryConnector;
import org.ldapscim.bridge.ldap.SearchWindow;
import org.ldapscim.bridge.testsupport.OpenLdapServer;
import org.ldapscim.bridge.testsupport.ScriptedDirectoryServer;

/**
 * Windows of a sorted result set (server-side sort and virtual list view) read from a real slapd, whose sssvlv
 * overlay keeps a window's sorted list on its connection until that connection closes, and answers busy once a
 * connection holds {@code olcSssVlvMaxPerConn} of them or all connections {@code olcSssVlvMax}.
 */
class SlapdSortedWindowsIT {
    @RegisterExtension
    static final OpenLdapServer slapd = new OpenLdapServer(120);

    private static final DN PEOPLE = dn(ScriptedDirectoryServer.PEOPLE);
    private static final SortKey[] BY_UID = {new SortKey("uid")};
    private static final Filter PERSONS = Filter.createEqualityFilter("objectClass", "inetOrgPerson");

    @Test
    void manyWindowsOnOneConnectionAreAllServed() throws Exception {
        try (DirectoryClient directory = DirectoryConnector.connect(slapd.ldapConfig(1))) {
            for (int read = 0; read < 100; read++) {
                SearchWindow window = directory.window(PEOPLE, PERSONS, BY_UID, 1 + read, 5, "uid");
                assertEquals(120, window.contentCount());
                assertEquals(5, window.entries().size());
                assertEquals(ScriptedDirectoryServer.PEOPLE, window.entries().get(0).getParentDNString());
            }
        }
    }

    @Test
    void concurrentWindowsOverASmallPoolAreAllServedInOrder() throws Exception {
        try (DirectoryClient directory = DirectoryConnector.connect(slapd.ldapConfig(3))) {
            ExecutorService readers = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<String>>> reads = new ArrayList<>();
                for (int read = 0; read < 200; read++) {
                    int offset = 1 + read % 100;
                    reads.add(readers.submit(() -> directory.window(PEOPLE, PERSONS, BY_UID, offset, 10, "uid")
                            .entries().stream().map(e -> e.getAttributeValue("uid")).toList()));
                }
                for (Future<List<String>> read : reads) {
                    List<String> uids = read.get();
                    assertEquals(10, uids.size());
                    for (int i = 1; i < uids.size(); i++) {
                        assertTrue(uids.get(i - 1).compareTo(uids.get(i)) < 0, uids.toString());
                    }
                }
            } finally {
                readers.shutdownNow();
            }
        }
    }

    private static DN dn(String text) {
        try {
            return new DN(text);
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new IllegalStateException(e);
        }
    }
}

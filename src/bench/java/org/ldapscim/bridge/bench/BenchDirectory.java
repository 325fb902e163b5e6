package org.ldapscim.bridge.bench;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ServerSideSortRequestControl;
import com.unboundid.ldap.sdk.controls.SortKey;
import com.unboundid.ldap.sdk.controls.VirtualListViewRequestControl;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.testsupport.OpenLdapServer;
import org.ldapscim.bridge.testsupport.ScriptedDirectoryServer;

/**
 * The directory a run measures against, seeded with {@code users} users {@code seed00001 ..} (the shape the test
 * support's slapd seeds): the UnboundID in-memory server in this process, or a real slapd the shared start script
 * makes, with the equality indexes the bridge's mappings filter by.
 */
abstract class BenchDirectory implements AutoCloseable {
    static final String PEOPLE = ScriptedDirectoryServer.PEOPLE;
    static final String GROUPS = ScriptedDirectoryServer.GROUPS;
    static final String USER_FILTER = "(objectClass=inetOrgPerson)";

    /** Starts and seeds the directory {@code kind} names: {@code inmemory} or {@code slapd}. */
    static BenchDirectory start(String kind, int users) throws Exception {
        return switch (kind) {
            case "inmemory" -> InMemory.start(users);
            case "slapd" -> Slapd.start(users);
            default -> throw new IllegalArgumentException("bench.directory is inmemory or slapd, not " + kind);
        };
    }

    /** The folder under {@code config/} whose mappings the bridge serves. */
    abstract String preset();

    abstract String url();

    /** The {@code ldap} lines of bridge.yaml that bind the bridge as the raw client binds. */
    abstract List<String> bindLines();

    /** A connection bound as the raw client binds: anonymous on the in-memory server, the root DN on slapd. */
    abstract LDAPConnection connect() throws LDAPException;

    /** The process id of a directory in a process of its own, or 0 when it runs in this one. */
    abstract long pid();

    /** What a reader of the figures should know of this directory's set-up, one sentence each. */
    abstract List<String> notes();

    /** The server-side sort key of userName (uid) as the bridge sends it to this directory. */
    abstract SortKey userNameSortKey();

    /** A pool of {@code size} connections as {@link #connect} makes them, the raw client of every scenario. */
    LDAPConnectionPool pool(int size) throws LDAPException {
        return new LDAPConnectionPool(connect(), size);
    }

    /** The seeded users, in the order of their number: uid, DN and entryUUID. */
    static List<User> users(LDAPConnectionPool pool) throws LDAPException {
        SearchResult result = pool.search(new SearchRequest(PEOPLE, SearchScope.ONE, USER_FILTER, "uid",
                "entryUUID"));
        List<User> users = new ArrayList<>();
        for (SearchResultEntry entry : result.getSearchEntries()) {
            String uid = entry.getAttributeValue("uid");
            if (uid.startsWith("seed")) {
                users.add(new User(uid, entry.getDN(), entry.getAttributeValue("entryUUID")));
            }
        }
        users.sort((a, b) -> a.uid().compareTo(b.uid()));
        return users;
    }

    record User(String uid, String dn, String id) {
    }

    /** The seeded entry of user number {@code n} (from 1), as the test support's slapd seeds it. */
    static Entry seededUser(int n) {
        String uid = String.format("seed%05d", n);
        return new Entry("uid=" + uid + "," + PEOPLE,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson",
                        "scimBridgeAux"),
                new Attribute("uid", uid), new Attribute("cn", "Seed " + n), new Attribute("sn", "Seed" + n),
                new Attribute("mail", uid + "@example.com"), new Attribute("scimExternalId", "seed-ext-" + n));
    }

    /** The UnboundID in-memory server, in this process, with the shipped schemas and the demo mappings. */
    private static final class InMemory extends BenchDirectory {
        private final InMemoryDirectory directory;

        private InMemory(InMemoryDirectory directory) {
            this.directory = directory;
        }

        static InMemory start(int users) throws LDAPException {
            InMemoryDirectory directory = InMemoryDirectory.start(ScriptedDirectoryServer.SUFFIX, 0);
            var server = directory.server();
            server.add(new Entry(ScriptedDirectoryServer.SUFFIX, new Attribute("objectClass", "top", "domain"),
                    new Attribute("dc", "example")));
            server.add(new Entry(PEOPLE, new Attribute("objectClass", "top", "organizationalUnit"),
                    new Attribute("ou", "people")));
            server.add(new Entry(GROUPS, new Attribute("objectClass", "top", "organizationalUnit"),
                    new Attribute("ou", "groups")));
            server.add(new Entry(OpenLdapServer.PLACEHOLDER, new Attribute("objectClass", "top", "applicationProcess"),
                    new Attribute("cn", "empty-group-placeholder")));
            for (int n = 1; n <= users; n++) {
                server.add(seededUser(n));
            }
            return new InMemory(directory);
        }

        @Override
        String preset() {
            return "demo";
        }

        @Override
        String url() {
            return directory.url();
        }

        @Override
        List<String> bindLines() {
            return List.of();
        }

        @Override
        LDAPConnection connect() throws LDAPException {
            URI uri = URI.create(url());
            return new LDAPConnection(uri.getHost(), uri.getPort());
        }

        @Override
        long pid() {
            return 0;
        }

        @Override
        SortKey userNameSortKey() {
            return new SortKey("uid");
        }

        @Override
        List<String> notes() {
            return List.of("The in-memory directory runs in the harness's JVM, beside the load client: both sides"
                    + " share its CPU.");
        }

        @Override
        public void close() {
            directory.close();
        }
    }

    /** A real slapd (back-mdb) made by {@code ../shared/directories/start-openldap.sh}, stopped and purged on close. */
    private static final class Slapd extends BenchDirectory {
        private static final String CASE_IGNORE_ORDERING = "2.5.13.3";
        private final OpenLdapServer server;
        private final List<String> notes = new ArrayList<>();

        private Slapd(OpenLdapServer server) {
            this.server = server;
        }

        static Slapd start(int users) throws Exception {
            OpenLdapServer server = new OpenLdapServer(0);
            server.beforeAll(null);
            Slapd slapd = new Slapd(server);
            try (LDAPConnectionPool pool = slapd.pool(ParallelWrites.THREADS)) {
                List<String> added = SlapdIndexes.ensure(server, server.bindPassword());
                if (!added.isEmpty()) {
                    slapd.notes.add("The start script's slapd has no eq index on " + String.join(", ", added)
                            + ", which the openldap mappings filter by: the harness adds it through cn=config.");
                }
                if (!sorts(pool)) {
                    slapd.notes.add("This slapd announces no server-side sort (no sssvlv overlay): the bridge"
                            + " sorts and windows pages itself, and the raw sorted page fails.");
                }
                ParallelWrites.run(users, i -> pool.add(seededUser(i + 1)));
            } catch (RuntimeException | LDAPException e) {
                slapd.close();
                throw e;
            }
            return slapd;
        }

        private static boolean sorts(LDAPConnectionPool pool) throws LDAPException {
            RootDSE root = pool.getRootDSE();
            return root != null && root.supportsControl(ServerSideSortRequestControl.SERVER_SIDE_SORT_REQUEST_OID)
                    && root.supportsControl(VirtualListViewRequestControl.VIRTUAL_LIST_VIEW_REQUEST_OID);
        }

        @Override
        List<String> notes() {
            return notes;
        }

        /** slapd's uid has no ORDERING: a sort key names caseIgnoreOrderingMatch, as the bridge's does. */
        @Override
        SortKey userNameSortKey() {
            return new SortKey("uid", CASE_IGNORE_ORDERING, false);
        }

        @Override
        String preset() {
            return "openldap";
        }

        @Override
        String url() {
            return server.url();
        }

        @Override
        List<String> bindLines() {
            return List.of("bindDn: \"" + server.bindDn() + "\"", "bindPassword: \"" + server.bindPassword() + "\"");
        }

        @Override
        LDAPConnection connect() throws LDAPException {
            return server.connect();
        }

        @Override
        long pid() {
            return server.pid();
        }

        @Override
        public void close() throws Exception {
            server.afterAll(null);
        }
    }
}

package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedDeleteRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.cli.Assembly;
import org.ldapscim.bridge.cli.BackgroundJobs;
import org.ldapscim.bridge.config.ConfigLoader;
import org.ldapscim.bridge.config.JournalConfig;
import org.ldapscim.bridge.config.ResourceMappingConfig;
import org.ldapscim.bridge.journal.JournalDatabase;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.DirectoryConnector;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.service.Purger;
import org.ldapscim.bridge.testsupport.DeprovisionRows;
import org.ldapscim.bridge.testsupport.Eventually;
import org.ldapscim.bridge.testsupport.OpenLdapServer;
import org.ldapscim.bridge.testsupport.TestJournalDatabase;

/**
 * Two bridge instances, each with its own journal pool and directory connections, share one MariaDB journal and
 * one directory, as a pair behind a load balancer does: the purger runs on one of them, each due account is
 * deleted exactly once and journaled by exactly one {@code PURGE}, and when that instance stops the other takes
 * the purger over.
 */
class PurgeOnTwoInstancesIT {
    private static final String PEOPLE = "ou=people,dc=example,dc=com";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JournalConfig EVERY_SECOND = new JournalConfig(null, null, null, null, null, 1, null);

    @RegisterExtension
    static final OpenLdapServer slapd = new OpenLdapServer(0);

    @Test
    void inMemoryDirectory() throws Exception {
        ConcurrentLinkedQueue<String> deletes = new ConcurrentLinkedQueue<>();
        InMemoryDirectory directory = InMemoryDirectory.start(InMemoryDirectory.DEMO_SUFFIX, 0,
                new InMemoryOperationInterceptor() {
                    @Override
                    public void processDeleteRequest(InMemoryInterceptedDeleteRequest request) {
                        deletes.add(request.getRequest().getDN());
                    }
                });
        try (directory) {
            directory.importResource(InMemoryDirectory.DEMO_LDIF,
                    entry -> !entry.hasObjectClass("inetOrgPerson") && !entry.hasObjectClass("groupOfNames"));
            purgeOnTwoInstances(() -> directory.client(2), Assembly::demoMappings, () -> {
                try {
                    return directory.server().getConnection();
                } catch (LDAPException e) {
                    throw new IllegalStateException(e);
                }
            }, deletes);
        }
    }

    @Test
    void slapd() throws Exception {
        List<ResourceMappingConfig> configs = List.of("users.yaml", "groups.yaml").stream()
                .map(file -> ConfigLoader.readMapping(OpenLdapServer.projectDir().resolve("config/openldap").resolve(file)))
                .toList();
        purgeOnTwoInstances(() -> DirectoryConnector.connect(slapd.ldapConfig(2)), () -> {
            try (DirectoryClient schemaReader = DirectoryConnector.connect(slapd.ldapConfig(1))) {
                return Assembly.mappings(configs, List.of("users.yaml", "groups.yaml"), schemaReader.schema());
            }
        }, () -> {
            try {
                return slapd.connect();
            } catch (LDAPException e) {
                throw new IllegalStateException(e);
            }
        }, null);
    }

    /**
     * @param deletes the DNs of the delete requests the directory received, or null when it cannot tell: then the
     *                journal's one {@code PURGE} per account, none of them finding the entry gone, shows it
     */
    private void purgeOnTwoInstances(Supplier<DirectoryClient> directories, Supplier<List<ResourceMapping>> mappings,
                                     Supplier<LDAPConnection> admin, Collection<String> deletes) throws LDAPException {
        try (TestJournalDatabase database = TestJournalDatabase.create();
             JournalDatabase journal = JournalDatabase.open(database.settings());
             LDAPConnection directory = admin.get();
             DirectoryClient directoryOfA = directories.get();
             DirectoryClient directoryOfB = directories.get()) {
            DeprovisionRows rows = new DeprovisionRows(database.settings());
            Instant now = Instant.now();
            Map<String, Long> due = offboard(directory, rows, "due", 12, now.minus(1, ChronoUnit.HOURS));
            Map<String, Long> notYet = offboard(directory, rows, "notyet", 3, now.plus(1, ChronoUnit.DAYS));
            List<ResourceMapping> mapped = mappings.get();

            BackgroundJobs a = BackgroundJobs.start(EVERY_SECOND, database.settings(), mapped, directoryOfA, null, null);
            BackgroundJobs b = BackgroundJobs.start(EVERY_SECOND, database.settings(), mapped, directoryOfB, null, null);
            try {
                awaitPurged(rows, due.values());
                assertTrue(a.leads(BackgroundJobs.PURGER) != b.leads(BackgroundJobs.PURGER),
                        "exactly one instance runs the purger");
                assertPurgedOnce(journal, directory, due, deletes);
                for (Map.Entry<String, Long> account : notYet.entrySet()) {
                    assertNotNull(directory.getEntry(account.getKey()), "within its grace period: " + account.getKey());
                    assertEquals("DEPROVISIONED", rows.row(account.getValue()).state());
                }

                BackgroundJobs leader = a.leads(BackgroundJobs.PURGER) ? a : b;
                BackgroundJobs other = leader == a ? b : a;
                leader.close();
                Map<String, Long> dueLater = offboard(directory, rows, "later", 5, Instant.now().minusSeconds(1));
                awaitPurged(rows, dueLater.values());

                assertTrue(other.leads(BackgroundJobs.PURGER), "the other instance took the purger over");
                Map<String, Long> all = new LinkedHashMap<>(due);
                all.putAll(dueLater);
                assertPurgedOnce(journal, directory, all, deletes);
                assertEquals(3, notYet.keySet().stream().filter(dn -> exists(directory, dn)).count());
            } finally {
                a.close();
                b.close();
            }
        }
    }

    /** Adds {@code count} users and an offboarding record for each that ends its grace period at {@code purgeAfter}. */
    private static Map<String, Long> offboard(LDAPConnection directory, DeprovisionRows rows, String prefix, int count,
                                              Instant purgeAfter) throws LDAPException {
        Map<String, Long> records = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String uid = "purge." + prefix + "." + i;
            String dn = "uid=" + uid + "," + PEOPLE;
            directory.add(new Entry(dn,
                    new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                    new Attribute("uid", uid), new Attribute("cn", uid), new Attribute("sn", uid),
                    new Attribute("userPassword", "Offboarded-" + i + "-pw")));
            String id = directory.getEntry(dn, "entryUUID").getAttributeValue("entryUUID");
            records.put(dn, rows.insert("DEPROVISIONED", "User", id, dn, purgeAfter));
        }
        return records;
    }

    private static void awaitPurged(DeprovisionRows rows, Collection<Long> records) {
        Eventually.until(PATIENCE, records.size() + " accounts purged",
                () -> records.stream().allMatch(id -> rows.row(id).state().equals("PURGED")));
    }

    private static void assertPurgedOnce(JournalDatabase journal, LDAPConnection directory, Map<String, Long> accounts,
                                         Collection<String> deletes) {
        List<JournalEntry> purges = journal.store().find(new JournalQuery(1000, null, Purger.CLIENT, Operation.PURGE,
                null, null));
        Map<String, List<JournalEntry>> byDn = purges.stream().collect(Collectors.groupingBy(JournalEntry::dn));
        assertEquals(accounts.keySet(), byDn.keySet());
        for (String dn : accounts.keySet()) {
            List<JournalEntry> ofAccount = byDn.get(dn);
            assertEquals(1, ofAccount.size(), "one PURGE of " + dn);
            assertEquals(Outcome.SUCCEEDED, ofAccount.get(0).outcome());
            assertNull(ofAccount.get(0).detail(), "the purge that deleted it, not one that found it gone");
            assertEquals("[\"<secret changed>\"]", ofAccount.get(0).changes().at("/userPassword/before").toString());
            assertNull(entry(directory, dn), dn + " is gone");
        }
        if (deletes != null) {
            List<String> sent = new ArrayList<>(deletes);
            assertEquals(accounts.size(), sent.size(), "one delete request per account: " + sent);
            assertEquals(accounts.keySet(), Set.copyOf(sent));
        }
    }

    private static boolean exists(LDAPConnection directory, String dn) {
        return entry(directory, dn) != null;
    }

    private static Entry entry(LDAPConnection directory, String dn) {
        try {
            return directory.getEntry(dn);
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }
}

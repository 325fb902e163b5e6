package org.ldapscim.bridge.cli;

import com.unboundid.ldap.sdk.schema.Schema;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.ldapscim.bridge.auth.BearerAuthenticator;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.journal.JournalDatabase;
import org.ldapscim.bridge.journal.JournalException;
import org.ldapscim.bridge.journal.JournalSettings;
import org.ldapscim.bridge.config.ConfigLoader;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.LimitsConfig;
import org.ldapscim.bridge.config.ResourceMappingConfig;
import org.ldapscim.bridge.config.ServerConfig;
import org.ldapscim.bridge.http.ClientProfiles;
import org.ldapscim.bridge.http.ScimServer;
import org.ldapscim.bridge.http.WatchEndpoints;
import org.ldapscim.bridge.journal.DeprovisionRecords;
import org.ldapscim.bridge.metrics.BridgeMetrics;
import org.ldapscim.bridge.service.Readiness;
import org.ldapscim.bridge.journal.JournalStore;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.ShippedSchemas;
import org.ldapscim.bridge.mapping.AttributeMapper;
import org.ldapscim.bridge.mapping.DeprovisionStep;
import org.ldapscim.bridge.mapping.MappingCompiler;
import org.ldapscim.bridge.mapping.MappingSchemaCheck;
import org.ldapscim.bridge.mapping.PasswordMapper;
import org.ldapscim.bridge.mapping.ReferenceMapper;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.scim.RequestLimits;
import org.ldapscim.bridge.config.WatchConfig;
import org.ldapscim.bridge.service.DirectoryWatcher;
import org.ldapscim.bridge.service.Discovery;
import org.ldapscim.bridge.service.IntentReconciler;
import org.ldapscim.bridge.service.ResourceService;

/**
 * Wires mappings, directory, journal and HTTP into a running bridge. Public so that the end-to-end tests
 * start the bridge exactly as {@code demo} and {@code serve} do, not through a copy of this wiring.
 */
public final class Assembly {

    private Assembly() {
    }

    /** The demo's mappings, read from the jar and checked against the shipped schemas. */
    public static List<ResourceMapping> demoMappings() {
        List<ResourceMappingConfig> configs = DemoCommand.MAPPINGS.stream().map(ConfigLoader::readMapping).toList();
        return mappings(configs, DemoCommand.MAPPINGS, ShippedSchemas.load());
    }

    /** Compiles and checks the mappings against the directory's schema. */
    public static List<ResourceMapping> mappings(List<ResourceMappingConfig> configs, List<String> labels, Schema schema) {
        List<ResourceMapping> mappings = MappingCompiler.compile(configs, labels);
        if (schema != null) {
            MappingSchemaCheck.check(mappings, labels, schema);
        }
        return mappings;
    }

    /**
     * A mapping that writes Active Directory's {@code unicodePwd} sends the password itself, so every directory
     * connection must be encrypted: {@code ldaps://} URLs, or {@code ldap://} with StartTLS. (Samba with
     * "ldap server require strong auth = no" would take it in clear text; AD refuses it.)
     */
    public static void requireEncryptedPasswordWrites(List<ResourceMapping> mappings, List<String> labels,
                                                      LdapConfig ldap) {
        if (ldap == null || ldap.tls().startTls()) {
            return;
        }
        for (int i = 0; i < mappings.size(); i++) {
            for (AttributeMapper mapper : mappings.get(i).mappers()) {
                if (!(mapper instanceof PasswordMapper password) || !password.unicodePwd()) {
                    continue;
                }
                for (int u = 0; u < ldap.urls().size(); u++) {
                    if (!ldap.urls().get(u).regionMatches(true, 0, "ldaps:", 0, 6)) {
                        throw new ConfigException("ldap.urls[" + u + "]", labels.get(i) + " writes " + mapper.path()
                                + " as unicodePwd, which would cross this plain ldap:// connection unencrypted",
                                "use ldaps:// URLs, or set ldap.tls.startTls: true");
                    }
                }
            }
        }
    }

    /** Every base DN, and each placeholder member, must exist in the directory the bridge talks to. */
    static void requireEntriesExist(List<ResourceMapping> mappings, List<String> labels, DirectoryClient directory) {
        for (int i = 0; i < mappings.size(); i++) {
            for (var base : mappings.get(i).baseDns()) {
                if (directory.read(base, "1.1") == null) {
                    throw new ConfigException(labels.get(i) + ": baseDns", base + " does not exist in the directory",
                            "check the DN, or create the entry first");
                }
            }
            var placeholder = mappings.get(i).placeholderMember();
            if (placeholder != null && directory.read(placeholder, "1.1") == null) {
                throw new ConfigException(labels.get(i) + ": placeholderMember", placeholder
                        + " does not exist in the directory, so emptying a group would leave a dangling member",
                        "create the entry first");
            }
        }
    }

    /**
     * Each client's deprovisioning policy must be one its resource type defines, and every quarantine OU of a policy
     * in use (a client's or a default) must exist, or the first offboarding would fail half-way. Without a
     * directory only the names are checked.
     */
    public static void requireDeprovisionPolicies(List<ResourceMapping> mappings, List<String> labels,
                                                  List<ClientConfig> clients, DirectoryClient directory) {
        Map<ResourceMapping, Set<String>> inUse = new HashMap<>();
        for (ResourceMapping mapping : mappings) {
            Set<String> names = new HashSet<>();
            if (mapping.deprovision().defaultPolicy() != null) {
                names.add(mapping.deprovision().defaultPolicy());
            }
            inUse.put(mapping, names);
        }
        for (int c = 0; c < clients.size(); c++) {
            for (var chosen : clients.get(c).deprovision().entrySet()) {
                String key = "auth.clients[" + c + "].deprovision." + chosen.getKey();
                ResourceMapping mapping = mappings.stream().filter(m -> m.name().equals(chosen.getKey())).findFirst()
                        .orElseThrow(() -> new ConfigException(key, "no mapping serves resource type " + chosen.getKey(),
                                "key the policies by a mapped resource type, e.g. User"));
                if (mapping.deprovision().named(chosen.getValue()) == null) {
                    throw new ConfigException(key, "names no policy " + chosen.getValue() + " of " + chosen.getKey()
                            + "s", "policies: " + mapping.deprovision().policies().keySet());
                }
                inUse.get(mapping).add(chosen.getValue());
            }
        }
        if (directory == null) {
            return;
        }
        for (int i = 0; i < mappings.size(); i++) {
            ResourceMapping mapping = mappings.get(i);
            for (String name : inUse.get(mapping)) {
                var policy = mapping.deprovision().named(name);
                for (var step : Stream.concat(policy.onDelete().stream(), policy.onDeactivate().stream())
                        .toList()) {
                    if (step instanceof DeprovisionStep.MoveTo move
                            && directory.read(move.parent(), "1.1") == null) {
                        throw new ConfigException(labels.get(i) + ": deprovision.policies." + name, "the quarantine OU "
                                + move.parent() + " does not exist in the directory", "create it first");
                    }
                }
            }
        }
    }

    /** The use cases over the directory and journal, each client following its deprovisioning policies. */
    static List<ResourceService> services(ServerConfig server, List<ResourceMapping> mappings, DirectoryClient directory,
                                          JournalStore journal, List<ClientConfig> clients) {
        requireDeprovisionPolicies(mappings, mappings.stream().map(ResourceMapping::name).toList(), clients, null);
        return ResourceService.forMappings(mappings, directory, journal, clientPolicies(clients), server.maxResults(),
                requestLimits(server.limits()));
    }

    private static RequestLimits requestLimits(LimitsConfig limits) {
        return new RequestLimits(limits.maxFilterLength(), limits.maxFilterDepth(), limits.maxFilterClauses(),
                limits.maxPathLength());
    }

    /** Client name to resource type to the deprovisioning policy it chose. */
    static Map<String, Map<String, String>> clientPolicies(List<ClientConfig> clients) {
        Map<String, Map<String, String>> policies = new HashMap<>();
        clients.forEach(client -> policies.put(client.name(), client.deprovision()));
        return policies;
    }

    /**
     * Indirect groups need Active Directory's LDAP_MATCHING_RULE_IN_CHAIN. Another directory would answer its
     * filter with an error or with no groups at all, so such a mapping is refused instead of serving a user's
     * groups wrong.
     */
    public static void requireDirectoryFeatures(List<ResourceMapping> mappings, List<String> labels,
                                                DirectoryClient directory) {
        for (int i = 0; i < mappings.size(); i++) {
            for (var mapper : mappings.get(i).mappers()) {
                if (mapper instanceof ReferenceMapper reference && reference.indirect() && !directory.isActiveDirectory()) {
                    throw new ConfigException(labels.get(i) + ": attributes(" + mapper.path() + ").transform.indirect",
                            "indirect groups need Active Directory's LDAP_MATCHING_RULE_IN_CHAIN, and this directory"
                                    + " is no Active Directory (its root DSE lacks capability 1.2.840.113556.1.4.800)",
                            "remove indirect: true");
                }
            }
        }
    }

    /** The journal database, or a configuration error naming the journal section. */
    static JournalDatabase openJournal(JournalSettings settings) {
        return openJournal(settings, null);
    }

    /** As {@link #openJournal(JournalSettings)}, the pool reporting to {@code metrics} (null: to none). */
    static JournalDatabase openJournal(JournalSettings settings, BridgeMetrics metrics) {
        try {
            return JournalDatabase.open(settings, metrics == null ? null : metrics.journalPool());
        } catch (JournalException e) {
            throw new ConfigException("journal.jdbcUrl", e.getMessage(),
                    "is MariaDB reachable, and may journal.username create tables in that database?", e);
        }
    }

    /**
     * The directory watcher as configured, or null when it is disabled; {@link BackgroundJobs} runs its looks on
     * the instance that holds its lock.
     */
    public static DirectoryWatcher watcher(WatchConfig watch, List<ResourceMapping> mappings, DirectoryClient directory,
                                           JournalDatabase journal, String directoryName) {
        if (!watch.enabled()) {
            return null;
        }
        DirectoryWatcher watcher;
        try {
            watcher = DirectoryWatcher.create(mappings, directory, journal.store(), journal.watchPositions(),
                    directoryName, watch.mechanism());
        } catch (IllegalStateException e) {
            throw new ConfigException("watch.mechanism", e.getMessage(), "use auto, usn or timestamp", e);
        }
        return watcher;
    }

    /**
     * Settles, before the first request, the writes a bridge that stopped mid-write left unfinished in the journal,
     * against the directory as it is now.
     */
    public static int reconcileJournal(List<ResourceMapping> mappings, DirectoryClient directory, JournalStore journal) {
        return new IntentReconciler(mappings, directory, journal).reconcile();
    }

    public static ScimServer start(ServerConfig server, List<ResourceMapping> mappings, DirectoryClient directory,
                            JournalStore journal, List<ClientConfig> clients) {
        return start(server, mappings, directory, journal, clients, null);
    }

    /**
     * The server with {@code /metrics} from {@code metrics} (null: none), which from now on also watch the
     * directory's pool, the journal's writes and the pending offboardings.
     */
    public static ScimServer start(ServerConfig server, List<ResourceMapping> mappings, DirectoryClient directory,
                                   JournalStore journal, List<ClientConfig> clients, BridgeMetrics metrics) {
        if (metrics != null) {
            metrics.watchPool(directory);
            metrics.timeWrites(journal);
            metrics.countPendingDeprovisions(DeprovisionRecords.of(journal));
        }
        WatchEndpoints watch = new WatchEndpoints(new Readiness(directory, journal), server.metrics(),
                metrics == null ? null : metrics.registry());
        BearerAuthenticator authenticator = new BearerAuthenticator(clients);
        ClientProfiles profiles = ClientProfiles.of(clients);
        LimitsConfig limits = server.limits();
        RequestLimits requestLimits = requestLimits(limits);
        List<ResourceService> services = services(server, mappings, directory, journal, clients);
        Discovery discovery = new Discovery(mappings, server.maxResults(), limits);
        return ScimServer.start(server, services, discovery, requestLimits, authenticator, profiles, watch);
    }
}

package org.ldapscim.bridge.cli;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.ldapscim.bridge.auth.AccessControl;
import org.ldapscim.bridge.auth.ClientCertificates;
import org.ldapscim.bridge.config.AuthConfig;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ClientScopeConfig;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.journal.JournalDatabase;
import org.ldapscim.bridge.journal.JournalException;
import org.ldapscim.bridge.journal.JournalSettings;
import org.ldapscim.bridge.config.ConfigLoader;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.LimitsConfig;
import org.ldapscim.bridge.config.ResourceMappingConfig;
import org.ldapscim.bridge.config.ServerConfig;
import org.ldapscim.bridge.config.TlsListenerConfig;
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
import org.ldapscim.bridge.mapping.MappedPath;
import org.ldapscim.bridge.mapping.MappingCompiler;
import org.ldapscim.bridge.mapping.MappingSchemaCheck;
import org.ldapscim.bridge.mapping.PasswordMapper;
import org.ldapscim.bridge.mapping.ReferenceMapper;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.scim.RequestLimits;
import org.ldapscim.bridge.config.WatchConfig;
import org.ldapscim.bridge.service.ClientServices;
import org.ldapscim.bridge.service.DirectoryWatcher;
import org.ldapscim.bridge.service.AuthFailureJournal;
import org.ldapscim.bridge.service.Discovery;
import org.ldapscim.bridge.service.IntentReconciler;
import org.ldapscim.bridge.service.ResourceService;
import org.ldapscim.bridge.service.TypeScope;

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

    /** The use cases over the directory and journal, as an operator's command runs them: with full access. */
    static List<ResourceService> services(ServerConfig server, List<ResourceMapping> mappings, DirectoryClient directory,
                                          JournalStore journal, List<ClientConfig> clients) {
        return clientServices(server, mappings, directory, journal, clients).of(null);
    }

    /**
     * The use cases over the directory and journal as each client sees them: following its deprovisioning policies,
     * and within its scopes.
     */
    public static ClientServices clientServices(ServerConfig server, List<ResourceMapping> mappings,
                                         DirectoryClient directory, JournalStore journal, List<ClientConfig> clients) {
        requireDeprovisionPolicies(mappings, mappings.stream().map(ResourceMapping::name).toList(), clients, null);
        return ResourceService.forClients(mappings, directory, journal, clientPolicies(clients),
                clientScopes(mappings, clients), server.maxResults(), requestLimits(server.limits()));
    }

    /**
     * Client name to resource type to what it may do, for the clients with {@code scopes}: each type must be mapped,
     * each base DN must lie within one of the mapping's, each writable attribute must be one the mapping writes.
     */
    public static Map<String, Map<String, TypeScope>> clientScopes(List<ResourceMapping> mappings,
                                                                   List<ClientConfig> clients) {
        Map<String, Map<String, TypeScope>> scopes = new HashMap<>();
        for (int c = 0; c < clients.size(); c++) {
            ClientConfig client = clients.get(c);
            if (client.scopes() == null) {
                continue;
            }
            for (int other = 0; other < clients.size(); other++) {
                if (other != c && client.name() != null && client.name().equals(clients.get(other).name())) {
                    // A request is known by its client's name: two clients of one name would share one scope.
                    throw new ConfigException("auth.clients[" + Math.max(c, other) + "].name", "client "
                            + client.name() + " is named twice, and one of them has scopes",
                            "give each client its own name");
                }
            }
            Map<String, TypeScope> types = new HashMap<>();
            for (var listed : client.scopes().entrySet()) {
                String key = "auth.clients[" + c + "].scopes." + listed.getKey();
                ResourceMapping mapping = mappings.stream().filter(m -> m.name().equals(listed.getKey())).findFirst()
                        .orElseThrow(() -> new ConfigException(key, "no mapping serves resource type " + listed.getKey(),
                                "key the scopes by a mapped resource type: "
                                        + mappings.stream().map(ResourceMapping::name).toList()));
                types.put(mapping.name(), typeScope(mapping, listed.getValue(), key));
            }
            scopes.put(client.name(), types);
        }
        return scopes;
    }

    private static TypeScope typeScope(ResourceMapping mapping, ClientScopeConfig scope, String key) {
        List<DN> bases = null;
        if (scope.baseDns() != null) {
            bases = new ArrayList<>();
            for (int j = 0; j < scope.baseDns().size(); j++) {
                String baseKey = key + ".baseDns[" + j + "]";
                DN base;
                try {
                    base = new DN(scope.baseDns().get(j));
                } catch (LDAPException e) {
                    throw new ConfigException(baseKey, "'" + scope.baseDns().get(j) + "' is not a DN",
                            "e.g. ou=sales,ou=people,dc=example,dc=com", e);
                }
                if (!mapping.holds(base)) {
                    throw new ConfigException(baseKey, base + " is not within the base DNs of " + mapping.name() + "s",
                            "use a DN within one of " + mapping.baseDns());
                }
                bases.add(base);
            }
        }
        boolean writes = scope.access() == ClientScopeConfig.Access.write;
        Set<MappedPath> writable = null;
        if (scope.writableAttributes() != null) {
            if (!writes) {
                throw new ConfigException(key + ".writableAttributes", "a read-only scope writes nothing",
                        "set access: write, or leave writableAttributes out");
            }
            writable = new HashSet<>();
            for (int k = 0; k < scope.writableAttributes().size(); k++) {
                writable.add(writablePath(mapping, scope.writableAttributes().get(k),
                        key + ".writableAttributes[" + k + "]"));
            }
        }
        return new TypeScope(writes ? TypeScope.Access.WRITE : TypeScope.Access.READ, bases, writable);
    }

    /** A SCIM path that covers at least one attribute the mapping writes ({@code name} covers name.givenName). */
    private static MappedPath writablePath(ResourceMapping mapping, String text, String key) {
        MappedPath path;
        try {
            path = MappedPath.parse(text, mapping.coreSchema().urn());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage(), "e.g. userName, name, name.givenName, emails", e);
        }
        boolean covers = mapping.mappers().stream().filter(ResourceMapping::isWritable).map(AttributeMapper::path)
                .anyMatch(p -> p.schemaUrn().equalsIgnoreCase(path.schemaUrn())
                        && p.attribute().equalsIgnoreCase(path.attribute())
                        && (path.type() == null || path.type().equalsIgnoreCase(p.type()))
                        && (path.subAttribute() == null || path.subAttribute().equalsIgnoreCase(p.subAttribute())));
        if (!covers) {
            throw new ConfigException(key, "'" + text + "' is no attribute of " + mapping.name() + "s that SCIM writes",
                    "writable: " + mapping.mappers().stream().filter(ResourceMapping::isWritable)
                            .map(m -> m.path().toString()).distinct().toList());
        }
        return path;
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

    /**
     * Serves SCIM to the configured clients; failed authentications go to the journal's {@code auth_failure}
     * table.
     */
    public static ScimServer start(ServerConfig server, List<ResourceMapping> mappings, DirectoryClient directory,
                                   JournalDatabase journal, AuthConfig auth) {
        return start(server, mappings, directory, journal, auth, null);
    }

    /**
     * The server with {@code /metrics} from {@code metrics} (null: none), which from now on also watch the
     * directory's pool, the journal's writes and the pending offboardings.
     */
    public static ScimServer start(ServerConfig server, List<ResourceMapping> mappings, DirectoryClient directory,
                                   JournalDatabase journal, AuthConfig auth, BridgeMetrics metrics) {
        requireClientCertificatesAsked(server, auth.clients());
        if (metrics != null) {
            metrics.watchPool(directory);
            metrics.timeWrites(journal.store());
            metrics.countPendingDeprovisions(DeprovisionRecords.of(journal.store()));
        }
        WatchEndpoints watch = new WatchEndpoints(new Readiness(directory, journal.store()), server.metrics(),
                metrics == null ? null : metrics.registry());
        ClientProfiles profiles = ClientProfiles.of(auth.clients());
        LimitsConfig limits = server.limits();
        RequestLimits requestLimits = requestLimits(limits);
        ClientServices services = clientServices(server, mappings, directory, journal.store(), auth.clients());
        Discovery discovery = new Discovery(mappings, server.maxResults(), limits);
        AccessControl access = new AccessControl(auth, new AuthFailureJournal(journal.authFailures()));
        try {
            return ScimServer.start(server, services, discovery, requestLimits, access, profiles, watch);
        } catch (RuntimeException e) {
            access.close();
            throw e;
        }
    }

    /** A client known by a certificate could never present it to a listener that does not ask for one. */
    public static void requireClientCertificatesAsked(ServerConfig server, List<ClientConfig> clients) {
        if (new ClientCertificates(clients).any() && (server.tls() == null
                || server.tls().clientAuth() == TlsListenerConfig.ClientAuth.none)) {
            throw new ConfigException("server.tls.clientAuth", "clients are known by certificates, but the listener"
                    + " asks for none", "configure server.tls with clientAuth: want (or need) and clientCaFile");
        }
    }
}

package org.ldapscim.bridge.ldap;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.FewestConnectionsServerSet;
import com.unboundid.ldap.sdk.GetEntryLDAPConnectionPoolHealthCheck;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RoundRobinServerSet;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.LdapPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the pool of service-account connections that {@link DirectoryClient} uses: over the configured servers,
 * with TLS checked as {@link DirectoryTls} sets it up, timeouts on every connect and operation, and idle
 * connections checked in the background by reading the root DSE.
 */
public final class DirectoryConnector {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryConnector.class);

    private DirectoryConnector() {
    }

    public static DirectoryClient connect(LdapConfig config) {
        return connect(config, OperationListener.NONE);
    }

    /** A client whose every operation on the wire, the pool's binds and health checks included, {@code listener} hears of. */
    public static DirectoryClient connect(LdapConfig config, OperationListener listener) {
        if (config.urls().isEmpty()) {
            throw new ConfigException("ldap.urls", "no directory URL is given", "e.g. urls: [\"ldaps://dc1.example.com:636\"]");
        }
        config.weakenedChecks().forEach(warning -> LOG.warn("INSECURE: {}", warning));
        DirectoryTls tls = DirectoryTls.of(config.tls());
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(config.connectTimeoutMillis());
        options.setResponseTimeoutMillis(config.responseTimeoutMillis());
        options.setSSLSocketVerifier(tls.verifier());
        options.setFollowReferrals(config.referrals().follow());
        options.setReferralHopLimit(config.referrals().hopLimit());
        if (listener != OperationListener.NONE) {
            options.setConnectionLogger(new TimedOperations(listener));
        }
        List<String> hosts = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        Boolean secure = null;
        for (int i = 0; i < config.urls().size(); i++) {
            LDAPURL url = url(config.urls().get(i), "ldap.urls[" + i + "]");
            boolean isLdaps = url.getScheme().equalsIgnoreCase("ldaps");
            if (secure != null && secure != isLdaps) {
                throw new ConfigException("ldap.urls[" + i + "]", "mixes ldap:// and ldaps:// URLs", "use one scheme");
            }
            secure = isLdaps;
            hosts.add(url.getHost());
            ports.add(url.getPort());
        }
        SocketFactory sockets = secure ? tls.socketFactory(config.responseTimeoutMillis()) : null;
        ServerSet servers = servers(config, hosts, ports, sockets, options);
        BindRequest bind = config.bindDn() == null ? null
                : new SimpleBindRequest(config.bindDn(), config.bindPassword().reveal());
        StartTLSPostConnectProcessor startTls = config.tls().startTls() && !secure
                ? new StartTLSPostConnectProcessor(tls.socketFactory(config.responseTimeoutMillis())) : null;
        LDAPConnectionPool pool;
        try {
            pool = new LDAPConnectionPool(servers, bind, 1, config.pool().size(), startTls);
        } catch (LDAPException e) {
            throw refused(config, e);
        }
        configure(pool, config);
        try {
            return new DirectoryClient(pool, config.valueRangeSize(), config.referrals().follow());
        } catch (DirectoryException e) {
            pool.close();
            throw refused(config, (LDAPException) e.getCause());
        }
    }

    private static ServerSet servers(LdapConfig config, List<String> hosts, List<Integer> ports, SocketFactory sockets,
                                     LDAPConnectionOptions options) {
        if (hosts.size() == 1) {
            return new SingleServerSet(hosts.get(0), ports.get(0), sockets, options);
        }
        String[] hostArray = hosts.toArray(String[]::new);
        int[] portArray = ports.stream().mapToInt(Integer::intValue).toArray();
        return switch (config.serverSelection()) {
            case FAILOVER -> new FailoverServerSet(hostArray, portArray, sockets, options);
            case ROUND_ROBIN -> new RoundRobinServerSet(hostArray, portArray, sockets, options);
            case FEWEST_CONNECTIONS -> new FewestConnectionsServerSet(hostArray, portArray, sockets, options);
        };
    }

    /**
     * Retries are left to {@link DirectoryClient}, which knows reads from writes: the pool's own retry would
     * send a write again whose first attempt may have been applied.
     */
    private static void configure(LDAPConnectionPool pool, LdapConfig config) {
        LdapPoolConfig settings = config.pool();
        pool.setConnectionPoolName("directory");
        pool.setRetryFailedOperationsDueToInvalidConnections(false);
        pool.setCreateIfNecessary(true);
        pool.setMaxWaitTimeMillis(settings.maxWaitMillis());
        pool.setMaxConnectionAgeMillis(settings.maxConnectionAgeSeconds() * 1000L);
        pool.setHealthCheck(new GetEntryLDAPConnectionPoolHealthCheck("", config.responseTimeoutMillis(),
                false, false, false, false, true, false));
        pool.setHealthCheckIntervalMillis(settings.healthCheckIntervalSeconds() * 1000L);
    }

    private static ConfigException refused(LdapConfig config, LDAPException e) {
        if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
            return new ConfigException("ldap.bindDn", "the directory refused the bind credentials",
                    "check ldap.bindDn and ldap.bindPassword", e);
        }
        ConfigException tlsProblem = DirectoryTls.explain(config.tls(), e);
        if (tlsProblem != null) {
            return tlsProblem;
        }
        String detail = e.getDiagnosticMessage() != null ? e.getDiagnosticMessage() : e.getMessage();
        return new ConfigException("ldap.urls", "cannot connect to the directory: " + e.getResultCode()
                + " " + detail, "is the directory up and reachable?", e);
    }

    private static LDAPURL url(String text, String key) {
        try {
            LDAPURL url = new LDAPURL(text);
            if (!url.getScheme().equalsIgnoreCase("ldap") && !url.getScheme().equalsIgnoreCase("ldaps")) {
                throw new ConfigException(key, "'" + text + "' is neither ldap:// nor ldaps://", null);
            }
            return url;
        } catch (LDAPException e) {
            throw new ConfigException(key, "'" + text + "' is not an LDAP URL", "e.g. ldaps://dc1.example.com:636");
        }
    }
}

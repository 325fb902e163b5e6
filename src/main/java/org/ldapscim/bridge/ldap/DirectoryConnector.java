package org.ldapscim.bridge.ldap;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.LdapConfig;

/** Opens the pool of service-account connections that {@link DirectoryClient} uses. */
public final class DirectoryConnector {

    private DirectoryConnector() {
    }

    public static DirectoryClient connect(LdapConfig config) {
        if (config.urls().isEmpty()) {
            throw new ConfigException("ldap.urls", "no directory URL is given", "e.g. urls: [\"ldaps://dc1.example.com:636\"]");
        }
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(config.connectTimeoutMillis());
        options.setResponseTimeoutMillis(config.responseTimeoutMillis());
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        SSLUtil ssl = new SSLUtil(trustManager(config));
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
        SocketFactory sockets = secure ? socketFactory(ssl) : null;
        ServerSet servers = hosts.size() == 1
                ? new SingleServerSet(hosts.get(0), ports.get(0), sockets, options)
                : new FailoverServerSet(hosts.toArray(String[]::new), ports.stream().mapToInt(Integer::intValue).toArray(),
                sockets, options);
        BindRequest bind = config.bindDn() == null ? null
                : new SimpleBindRequest(config.bindDn(), config.bindPassword().reveal());
        try {
            StartTLSPostConnectProcessor startTls = config.startTls() && !secure
                    ? new StartTLSPostConnectProcessor(sslContext(ssl)) : null;
            LDAPConnectionPool pool = new LDAPConnectionPool(servers, bind, 1, config.poolSize(), startTls);
            pool.setRetryFailedOperationsDueToInvalidConnections(true);
            pool.setConnectionPoolName("directory");
            return new DirectoryClient(pool, config.valueRangeSize());
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                throw new ConfigException("ldap.bindDn", "the directory refused the bind credentials",
                        "check ldap.bindDn and ldap.bindPassword", e);
            }
            throw new ConfigException("ldap.urls", "cannot connect to the directory: " + e.getResultCode()
                    + " " + e.getDiagnosticMessage(), "is the directory up and reachable?", e);
        }
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

    private static TrustManager trustManager(LdapConfig config) {
        if (config.trustStore() == null) {
            return JVMDefaultTrustManager.getInstance();
        }
        char[] password = config.trustStorePassword().isEmpty() ? null
                : config.trustStorePassword().reveal().toCharArray();
        String format = config.trustStore().toLowerCase().endsWith(".jks") ? "JKS" : "PKCS12";
        return new TrustStoreTrustManager(config.trustStore(), password, format, true);
    }

    private static SocketFactory socketFactory(SSLUtil ssl) {
        try {
            return ssl.createSSLSocketFactory("TLSv1.2");
        } catch (GeneralSecurityException e) {
            throw new ConfigException("ldap.trustStore", "cannot set up TLS: " + e.getMessage(), null, e);
        }
    }

    private static SSLContext sslContext(SSLUtil ssl) {
        try {
            return ssl.createSSLContext("TLSv1.2");
        } catch (GeneralSecurityException e) {
            throw new ConfigException("ldap.trustStore", "cannot set up TLS: " + e.getMessage(), null, e);
        }
    }

}

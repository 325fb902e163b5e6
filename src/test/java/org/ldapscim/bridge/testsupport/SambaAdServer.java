package org.ldapscim.bridge.testsupport;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.ldapscim.bridge.config.LdapTlsConfig;
import org.ldapscim.bridge.config.Secret;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Samba Active Directory domain controller, made by {@code ../shared/directories/start-samba-ad.sh} (which
 * installs Samba with apt-get when it is missing) in a fresh temporary folder. Samba's LDAP ports are fixed at
 * 389 and 636, so one instance serves every test class of the JVM: the first class that registers this
 * extension starts it, and it is stopped by its stop script, by that folder's pid file, when the JVM's test
 * run ends. When {@code SAMBA_AD_DIR} names a folder whose instance is already running (a developer's
 * long-lived domain controller), that one is used and left running. If Samba cannot be started,
 * {@link #beforeAll} throws with the script's output, so the class fails rather than being skipped.
 *
 * <p>Tests share the domain, so each works on users and groups of its own names.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SambaAdServer samba = new SambaAdServer();
 * }</pre>
 */
public final class SambaAdServer implements BeforeAllCallback {
    public static final String BASE_DN = "DC=example,DC=test";
    public static final String USERS = "CN=Users," + BASE_DN;

    private static Instance instance;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (SambaAdServer.class) {
            if (instance == null) {
                instance = Instance.startOrReuse();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                        .put(SambaAdServer.class.getName(), instance);
            }
        }
    }

    /** {@code ldap://127.0.0.1:389}, plain LDAP (the script allows simple binds on it). */
    public String url() {
        return setting("LDAP_URL");
    }

    /** {@code ldaps://127.0.0.1:636}. */
    public String ldapsUrl() {
        return setting("LDAPS_URL");
    }

    /** The domain administrator's DN. */
    public String bindDn() {
        return setting("LDAP_BIND_DN");
    }

    public String bindPassword() {
        return setting("LDAP_BIND_PASSWORD");
    }

    /** A PKCS#12 trust store with the throwaway CA that signed the domain controller's certificate. */
    public String trustStore() {
        return setting("LDAP_TRUSTSTORE");
    }

    public String trustStorePassword() {
        return setting("LDAP_TRUSTSTORE_PASSWORD");
    }

    /** Checking the domain controller's certificate against {@link #trustStore()}, over StartTLS or not. */
    public LdapTlsConfig tls(boolean startTls) {
        return new LdapTlsConfig(startTls, trustStore(), Secret.of(trustStorePassword()), null, null, null);
    }

    /** The throwaway CA certificate in PEM form. */
    public String caCertificate() {
        return setting("LDAP_CA_CERT");
    }

    /** A new LDAPS connection bound as the domain administrator, the certificate checked; the caller closes it. */
    public LDAPConnection connect() throws LDAPException {
        return connect(bindDn(), bindPassword());
    }

    /** A new LDAPS connection bound as {@code dn} (a user's own bind, to prove a password); the caller closes it. */
    public LDAPConnection connect(String dn, String password) throws LDAPException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        return new LDAPConnection(sslSocketFactory(), options, "127.0.0.1", 636, dn, password);
    }

    /** Sockets for LDAPS to the domain controller, trusting its throwaway CA. */
    public SSLSocketFactory sslSocketFactory() {
        try {
            return new SSLUtil(new TrustStoreTrustManager(trustStore(), trustStorePassword().toCharArray(), "PKCS12",
                    true)).createSSLSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS to Samba: " + e.getMessage(), e);
        }
    }

    /** The entry at {@code dn} with its user and operational attributes, or null. */
    public SearchResultEntry entry(String dn, String... attributes) {
        try (LDAPConnection connection = connect()) {
            return connection.getEntry(dn, attributes.length == 0 ? new String[]{"*", "+"} : attributes);
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot read " + dn + " from Samba: " + e.getMessage(), e);
        }
    }

    private static String setting(String key) {
        if (instance == null) {
            throw new IllegalStateException("Samba is not started: register SambaAdServer as an extension");
        }
        String value = instance.settings.get(key);
        if (value == null) {
            throw new IllegalStateException("Samba's connection.env has no " + key);
        }
        return value;
    }

    /** One running domain controller, stopped when the JVM's root extension store closes, if this JVM started it. */
    private static final class Instance implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final Path folder;
        private final boolean owned;
        private final Map<String, String> settings;

        private Instance(Path folder, boolean owned, Map<String, String> settings) {
            this.folder = folder;
            this.owned = owned;
            this.settings = settings;
        }

        static Instance startOrReuse() throws IOException, InterruptedException {
            String shared = System.getenv("SAMBA_AD_DIR");
            if (shared != null && !shared.isBlank()) {
                Path folder = Path.of(shared);
                DirectoryScripts.run("start-samba-ad.sh", folder.toString());
                return new Instance(folder, false, DirectoryScripts.readEnvironment(folder.resolve("connection.env")));
            }
            Path folder = Files.createTempDirectory("samba-ad-it-");
            DirectoryScripts.run("start-samba-ad.sh", folder.toString());
            return new Instance(folder, true, DirectoryScripts.readEnvironment(folder.resolve("connection.env")));
        }

        @Override
        public void close() throws Exception {
            if (owned) {
                DirectoryScripts.run("stop-samba-ad.sh", folder.toString(), "--purge");
            }
        }
    }
}

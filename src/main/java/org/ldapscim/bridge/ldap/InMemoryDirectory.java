package org.ldapscim.bridge.ldap;

import com.unboundid.ldap.listener.Base64PasswordEncoderOutputFormatter;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.SaltedMessageDigestInMemoryPasswordEncoder;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * An UnboundID in-memory directory with the shipped schemas, listening on 127.0.0.1: the demo's directory
 * and the test suite's. It keeps {@code member} and {@code manager} pointing at entries that are renamed
 * or deleted, as OpenLDAP's refint overlay does, and a change log under {@code cn=changelog}.
 */
public final class InMemoryDirectory implements AutoCloseable {
    public static final String DEMO_SUFFIX = "dc=example,dc=com";
    public static final String DEMO_LDIF = "demo/directory.ldif";
    /** The changes the change log keeps; older ones are dropped. */
    public static final int MAX_CHANGE_LOG_ENTRIES = 10_000;

    private final InMemoryDirectoryServer server;

    private InMemoryDirectory(InMemoryDirectoryServer server) {
        this.server = server;
    }

    /**
     * Starts an empty directory for {@code suffix} on {@code port} (0: any free port); the interceptors see
     * every request, as a test's way to observe what the bridge asks of a directory.
     */
    public static InMemoryDirectory start(String suffix, int port, InMemoryOperationInterceptor... interceptors) {
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(suffix);
            config.setSchema(ShippedSchemas.load());
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
                    InetAddress.getLoopbackAddress(), port, null));
            config.setReferentialIntegrityAttributes("member", "uniqueMember", "manager");
            config.setPasswordEncoders(new SaltedMessageDigestInMemoryPasswordEncoder("{SSHA256}", Base64PasswordEncoderOutputFormatter.getInstance(),
                    MessageDigest.getInstance("SHA-256"), 16, true, true));
            config.setEnforceAttributeSyntaxCompliance(true);
            // A change log under cn=changelog, as the directory watcher reads it; bounded, since it is kept in memory.
            config.setMaxChangeLogEntries(MAX_CHANGE_LOG_ENTRIES);
            // Without these the in-memory server scans every entry: a user's groups are a search on member.
            config.setEqualityIndexAttributes("member", "uniqueMember", "manager", "uid", "mail", "cn",
                    "entryUUID", "objectGUID", "userPrincipalName", "scimExternalId");
            for (InMemoryOperationInterceptor interceptor : interceptors) {
                config.addInMemoryOperationInterceptor(interceptor);
            }
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            server.startListening();
            return new InMemoryDirectory(server);
        } catch (LDAPException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("the in-memory directory cannot start: " + e.getMessage(), e);
        }
    }

    /** Starts the demo directory: the shipped schemas and the shipped demo entries. */
    public static InMemoryDirectory startDemo(int port, InMemoryOperationInterceptor... interceptors) {
        InMemoryDirectory directory = start(DEMO_SUFFIX, port, interceptors);
        directory.importResource(DEMO_LDIF);
        return directory;
    }

    /** Adds the entries of an LDIF file on the class path. */
    public void importResource(String resource) {
        importResource(resource, entry -> true);
    }

    /** Adds those entries of an LDIF file on the class path that {@code keep} accepts. */
    public void importResource(String resource, Predicate<Entry> keep) {
        try (InputStream in = InMemoryDirectory.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            List<Entry> kept = new ArrayList<>();
            try (LDIFReader reader = new LDIFReader(in)) {
                for (Entry entry = reader.readEntry(); entry != null; entry = reader.readEntry()) {
                    if (keep.test(entry)) {
                        kept.add(entry);
                    }
                }
            }
            server.addEntries(kept);
        } catch (LDAPException | LDIFException | IOException e) {
            throw new IllegalStateException("cannot import " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the directory's content with the entries of an LDIF file. */
    public void importFile(java.nio.file.Path ldif) {
        try {
            server.importFromLDIF(true, ldif.toFile());
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot import " + ldif + ": " + e.getMessage(), e);
        }
    }

    /** Writes every entry, with its entryUUID and timestamps, so a later {@link #importFile} restores it. */
    public void exportFile(java.nio.file.Path ldif) {
        try {
            server.exportToLDIF(ldif.toString(), false, true);
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot export to " + ldif + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getListenPort();
    }

    public String url() {
        return "ldap://127.0.0.1:" + port();
    }

    public InMemoryDirectoryServer server() {
        return server;
    }

    /** A client over connections to this directory, as the bridge would open to a real one. */
    public DirectoryClient client(int connections) {
        try {
            return new DirectoryClient(server.getConnectionPool(connections));
        } catch (LDAPException e) {
            throw new DirectoryException("connecting to the in-memory directory", e);
        }
    }

    /** As {@link #client(int)}, every operation on the wire told to {@code listener}. */
    public DirectoryClient client(int connections, OperationListener listener) {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectionLogger(new TimedOperations(listener));
        try {
            return new DirectoryClient(server.getConnectionPool(null, options, 1, connections));
        } catch (LDAPException e) {
            throw new DirectoryException("connecting to the in-memory directory", e);
        }
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}

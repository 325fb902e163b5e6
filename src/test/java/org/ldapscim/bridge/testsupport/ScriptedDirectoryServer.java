package org.ldapscim.bridge.testsupport;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.ldapscim.bridge.config.LdapConfig;

/**
 * A real directory server for one test class, made by a {@code start-<name>.sh} script of
 * {@code ../shared/directories/} in a fresh temporary folder on two free ports and stopped by its
 * {@code stop-<name>.sh} after the last test: only the server it started, found by that folder. Between the
 * start and the tests a subclass {@link #prepare prepares} what the bridge's preset needs. If the server
 * cannot be started, {@link #beforeAll} throws with the script's output, so the class fails rather than
 * being skipped.
 */
public abstract class ScriptedDirectoryServer implements BeforeAllCallback, AfterAllCallback {
    public static final String SUFFIX = "dc=example,dc=com";
    public static final String PEOPLE = "ou=people," + SUFFIX;
    public static final String GROUPS = "ou=groups," + SUFFIX;

    private final String scriptName;
    private final String displayName;
    private final int seededUsers;
    private Path folder;
    private int ldapPort;
    private int ldapsPort;
    private Map<String, String> settings;

    /**
     * @param scriptName  the {@code <name>} of the start and stop scripts
     * @param displayName what error messages call the server
     * @param seededUsers how many users {@code seed0001 ..} {@link #seedUsers} adds
     */
    protected ScriptedDirectoryServer(String scriptName, String displayName, int seededUsers) {
        this.scriptName = scriptName;
        this.displayName = displayName;
        this.seededUsers = seededUsers;
    }

    /** The empty folder the start script makes the instance in. */
    protected abstract Path createFolder() throws IOException;

    /** Readies the started server for the tests: schema, plugins, accounts, seeded entries. */
    protected abstract void prepare() throws Exception;

    /** The attributes {@link #entry} asks for. */
    protected abstract String[] entryAttributes();

    /** The account the bridge binds as. */
    public abstract String bridgeBindDn();

    public abstract String bridgeBindPassword();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        folder = createFolder();
        int[] ports = DirectoryScripts.twoFreePorts();
        ldapPort = ports[0];
        ldapsPort = ports[1];
        start();
    }

    /**
     * Stops this server with its stop script, as an administrator or a crash would take a server away; the bridge's
     * connections to it break. {@link #restart} brings it back.
     */
    public void stop() throws IOException, InterruptedException {
        DirectoryScripts.run("stop-" + scriptName + ".sh", folder.toString());
    }

    /**
     * Starts it again on the same ports. The start script builds a fresh instance (and a fresh CA), so it is
     * prepared and seeded again: the same users, with the same ids where {@link #addSeededUser} fixes them.
     */
    public void restart() throws Exception {
        start();
    }

    private void start() throws Exception {
        DirectoryScripts.run("start-" + scriptName + ".sh", folder.toString(), String.valueOf(ldapPort),
                String.valueOf(ldapsPort));
        settings = DirectoryScripts.readEnvironment(folder.resolve("connection.env"));
        prepare();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (folder != null) {
            DirectoryScripts.run("stop-" + scriptName + ".sh", folder.toString(), "--purge");
        }
    }

    /** {@code ldap://127.0.0.1:<port>}. */
    public String url() {
        return setting("LDAP_URL");
    }

    /** {@code ldaps://127.0.0.1:<port>}, with a certificate for localhost and 127.0.0.1 signed by {@link #caFile}. */
    public String ldapsUrl() {
        return setting("LDAPS_URL");
    }

    /** The start script's throwaway CA, PEM. */
    public String caFile() {
        return setting("LDAP_CA_CERT");
    }

    /** The same CA in a PKCS#12 trust store, password {@link #trustStorePassword}. */
    public String trustStore() {
        return setting("LDAP_TRUSTSTORE");
    }

    public String trustStorePassword() {
        return setting("LDAP_TRUSTSTORE_PASSWORD");
    }

    /** How a bridge with a pool of {@code poolSize} connections reaches this server as {@link #bridgeBindDn}. */
    public LdapConfig ldapConfig(int poolSize) {
        return LdapConfigs.of(url(), bridgeBindDn(), bridgeBindPassword(), poolSize);
    }

    /** A new connection bound as the administrator the start script set up; the caller closes it. */
    public LDAPConnection connect() throws LDAPException {
        return connect(setting("LDAP_BIND_DN"), setting("LDAP_BIND_PASSWORD"));
    }

    /** A new connection bound as {@code dn}; the caller closes it. */
    public LDAPConnection connect(String dn, String password) throws LDAPException {
        String hostPort = url().substring("ldap://".length());
        int colon = hostPort.lastIndexOf(':');
        return new LDAPConnection(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)),
                dn, password);
    }

    /** The entry at {@code dn} with its user and operational attributes, or null. */
    public SearchResultEntry entry(String dn) {
        try (LDAPConnection connection = connect()) {
            return connection.getEntry(dn, entryAttributes());
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot read " + dn + " from " + displayName + ": " + e.getMessage(), e);
        }
    }

    /** The server's process id, as the start script wrote it. */
    public long pid() {
        return Long.parseLong(setting("LDAP_PID"));
    }

    /** How many users {@code seed0001 ..} {@link #seedUsers} adds. */
    public int seededUsers() {
        return seededUsers;
    }

    /** A value of the {@code connection.env} the start script wrote. */
    protected String setting(String key) {
        return settings.get(key);
    }

    /** The attribute types and object classes of the shipped {@code ldap-schemas/scim-bridge.ldif}. */
    protected static Entry shippedBridgeSchema() throws IOException, LDIFException {
        try (LDIFReader reader = new LDIFReader(OpenLdapServer.projectDir().resolve("ldap-schemas/scim-bridge.ldif")
                .toFile())) {
            return reader.readEntry();
        }
    }

    /** Adds the seeded users {@code seed0001 ..}, mail {@code seedNNNN@example.com}, under {@link #PEOPLE}. */
    protected void seedUsers(LDAPConnection connection) throws LDAPException {
        for (int i = 1; i <= seededUsers; i++) {
            String uid = String.format("seed%04d", i);
            addSeededUser(connection, new Entry("uid=" + uid + "," + PEOPLE,
                    new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson",
                            "scimBridgeAux"),
                    new Attribute("uid", uid), new Attribute("cn", "Seed " + i),
                    new Attribute("sn", "Seed" + i), new Attribute("mail", uid + "@example.com"),
                    new Attribute("scimExternalId", "seed-ext-" + i)));
        }
    }

    /** Adds one seeded user; a server that lets the administrator fix the entry's id does so here. */
    protected void addSeededUser(LDAPConnection connection, Entry user) throws LDAPException {
        connection.add(user);
    }
}

package org.ldapscim.bridge.testsupport;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OpenLDAP slapd for one test class, made by {@code ../shared/directories/start-openldap.sh} (which
 * installs slapd with apt-get when it is missing) in a fresh temporary folder on two free ports, and stopped by
 * its stop script after the last test: only the slapd it started, found by that folder's pid file. Before the
 * tests it loads what the shipped {@code config/openldap} preset needs beyond the script's instance: the
 * {@code scimBridgeAux} class of {@code ldap-schemas/scim-bridge.ldif} into cn=config, and the placeholder
 * member of groups SCIM sees as empty. Seeded users get an entryUUID fixed by their name ({@link #seededId}), so
 * two instances in one class hold the same users with the same ids, as replicas do; {@link #stop} and
 * {@link #restart} take the server away and bring it back mid-test. If slapd cannot be started, {@link #beforeAll}
 * throws with the script's output, so the class fails rather than being skipped.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final OpenLdapServer slapd = new OpenLdapServer(300);
 * }</pre>
 */
public final class OpenLdapServer implements BeforeAllCallback, AfterAllCallback {
    public static final String SUFFIX = "dc=example,dc=com";
    public static final String PEOPLE = "ou=people," + SUFFIX;
    public static final String PLACEHOLDER = "cn=empty-group-placeholder," + SUFFIX;

    /** The Relax Rules control, with which the root DN may write entryUUID (no-user-modification otherwise). */
    private static final String RELAX_RULES = "1.3.6.1.4.1.4203.666.5.12";

    private final int seededUsers;
    private Path folder;
    private int ldapPort;
    private int ldapsPort;
    private Map<String, String> settings;

    /** A slapd seeded with {@code seededUsers} users {@code seed0001 ..}, mail {@code seedNNNN@example.com}. */
    public OpenLdapServer(int seededUsers) {
        this.seededUsers = seededUsers;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        folder = Files.createTempDirectory("openldap-it-");
        ldapPort = DirectoryScripts.freePort();
        ldapsPort = DirectoryScripts.freePort();
        start();
    }

    /**
     * Stops this slapd with its stop script, as an administrator or a crash would take a server away; the bridge's
     * connections to it break. {@link #restart} brings it back.
     */
    public void stop() throws IOException, InterruptedException {
        DirectoryScripts.run("stop-openldap.sh", folder.toString());
    }

    /**
     * Starts it again on the same ports. The start script builds a fresh instance (and a fresh CA), so it is seeded
     * again: the same users with the same entryUUIDs.
     */
    public void restart() throws Exception {
        start();
    }

    private void start() throws Exception {
        DirectoryScripts.run("start-openldap.sh", folder.toString(), String.valueOf(ldapPort), String.valueOf(ldapsPort));
        settings = DirectoryScripts.readEnvironment(folder.resolve("connection.env"));
        loadBridgeSchema();
        seed();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (folder != null) {
            DirectoryScripts.run("stop-openldap.sh", folder.toString(), "--purge");
        }
    }

    /** {@code ldap://127.0.0.1:<port>}. */
    public String url() {
        return settings.get("LDAP_URL");
    }

    /** {@code ldaps://127.0.0.1:<port>}, with a certificate for localhost and 127.0.0.1 signed by {@link #caFile}. */
    public String ldapsUrl() {
        return settings.get("LDAPS_URL");
    }

    /** The start script's throwaway CA, PEM. */
    public String caFile() {
        return settings.get("LDAP_CA_CERT");
    }

    /** The same CA in a PKCS#12 trust store, password {@link #trustStorePassword}. */
    public String trustStore() {
        return settings.get("LDAP_TRUSTSTORE");
    }

    public String trustStorePassword() {
        return settings.get("LDAP_TRUSTSTORE_PASSWORD");
    }

    public String bindDn() {
        return settings.get("LDAP_BIND_DN");
    }

    public String bindPassword() {
        return settings.get("LDAP_BIND_PASSWORD");
    }

    /** A new connection bound as the directory's root DN; the caller closes it. */
    public LDAPConnection connect() throws LDAPException {
        return connect(bindDn(), bindPassword());
    }

    private LDAPConnection connect(String dn, String password) throws LDAPException {
        String hostPort = url().substring("ldap://".length());
        int colon = hostPort.lastIndexOf(':');
        return new LDAPConnection(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)),
                dn, password);
    }

    /** The entry at {@code dn} with its user and operational attributes, or null. */
    public SearchResultEntry entry(String dn) {
        try (LDAPConnection connection = connect()) {
            return connection.getEntry(dn, "*", "+");
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot read " + dn + " from slapd: " + e.getMessage(), e);
        }
    }

    private void loadBridgeSchema() throws IOException, LDIFException, LDAPException {
        Entry shipped;
        try (LDIFReader reader = new LDIFReader(projectDir().resolve("ldap-schemas/scim-bridge.ldif").toFile())) {
            shipped = reader.readEntry();
        }
        Entry schema = new Entry("cn=scimbridge,cn=schema,cn=config",
                new Attribute("objectClass", "olcSchemaConfig"),
                new Attribute("cn", "scimbridge"),
                new Attribute("olcAttributeTypes", shipped.getAttributeValues("attributeTypes")),
                new Attribute("olcObjectClasses", shipped.getAttributeValues("objectClasses")));
        try (LDAPConnection config = connect(settings.get("LDAP_CONFIG_BIND_DN"), bindPassword())) {
            config.add(schema);
        }
    }

    private void seed() throws LDAPException {
        try (LDAPConnection connection = connect()) {
            connection.add(new Entry(PLACEHOLDER, new Attribute("objectClass", "top", "applicationProcess"),
                    new Attribute("cn", "empty-group-placeholder")));
            for (int i = 1; i <= seededUsers; i++) {
                String uid = String.format("seed%04d", i);
                AddRequest add = new AddRequest(new Entry("uid=" + uid + "," + PEOPLE,
                        new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson",
                                "scimBridgeAux"),
                        new Attribute("uid", uid), new Attribute("cn", "Seed " + i),
                        new Attribute("sn", "Seed" + i), new Attribute("mail", uid + "@example.com"),
                        new Attribute("scimExternalId", "seed-ext-" + i),
                        new Attribute("entryUUID", seededId(uid))));
                add.addControl(new Control(RELAX_RULES, true));
                connection.add(add);
            }
        }
    }

    /**
     * The entryUUID of seeded user {@code uid}: fixed by the name, so that two slapds seeded alike hold the same
     * ids, as replicas of one directory do, and a restarted one gives its users back their ids.
     */
    public static String seededId(String uid) {
        return UUID.nameUUIDFromBytes(uid.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The project folder, where {@code config/} and {@code ldap-schemas/} are. */
    public static Path projectDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }
}

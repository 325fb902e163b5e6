package org.ldapscim.bridge.testsupport;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenLDAP slapd for one test class, made by {@code ../shared/directories/start-openldap.sh} (which
 * installs slapd with apt-get when it is missing) in a fresh temporary folder on two free ports, and stopped by
 * its stop script after the last test: only the slapd it started, found by that folder's pid file. Before the
 * tests it loads what the shipped {@code config/openldap} preset needs beyond the script's instance: the
 * {@code scimBridgeAux} class of {@code ldap-schemas/scim-bridge.ldif} into cn=config, and the placeholder
 * member of groups SCIM sees as empty. If slapd cannot be started, {@link #beforeAll} throws with the script's
 * output, so the class fails rather than being skipped.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final OpenLdapServer slapd = new OpenLdapServer(300);
 * }</pre>
 */
public final class OpenLdapServer extends ScriptedDirectoryServer {
    public static final String PLACEHOLDER = "cn=empty-group-placeholder," + SUFFIX;
    /** The Relax Rules control, with which the root DN may write entryUUID (no-user-modification otherwise). */
    private static final String RELAX_RULES = "1.3.6.1.4.1.4203.666.5.12";

    /** A slapd seeded with {@code seededUsers} users {@code seed0001 ..}, mail {@code seedNNNN@example.com}. */
    public OpenLdapServer(int seededUsers) {
        super("openldap", "slapd", seededUsers);
    }

    @Override
    protected Path createFolder() throws IOException {
        return Files.createTempDirectory("openldap-it-");
    }

    @Override
    protected void prepare() throws IOException, LDIFException, LDAPException {
        loadBridgeSchema();
        try (LDAPConnection connection = connect()) {
            connection.add(new Entry(PLACEHOLDER, new Attribute("objectClass", "top", "applicationProcess"),
                    new Attribute("cn", "empty-group-placeholder")));
            seedUsers(connection);
        }
    }

    @Override
    protected String[] entryAttributes() {
        return new String[] {"*", "+"};
    }

    /** The directory's root DN, which the bridge binds as too. */
    @Override
    public String bridgeBindDn() {
        return bindDn();
    }

    @Override
    public String bridgeBindPassword() {
        return bindPassword();
    }

    public String bindDn() {
        return setting("LDAP_BIND_DN");
    }

    public String bindPassword() {
        return setting("LDAP_BIND_PASSWORD");
    }

    /**
     * Changes the directory as an administrator outside the bridge would: {@code ldif} through OpenLDAP's own
     * {@code ldapmodify}, bound as the root DN; fails with its output unless it succeeds within 30 s.
     */
    public void ldapmodify(String ldif) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ldapmodify", "-x", "-H", url(), "-D", bindDn(), "-w", bindPassword())
                .redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(ldif.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ldapmodify did not finish within 30 s: " + output);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("ldapmodify exited " + process.exitValue() + ": " + output);
        }
    }

    /** Loads the shipped cn=config form of the bridge's schema, as the README tells an administrator to. */
    private void loadBridgeSchema() throws IOException, LDIFException, LDAPException {
        Entry schema;
        try (LDIFReader reader = new LDIFReader(projectDir().resolve("ldap-schemas/openldap/scim-bridge.ldif")
                .toFile())) {
            schema = reader.readEntry();
        }
        try (LDAPConnection config = connect(setting("LDAP_CONFIG_BIND_DN"), bindPassword())) {
            config.add(schema);
        }
    }

    /** Seeds the user with the entryUUID {@link #seededId} gives its uid. */
    @Override
    protected void addSeededUser(LDAPConnection connection, Entry user) throws LDAPException {
        Entry withId = user.duplicate();
        withId.addAttribute("entryUUID", seededId(user.getAttributeValue("uid")));
        AddRequest add = new AddRequest(withId);
        add.addControl(new Control(RELAX_RULES, true));
        connection.add(add);
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

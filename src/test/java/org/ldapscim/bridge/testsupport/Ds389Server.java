package org.ldapscim.bridge.testsupport;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real 389 Directory Server for one test class, made by {@code ../shared/directories/start-389ds.sh} (which
 * installs 389-ds-base with apt-get when it is missing; a fresh instance takes about 15 s) in a fresh temporary
 * folder on two free ports, and stopped by its stop script after the last test. Before the tests it sets up
 * what the shipped {@code config/389ds} preset needs and the README asks of a site: the {@code scimBridgeAux}
 * class of {@code ldap-schemas/scim-bridge.ldif} added to cn=schema over LDAP, the USN plugin (for
 * {@code entryUSN}, the preset's version; enabling it takes a restart), substring indexes on uid and mail, and
 * a service account {@code uid=scim-bridge,ou=services} with an ACI and the {@code ns*Limit: -1} attributes
 * that lift 389's non-root limits. If 389 cannot be started, {@link #beforeAll} throws with the output.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final Ds389Server ds = new Ds389Server(2100);
 * }</pre>
 */
public final class Ds389Server implements BeforeAllCallback, AfterAllCallback {
    public static final String SUFFIX = "dc=example,dc=com";
    public static final String PEOPLE = "ou=people," + SUFFIX;
    public static final String GROUPS = "ou=groups," + SUFFIX;
    public static final String SERVICE_ACCOUNT = "uid=scim-bridge,ou=services," + SUFFIX;
    public static final String SERVICE_PASSWORD = "Bridge-service-389!";
    private static final String INDEXES = "cn=index,cn=userroot,cn=ldbm database,cn=plugins,cn=config";

    private final int seededUsers;
    private Path folder;
    private Map<String, String> settings;

    /** A 389-DS seeded with {@code seededUsers} users {@code seed0001 ..}, mail {@code seedNNNN@example.com}. */
    public Ds389Server(int seededUsers) {
        this.seededUsers = seededUsers;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // ns-slapd runs as the dirsrv user, which must be able to reach the instance folder.
        folder = Files.createTempDirectory("ds389-it-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        DirectoryScripts.run("start-389ds.sh", folder.toString(), String.valueOf(DirectoryScripts.freePort()),
                String.valueOf(DirectoryScripts.freePort()));
        settings = DirectoryScripts.readEnvironment(folder.resolve("connection.env"));
        try (LDAPConnection connection = connect()) {
            loadBridgeSchema(connection);
            connection.modify("cn=USN,cn=plugins,cn=config",
                    new Modification(ModificationType.REPLACE, "nsslapd-pluginEnabled", "on"));
            for (String attribute : List.of("uid", "mail")) {
                String index = "cn=" + attribute + "," + INDEXES;
                if (!connection.getEntry(index, "nsIndexType").hasAttributeValue("nsIndexType", "sub")) {
                    connection.modify(index, new Modification(ModificationType.ADD, "nsIndexType", "sub"));
                }
            }
        }
        DirectoryScripts.runCommand(Map.of("PREFIX", settings.get("DS_PREFIX")),
                List.of("dsctl", settings.get("DS_INSTANCE"), "restart"));
        try (LDAPConnection connection = connect()) {
            addServiceAccount(connection);
            seed(connection);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (folder != null) {
            DirectoryScripts.run("stop-389ds.sh", folder.toString(), "--purge");
        }
    }

    /** {@code ldap://127.0.0.1:<port>}. */
    public String url() {
        return settings.get("LDAP_URL");
    }

    /** A new connection bound as cn=Directory Manager; the caller closes it. */
    public LDAPConnection connect() throws LDAPException {
        return connect(settings.get("LDAP_BIND_DN"), settings.get("LDAP_BIND_PASSWORD"));
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
            return connection.getEntry(dn, "*", "+", "nsAccountLock", "entryUSN");
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot read " + dn + " from 389-DS: " + e.getMessage(), e);
        }
    }

    private static void loadBridgeSchema(LDAPConnection connection) throws IOException, LDIFException, LDAPException {
        Entry shipped;
        try (LDIFReader reader = new LDIFReader(OpenLdapServer.projectDir().resolve("ldap-schemas/scim-bridge.ldif")
                .toFile())) {
            shipped = reader.readEntry();
        }
        connection.modify("cn=schema",
                new Modification(ModificationType.ADD, "attributeTypes", shipped.getAttributeValues("attributeTypes")),
                new Modification(ModificationType.ADD, "objectClasses", shipped.getAttributeValues("objectClasses")));
    }

    /** The account the preset's bridge.yaml describes: limits lifted, and rights on the suffix through one ACI. */
    private static void addServiceAccount(LDAPConnection connection) throws LDAPException {
        connection.add(new Entry("ou=services," + SUFFIX, new Attribute("objectClass", "top", "organizationalUnit"),
                new Attribute("ou", "services")));
        connection.add(new Entry(SERVICE_ACCOUNT,
                new Attribute("objectClass", "top", "account", "simpleSecurityObject"),
                new Attribute("uid", "scim-bridge"), new Attribute("userPassword", SERVICE_PASSWORD),
                new Attribute("nsSizeLimit", "-1"), new Attribute("nsLookThroughLimit", "-1"),
                new Attribute("nsPagedSizeLimit", "-1"), new Attribute("nsPagedLookThroughLimit", "-1")));
        String user = "userdn=\"ldap:///" + SERVICE_ACCOUNT + "\";)";
        connection.modify(SUFFIX, new Modification(ModificationType.ADD, "aci",
                "(targetattr=\"*\")(version 3.0; acl \"scim-bridge writes entries\"; allow (all) " + user,
                "(targetattr=\"nsAccountLock || entryUUID || entryUSN || memberOf || createTimestamp"
                        + " || modifyTimestamp\")(version 3.0; acl \"scim-bridge operational attributes\";"
                        + " allow (read, search, compare, write) " + user));
    }

    private void seed(LDAPConnection connection) throws LDAPException {
        for (int i = 1; i <= seededUsers; i++) {
            String uid = String.format("seed%04d", i);
            connection.add(new Entry("uid=" + uid + "," + PEOPLE,
                    new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson",
                            "scimBridgeAux"),
                    new Attribute("uid", uid), new Attribute("cn", "Seed " + i),
                    new Attribute("sn", "Seed" + i), new Attribute("mail", uid + "@example.com"),
                    new Attribute("scimExternalId", "seed-ext-" + i)));
        }
    }
}

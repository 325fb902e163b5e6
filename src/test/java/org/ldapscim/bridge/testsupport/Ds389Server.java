package org.ldapscim.bridge.testsupport;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldif.LDIFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

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
public final class Ds389Server extends ScriptedDirectoryServer {
    public static final String SERVICE_ACCOUNT = "uid=scim-bridge,ou=services," + SUFFIX;
    public static final String SERVICE_PASSWORD = TestSecret.DS389_SERVICE_PASSWORD.value();
    private static final String INDEXES = "cn=index,cn=userroot,cn=ldbm database,cn=plugins,cn=config";

    /** A 389-DS seeded with {@code seededUsers} users {@code seed0001 ..}, mail {@code seedNNNN@example.com}. */
    public Ds389Server(int seededUsers) {
        super("389ds", "389-DS", seededUsers);
    }

    @Override
    protected Path createFolder() throws IOException {
        // ns-slapd runs as the dirsrv user, which must be able to reach the instance folder.
        return Files.createTempDirectory("ds389-it-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    @Override
    protected void prepare() throws Exception {
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
        DirectoryScripts.runCommand(Map.of("PREFIX", setting("DS_PREFIX")),
                List.of("dsctl", setting("DS_INSTANCE"), "restart"));
        try (LDAPConnection connection = connect()) {
            addServiceAccount(connection);
            seedUsers(connection);
        }
    }

    @Override
    protected String[] entryAttributes() {
        return new String[] {"*", "+", "nsAccountLock", "entryUSN"};
    }

    /** The service account the preset's bridge.yaml describes, not Directory Manager. */
    @Override
    public String bridgeBindDn() {
        return SERVICE_ACCOUNT;
    }

    @Override
    public String bridgeBindPassword() {
        return SERVICE_PASSWORD;
    }

    private static void loadBridgeSchema(LDAPConnection connection) throws IOException, LDIFException, LDAPException {
        Entry shipped = shippedBridgeSchema();
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
}

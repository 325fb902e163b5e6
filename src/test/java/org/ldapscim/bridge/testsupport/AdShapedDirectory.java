package org.ldapscim.bridge.testsupport;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.unboundidds.controls.IgnoreNoUserModificationRequestControl;
import com.unboundid.ldif.LDIFException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.ResourceMappingConfig;
import org.ldapscim.bridge.config.TransformConfig;
import org.ldapscim.bridge.config.ResourceMappingConfig.CreateConfig;
import org.ldapscim.bridge.ldap.InMemoryDirectory;

/**
 * An in-memory directory for {@code DC=example,DC=test} with the shipped schemas, Active Directory's included,
 * so the {@code active-directory} preset runs on it through {@link PresetBridge}, with the changes
 * {@link #inMemory} makes: the in-memory server has no objectGUID, whenCreated or uSNChanged, so ids are its
 * entryUUIDs and meta its timestamps. Close it after the tests.
 */
public final class AdShapedDirectory implements AutoCloseable {
    public static final String DOMAIN = "DC=example,DC=test";
    public static final String USERS = "CN=Users," + DOMAIN;

    private final InMemoryDirectory directory;
    private final DirectoryHooks hooks;

    private AdShapedDirectory(InMemoryDirectory directory, DirectoryHooks hooks) {
        this.directory = directory;
        this.hooks = hooks;
    }

    /** The domain with {@code CN=Users} and these containers (DNs, parents first), over every control. */
    public static AdShapedDirectory start(String... containers) {
        return start(new DirectoryHooks(), containers);
    }

    /** As {@link #start(String...)}, over a directory whose root DSE does not advertise these controls. */
    public static AdShapedDirectory hidingControls(List<String> oids, String... containers) {
        return start(new DirectoryHooks(oids.toArray(String[]::new)), containers);
    }

    private static AdShapedDirectory start(DirectoryHooks hooks, String... containers) {
        AdShapedDirectory directory = new AdShapedDirectory(InMemoryDirectory.start(DOMAIN, 0, hooks), hooks);
        directory.add("dn: " + DOMAIN, "objectClass: top", "objectClass: domain", "dc: example");
        directory.addContainer(USERS);
        for (String container : containers) {
            directory.addContainer(container);
        }
        return directory;
    }

    /** An organizational unit or container at {@code dn}, by the naming attribute of its RDN. */
    public void addContainer(String dn) {
        String rdn = dn.substring(0, dn.indexOf('='));
        String value = dnOf(dn).getRDN().getAttributeValues()[0];
        if (rdn.equalsIgnoreCase("OU")) {
            add("dn: " + dn, "objectClass: top", "objectClass: organizationalUnit", "ou: " + value);
        } else {
            add("dn: " + dn, "objectClass: top", "objectClass: applicationProcess", "cn: " + value);
        }
    }

    private static com.unboundid.ldap.sdk.DN dnOf(String dn) {
        try {
            return new com.unboundid.ldap.sdk.DN(dn);
        } catch (LDAPException e) {
            throw new IllegalArgumentException(dn, e);
        }
    }

    /** Adds an entry given as LDIF lines straight into the directory, for fixtures the bridge did not write. */
    public void add(String... ldifLines) {
        try {
            directory.server().add(new AddRequest(new Entry(ldifLines),
                    new Control[] {new IgnoreNoUserModificationRequestControl()}));
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException("cannot add fixture " + ldifLines[0] + ": " + e.getMessage(), e);
        }
    }

    /** The entry at {@code dn} with user and operational attributes, or null. */
    public SearchResultEntry entry(String dn) {
        try {
            return directory.server().getEntry(dn, "*", "+");
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot read " + dn + ": " + e.getMessage(), e);
        }
    }

    public InMemoryDirectoryServer server() {
        return directory.server();
    }

    public DirectoryHooks hooks() {
        return hooks;
    }

    /** Anonymous access to this directory, as the bridge's {@code ldap} section. */
    public LdapConfig ldapConfig() {
        return LdapConfigs.of(directory.url(), null, null, 4);
    }

    /**
     * The preset's mapping as it must be for the in-memory server, then changed by {@code adjust}: ids from
     * entryUUID, and no password mapping, since the bridge rightly refuses to send unicodePwd over this plain
     * connection.
     */
    public static UnaryOperator<ResourceMappingConfig> inMemory(UnaryOperator<ResourceMappingConfig> adjust) {
        return config -> adjust.apply(new ResourceMappingConfig(config.resourceType(), config.schemaExtensions(),
                config.baseDns(), config.searchFilter(), config.objectClasses(), config.create(),
                new ResourceMappingConfig.IdConfig("entryUUID", null),
                new ResourceMappingConfig.MetaConfig(null, null, null), config.placeholderMember(),
                config.attributes().stream().filter(a -> !(a.transform() instanceof TransformConfig.Password))
                        .toList()));
    }

    /** {@code config} with other base DNs. */
    public static ResourceMappingConfig withBaseDns(ResourceMappingConfig config, List<String> baseDns) {
        return new ResourceMappingConfig(config.resourceType(), config.schemaExtensions(), baseDns,
                config.searchFilter(), config.objectClasses(), config.create(), config.id(), config.meta(),
                config.placeholderMember(), config.attributes());
    }

    /** {@code config} with other create settings. */
    public static ResourceMappingConfig withCreate(ResourceMappingConfig config, UnaryOperator<CreateConfig> create) {
        return new ResourceMappingConfig(config.resourceType(), config.schemaExtensions(), config.baseDns(),
                config.searchFilter(), config.objectClasses(), create.apply(config.create()), config.id(),
                config.meta(), config.placeholderMember(), config.attributes());
    }

    @Override
    public void close() {
        directory.close();
    }
}

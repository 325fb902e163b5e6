package org.ldapscim.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.unboundid.ldap.sdk.Entry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.ConfigLoader;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.mapping.MappingCompiler;
import org.ldapscim.bridge.mapping.ResourceMapping;

/** What {@code serve} and {@code check-config} require to exist before they accept the OpenLDAP preset. */
class RequiredEntriesTest {
    private static final List<String> LABELS = List.of("users.yaml", "groups.yaml");

    private static List<ResourceMapping> openLdapPreset() {
        Path folder = Path.of("config", "openldap");
        return MappingCompiler.compile(LABELS.stream().map(label -> ConfigLoader.readMapping(folder.resolve(label)))
                .toList(), LABELS);
    }

    @Test
    void aMissingPlaceholderMemberIsNamedAndThenAcceptedOnceItExists() throws Exception {
        try (InMemoryDirectory directory = InMemoryDirectory.start("dc=example,dc=com", 0);
             DirectoryClient client = directory.client(1)) {
            directory.server().add(new Entry("dn: dc=example,dc=com", "objectClass: domain", "dc: example"));
            directory.server().add(new Entry("dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit",
                    "ou: people"));
            directory.server().add(new Entry("dn: ou=groups,dc=example,dc=com", "objectClass: organizationalUnit",
                    "ou: groups"));
            ConfigException refused = assertThrows(ConfigException.class,
                    () -> Assembly.requireEntriesExist(openLdapPreset(), LABELS, client));
            assertEquals("groups.yaml: placeholderMember", refused.keyPath());

            directory.server().add(new Entry("dn: cn=empty-group-placeholder,dc=example,dc=com",
                    "objectClass: applicationProcess", "cn: empty-group-placeholder"));
            Assembly.requireEntriesExist(openLdapPreset(), LABELS, client);
        }
    }
}

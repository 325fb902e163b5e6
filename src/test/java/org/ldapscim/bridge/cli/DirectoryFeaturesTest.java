package org.ldapscim.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.config.AttributeMappingConfig;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.ConfigLoader;
import org.ldapscim.bridge.config.ResourceMappingConfig;
import org.ldapscim.bridge.config.TransformConfig;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.mapping.MappingCompiler;
import org.ldapscim.bridge.mapping.ResourceMapping;

/**
 * Indirect groups need AD's LDAP_MATCHING_RULE_IN_CHAIN. The in-memory directory has no such rule, so a mapping
 * that asks for them is refused there at startup rather than served with the indirect groups missing.
 */
class DirectoryFeaturesTest {
    private static final List<String> LABELS = List.of("users.yaml", "groups.yaml");

    private static List<ResourceMapping> activeDirectoryPreset(boolean indirect) {
        Path folder = Path.of("config", "active-directory");
        ResourceMappingConfig users = ConfigLoader.readMapping(folder.resolve("users.yaml"));
        List<AttributeMappingConfig> attributes = users.attributes().stream().map(a -> a.scim().equals("groups")
                ? new AttributeMappingConfig(a.scim(), a.ldap(), a.writable(), a.searchable(), a.primary(),
                new TransformConfig.Reference(List.of("Group"), null, indirect))
                : a).toList();
        users = new ResourceMappingConfig(users.resourceType(), users.schemaExtensions(), users.baseDns(),
                users.searchFilter(), users.objectClasses(), users.create(), users.id(), users.meta(),
                users.placeholderMember(), attributes);
        return MappingCompiler.compile(List.of(users, ConfigLoader.readMapping(folder.resolve("groups.yaml"))), LABELS);
    }

    @Test
    void indirectGroupsAreRefusedOnADirectoryThatIsNoActiveDirectory() {
        try (InMemoryDirectory directory = InMemoryDirectory.start("dc=example,dc=test", 0);
             DirectoryClient client = directory.client(1)) {
            assertFalse(client.isActiveDirectory());
            ConfigException refused = assertThrows(ConfigException.class,
                    () -> Assembly.requireDirectoryFeatures(activeDirectoryPreset(true), LABELS, client));
            assertEquals("users.yaml: attributes(groups).transform.indirect", refused.keyPath());
            assertTrue(refused.getMessage().contains("LDAP_MATCHING_RULE_IN_CHAIN"), refused.getMessage());

            Assembly.requireDirectoryFeatures(activeDirectoryPreset(false), LABELS, client);
        }
    }
}

package org.ldapscim.bridge.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ldapscim.bridge.auth.ClientAuthenticator;
import org.ldapscim.bridge.config.ConfigLoader;
import org.ldapscim.bridge.http.ClientProfiles;
import org.ldapscim.bridge.config.LoadedConfig;
import org.ldapscim.bridge.config.ResourceMappingConfig;
import org.ldapscim.bridge.ldap.ShippedSchemas;

/**
 * Every file shipped under {@code config/} loads, compiles and fits the shipped LDAP schemas, the way
 * {@code check-config --offline} checks it (STYLE §2.5). A directory with a {@code bridge.yaml} is loaded
 * through it; one without (the demo, which the jar reads from its class path) is read file by file.
 */
class ExampleConfigsTest {
    private static Schema schema;

    @BeforeAll
    static void loadSchema() {
        schema = ShippedSchemas.load();
    }

    static Path configRoot() {
        return Path.of(System.getProperty("basedir", "."), "config");
    }

    static List<String> shippedDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(configRoot())) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Set<String> yamlFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void theShippedDirectoriesAreTheOnesDocumented() throws IOException {
        assertEquals(List.of("389ds", "active-directory", "demo", "openldap"), shippedDirectories());
        try (Stream<Path> top = Files.list(configRoot())) {
            assertTrue(top.allMatch(Files::isDirectory), "config/ holds only directories");
        }
    }

    @ParameterizedTest(name = "config/{0}")
    @MethodSource("shippedDirectories")
    void everyShippedConfigurationLoadsCompilesAndFitsTheShippedSchemas(String name) throws IOException {
        Path directory = configRoot().resolve(name);
        Set<String> files = yamlFiles(directory);
        List<ResourceMappingConfig> configs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        if (files.contains("bridge.yaml")) {
            LoadedConfig loaded = ConfigLoader.load(directory.resolve("bridge.yaml"));
            configs.addAll(loaded.resources());
            labels.addAll(loaded.bridge().mappings());
            // The clients' token hashes are well-formed and the profiles they pin exist.
            new ClientAuthenticator(loaded.bridge().auth().clients());
            ClientProfiles.of(loaded.bridge().auth().clients());
            assertFalse(loaded.bridge().ldap().urls().isEmpty(), "an LDAP URL is configured");
            assertFalse(loaded.bridge().ldap().bindPassword().isEmpty(), "the bind password resolves");
            Set<String> listed = new TreeSet<>(labels);
            listed.add("bridge.yaml");
            assertEquals(files, listed, "bridge.yaml lists every mapping file beside it");
        } else {
            for (String file : files) {
                // The jar carries config/ on its class path, as `demo` reads it.
                configs.add(ConfigLoader.readMapping("config/" + name + "/" + file));
                labels.add(file);
            }
        }
        List<ResourceMapping> mappings = MappingCompiler.compile(configs, labels);
        MappingSchemaCheck.check(mappings, labels, schema);
        assertEquals(Set.of("User", "Group"), mappings.stream().map(ResourceMapping::name).collect(Collectors.toSet()));
    }

    @Test
    void theDemoMappingsOnTheClassPathAreTheFilesInTheSourceTree() throws IOException {
        for (String file : yamlFiles(configRoot().resolve("demo"))) {
            try (var in = ExampleConfigsTest.class.getClassLoader().getResourceAsStream("config/demo/" + file)) {
                assertEquals(Files.readString(configRoot().resolve("demo").resolve(file)),
                        new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }
}

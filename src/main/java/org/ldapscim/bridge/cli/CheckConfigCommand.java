package org.ldapscim.bridge.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.ldapscim.bridge.auth.ClientAuthenticator;
import org.ldapscim.bridge.auth.TrustedProxies;
import org.ldapscim.bridge.config.ConfigLoader;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.LoadedConfig;
import org.ldapscim.bridge.http.ClientProfiles;
import org.ldapscim.bridge.http.ScimServer;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.DirectoryConnector;
import org.ldapscim.bridge.ldap.ShippedSchemas;
import org.ldapscim.bridge.mapping.MappingCompiler;
import org.ldapscim.bridge.mapping.ResourceMapping;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Checks a configuration the way {@code serve} would, without serving. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Validate the configuration: keys, types, mappings against the directory schema, clients."
                + " Exits 0 when all is well, 2 naming the first problem otherwise.")
final class CheckConfigCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    @Option(names = "--offline", description = "Check mappings against the shipped schemas (ldap-schemas/)"
            + " instead of connecting to the directory and the journal database.")
    private boolean offline;

    @Override
    public Integer call() {
        LoadedConfig loaded = ConfigLoader.load(config.file);
        new ClientAuthenticator(loaded.bridge().auth().clients());
        new TrustedProxies(loaded.bridge().server().trustedProxies());
        Assembly.requireClientCertificatesAsked(loaded.bridge().server(), loaded.bridge().auth().clients());
        ScimServer.checkListener(loaded.bridge().server());
        ClientProfiles.of(loaded.bridge().auth().clients());
        var journalSettings = ConfigOption.journalSettings(loaded.bridge().journal());
        List<ResourceMapping> mappings;
        if (offline) {
            mappings = Assembly.mappings(loaded.resources(), loaded.bridge().mappings(), ShippedSchemas.load());
            Assembly.requireEncryptedPasswordWrites(mappings, loaded.bridge().mappings(), loaded.bridge().ldap());
            Assembly.requireDeprovisionPolicies(mappings, loaded.bridge().mappings(), loaded.bridge().auth().clients(),
                    null);
            Assembly.clientScopes(mappings, loaded.bridge().auth().clients());
        } else {
            LdapConfig ldap = ConfigOption.requireLdap(loaded.bridge().ldap());
            Assembly.requireEncryptedPasswordWrites(MappingCompiler.compile(loaded.resources(),
                    loaded.bridge().mappings()), loaded.bridge().mappings(), ldap);
            try (DirectoryClient directory = DirectoryConnector.connect(ldap)) {
                mappings = Assembly.mappings(loaded.resources(), loaded.bridge().mappings(), directory.schema());
                Assembly.requireEntriesExist(mappings, loaded.bridge().mappings(), directory);
                Assembly.requireDirectoryFeatures(mappings, loaded.bridge().mappings(), directory);
                Assembly.requireDeprovisionPolicies(mappings, loaded.bridge().mappings(), loaded.bridge().auth().clients(),
                        directory);
                Assembly.clientScopes(mappings, loaded.bridge().auth().clients());
            }
            Assembly.openJournal(journalSettings).close();
        }
        if (loaded.bridge().ldap() != null) {
            loaded.bridge().ldap().weakenedChecks().forEach(warning -> System.out.println("WARNING: " + warning));
        }
        System.out.println("configuration OK: " + mappings.stream().map(ResourceMapping::endpoint).toList()
                + (offline ? " (checked against the shipped schemas)" : ""));
        return 0;
    }
}

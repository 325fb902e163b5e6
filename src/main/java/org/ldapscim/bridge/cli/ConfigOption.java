package org.ldapscim.bridge.cli;

import java.nio.file.Path;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.JournalConfig;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.journal.JournalSettings;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option the service commands share, and the checks on its sections. */
final class ConfigOption {
    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The bridge configuration, e.g. /etc/ldap-scim-bridge/bridge.yaml")
    Path file;

    static LdapConfig requireLdap(LdapConfig ldap) {
        if (ldap == null) {
            throw new ConfigException("ldap", "the ldap section is missing", "see config/openldap/bridge.yaml");
        }
        return ldap;
    }

    static JournalSettings journalSettings(JournalConfig journal) {
        if (journal == null || journal.jdbcUrl() == null) {
            throw new ConfigException("journal.jdbcUrl", "the journal database is not configured",
                    "e.g. jdbcUrl: jdbc:mariadb://127.0.0.1:3306/bridge_journal");
        }
        return new JournalSettings(journal.jdbcUrl(), journal.username() == null ? "" : journal.username(),
                journal.password().reveal(), journal.poolSize(),
                java.time.Duration.ofSeconds(journal.createRetryWindowSeconds()));
    }
}

package org.ldapscim.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.ldapscim.bridge.journal.JournalSettings;
import org.ldapscim.bridge.testsupport.OpenLdapServer;
import org.ldapscim.bridge.testsupport.SambaAdServer;
import org.ldapscim.bridge.testsupport.TestJournalDatabase;

/**
 * {@code check-config} run as an operator runs it, on the shipped {@code config/active-directory} preset pointed
 * at a real Samba domain controller: the mappings are checked against the domain's own schema.
 */
class SambaAdCheckConfigIT {
    @RegisterExtension
    static final SambaAdServer samba = new SambaAdServer();

    private static TestJournalDatabase database;

    @TempDir
    Path temp;

    @BeforeAll
    static void createJournal() {
        database = TestJournalDatabase.create();
    }

    @AfterAll
    static void dropJournal() {
        if (database != null) {
            database.close();
        }
    }

    private static CommandRun checkConfig(Path bridgeYaml) {
        return CommandRun.run("check-config", "--config", bridgeYaml.toString());
    }

    /** The preset copied, its bridge.yaml pointed at Samba over {@code url} and at the test journal. */
    private Path preset(String url, UnaryOperator<String> users) throws IOException {
        Path shipped = OpenLdapServer.projectDir().resolve("config/active-directory");
        Path copy = Files.createDirectories(temp.resolve("active-directory"));
        Files.writeString(copy.resolve("users.yaml"), users.apply(Files.readString(shipped.resolve("users.yaml"))));
        Files.copy(shipped.resolve("groups.yaml"), copy.resolve("groups.yaml"));
        JournalSettings journal = database.settings();
        String bridge = Files.readString(shipped.resolve("bridge.yaml"))
                .replace("[\"ldaps://dc1.example.test:636\", \"ldaps://dc2.example.test:636\"]", "[\"" + url + "\"]")
                .replace("CN=svc-scim,CN=Users,DC=example,DC=test", samba.bindDn())
                .replace("{credential: ldap-bind-password}", "\"" + samba.bindPassword() + "\"")
                .replace("trustStore: /etc/ldap-scim-bridge/ad-ca.p12", "trustStore: " + samba.trustStore()
                        + "\n    trustStorePassword: \"" + samba.trustStorePassword() + "\"")
                .replace("jdbc:mariadb://127.0.0.1:3306/bridge_journal", journal.jdbcUrl())
                .replace("username: scim_bridge", "username: \"" + journal.username() + "\"")
                .replace("{credential: journal-password}", "\"" + journal.password() + "\"");
        assertFalse(bridge.contains("credential:") || bridge.contains("dc1.example.test"), bridge);
        return Files.writeString(copy.resolve("bridge.yaml"), bridge);
    }

    @Test
    void theShippedPresetPassesAgainstTheLiveDomain() throws IOException {
        CommandRun run = checkConfig(preset(samba.ldapsUrl(), UnaryOperator.identity()));

        assertEquals(0, run.exit(), run.toString());
        assertEquals("configuration OK: [/Users, /Groups]", run.out().strip());
        assertFalse(run.out().contains(samba.bindPassword()) || run.err().contains(samba.bindPassword()));
    }

    @Test
    void anAttributeTheDomainLacksIsNamed() throws IOException {
        CommandRun run = checkConfig(preset(samba.ldapsUrl(), users -> users.replace("ldap: employeeID}", "ldap: employeeIdentifier}")));

        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("users.yaml: attributes(externalId).ldap: attribute employeeIdentifier is not in"
                + " the directory schema"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void anAttributeNoClassOfTheEntryAllowsIsNamed() throws IOException {
        // pKIExpirationPeriod is in the domain's schema, but only certificate templates may hold it.
        CommandRun run = checkConfig(preset(samba.ldapsUrl(), users -> users.replace("ldap: title}", "ldap: pKIExpirationPeriod}")));

        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("allows pKIExpirationPeriod"), run.err());
    }

    @Test
    void unicodePwdOverPlainLdapWithoutStartTlsIsRefused() throws IOException {
        CommandRun run = checkConfig(preset(samba.url(), UnaryOperator.identity()));

        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("ldap.urls[0]") && run.err().contains("unicodePwd")
                && run.err().contains("ldap.tls.startTls"), run.err());
        Path bridgeYaml = temp.resolve("active-directory/bridge.yaml");
        Files.writeString(bridgeYaml, Files.readString(bridgeYaml).replace("  tls:\n", "  tls:\n    startTls: true\n"));
        CommandRun startTls = checkConfig(bridgeYaml);
        assertEquals(0, startTls.exit(), startTls.toString());
    }
}

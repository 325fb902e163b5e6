package org.ldapscim.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.groupDn;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.userDn;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.ldapscim.bridge.journal.JournalSettings;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;
import org.ldapscim.bridge.testsupport.DeprovisionRows;
import org.ldapscim.bridge.testsupport.OpenLdapServer;
import org.ldapscim.bridge.testsupport.TestSecret;

/**
 * {@code preview} against the demo directory and a real journal database: it prints what the bridge would write,
 * and the directory and the journal stay as they were.
 */
class PreviewCommandIT {
    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest();

    private static final String HELENA = userDn("helena.marsh@example.com");
    private static final String NEW_USER = """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"nora.quist@example.com",
             "name":{"givenName":"Nora","familyName":"Quist"},"displayName":"Nora Quist",
             "password":"%s","emails":[{"type":"work","value":"nora.quist@example.com"}]}
            """.formatted(TestSecret.PREVIEW_USER_PASSWORD.value());

    @TempDir
    Path temp;
    private Path config;

    @BeforeEach
    void writeConfig() throws IOException {
        JournalSettings journal = bridge.journalDatabase().settings();
        Path password = temp.resolve("journal-password");
        Files.writeString(password, journal.password());
        String passwordLine = journal.password().isEmpty() ? "" : "  password: {file: " + password + "}\n";
        Path demo = OpenLdapServer.projectDir().resolve("config").resolve("demo");
        config = temp.resolve("bridge.yaml");
        Files.writeString(config, """
                server: {host: 127.0.0.1, port: 8080}
                ldap:
                  urls: ["ldap://127.0.0.1:%d"]
                journal:
                  jdbcUrl: "%s"
                  username: "%s"
                %sauth:
                  clients:
                    - name: entra
                      tokenHashes: ["sha256:0000000000000000000000000000000000000000000000000000000000000000"]
                      profile: entra
                      deprovision: {User: offboard}
                    - name: okta
                      tokenHashes: ["sha256:1111111111111111111111111111111111111111111111111111111111111111"]
                      profile: okta
                    - name: reader
                      tokenHashes: ["sha256:2222222222222222222222222222222222222222222222222222222222222222"]
                      scopes: {User: {access: read}}
                mappings: ["%s", "%s"]
                """.formatted(bridge.directory().getListenPort(), journal.jdbcUrl(), journal.username(), passwordLine,
                demo.resolve("users.yaml"), demo.resolve("groups.yaml")));
    }

    @Test
    void postShowsTheAddItsJournalEntryAndTheCreatedUserWithoutThePassword() throws Exception {
        CommandRun run = unchanged(() -> preview(NEW_USER, "--client", "entra", "POST", "/Users"));

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("dn: uid=nora.quist@example.com,ou=people,dc=example,dc=com\nchangetype: add\n"),
                run.out());
        assertTrue(run.out().contains("userPassword: <secret>"), run.out());
        assertTrue(run.out().contains("\"operation\" : \"CREATE\""), run.out());
        assertTrue(run.out().contains("\"client\" : \"entra\""), run.out());
        assertTrue(run.out().contains("# SCIM response\n201\n"), run.out());
        assertTrue(run.out().contains("\"userName\" : \"nora.quist@example.com\""), run.out());
        String password = TestSecret.PREVIEW_USER_PASSWORD.value();
        assertFalse(run.out().contains(password) || run.err().contains(password), run.out());
    }

    @Test
    void patchActiveFalseUnderTheOffboardPolicyShowsTheLockAndEveryGroupLeft() throws Exception {
        String id = bridge.idOf(HELENA);
        String disable = """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","path":"active","value":"False"}]}
                """;
        CommandRun run = unchanged(() -> preview(disable, "--client", "entra", "PATCH", "/Users/" + id));

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("dn: " + HELENA + "\nchangetype: modify\nreplace: pwdAccountLockedTime\n"
                + "pwdAccountLockedTime: 000001010000Z\n"), run.out());
        for (String group : new String[] {"All Staff", "Leadership Team"}) {
            assertTrue(run.out().contains("dn: " + groupDn(group) + "\nchangetype: modify\ndelete: member\nmember: "
                    + HELENA + "\n"), run.out());
        }
        // She is the only member of Board Liaison, and groupOfNames requires one: the placeholder goes in.
        assertTrue(run.out().contains("dn: " + groupDn("Board Liaison") + "\nchangetype: modify\nadd: member\n"
                + "member: cn=empty-group-placeholder,dc=example,dc=com\n-\ndelete: member\nmember: " + HELENA + "\n"),
                run.out());
        assertTrue(run.out().contains("\"operation\" : \"DEPROVISION\""), run.out());
        assertTrue(run.out().contains("\"step\" : \"stripGroups\""), run.out());
        // Entra's profile answers a PATCH with 204.
        assertTrue(run.out().endsWith("# SCIM response\n204\n"), run.out());
    }

    @Test
    void deleteUnderTheOffboardPolicyShowsTheMoveToQuarantineInsteadOfADelete() throws Exception {
        String id = bridge.idOf(HELENA);
        CommandRun run = unchanged(() -> preview(null, "--client", "entra", "DELETE", "/Users/" + id));

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("dn: " + HELENA + "\nchangetype: moddn\nnewrdn: uid=helena.marsh@example.com\n"
                + "deleteoldrdn: 1\nnewsuperior: ou=quarantine,dc=example,dc=com\n"), run.out());
        assertTrue(run.out().contains("dn: uid=helena.marsh@example.com,ou=quarantine,dc=example,dc=com\n"
                + "changetype: modify\nreplace: description\n"), run.out());
        assertFalse(run.out().contains("changetype: delete"), run.out());
        assertTrue(run.out().contains("# SCIM response\n204\n"), run.out());
    }

    @Test
    void deleteByAClientWithoutAPolicyDeletesTheEntry() throws Exception {
        String id = bridge.idOf(userDn("linda.evans@example.com"));
        CommandRun run = unchanged(() -> preview(null, "--client", "okta", "DELETE", "/Users/" + id));

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("dn: " + userDn("linda.evans@example.com") + "\nchangetype: delete\n"),
                run.out());
        assertTrue(run.out().contains("\"operation\" : \"DELETE\""), run.out());
    }

    @Test
    void putShowsTheModifyAndTheUserAsItWouldRead() throws Exception {
        String id = bridge.idOf(HELENA);
        String replacement = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"helena.marsh@example.com",
                 "name":{"givenName":"Helena","familyName":"Marsh"},"displayName":"Helena Marsh-Okafor",
                 "title":"Chief Preview Officer","password":"%s"}
                """.formatted(TestSecret.PREVIEW_PUT_PASSWORD.value());
        Path body = temp.resolve("replacement.json");
        Files.writeString(body, replacement);
        CommandRun run = unchanged(() -> CommandRun.run("preview", "--config", config.toString(), "--client", "okta",
                "PUT", "/Users/" + id, "--body", body.toString()));

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("replace: title\ntitle: Chief Preview Officer\n"), run.out());
        assertTrue(run.out().contains("\"title\" : \"Chief Preview Officer\""), run.out());
        assertTrue(run.out().contains("\"operation\" : \"REPLACE\""), run.out());
        assertTrue(run.out().contains("# SCIM response\n200\n"), run.out());
        assertFalse(run.out().contains(TestSecret.PREVIEW_PUT_PASSWORD.value()), run.out());
    }

    @Test
    void groupMemberPatchShowsTheMemberAddedAndTheGroupAsItWouldRead() throws Exception {
        String group = bridge.idOf(groupDn("Backend"));
        String user = bridge.idOf(HELENA);
        String add = """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}
                """.formatted(user);
        CommandRun run = unchanged(() -> preview(add, "--client", "okta", "PATCH", "/Groups/" + group));

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("dn: " + groupDn("Backend") + "\nchangetype: modify\nadd: member\nmember: "
                + HELENA + "\n"), run.out());
        assertTrue(run.out().contains("\"value\" : \"" + user + "\""), run.out());
    }

    @Test
    void aDuplicateUserNameIsRefusedWith409AndExitCode2() throws Exception {
        String duplicate = NEW_USER.replace("nora.quist@example.com\",\n", "helena.marsh@example.com\",\n");
        CommandRun run = unchanged(() -> preview(duplicate, "--client", "entra", "POST", "/Users"));

        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("# SCIM response\n409\n"), run.out());
        assertTrue(run.out().contains("\"scimType\" : \"uniqueness\""), run.out());
        assertTrue(run.out().contains("# LDAP operations (none was sent)\n# none\n"), run.out());
        assertFalse(run.out().contains(TestSecret.PREVIEW_USER_PASSWORD.value()), run.out());
    }

    @Test
    void aClientWhoseScopeIsReadOnlyIsPreviewedAsRefusedWith403() throws Exception {
        CommandRun run = unchanged(() -> preview(NEW_USER, "--client", "reader", "POST", "/Users"));

        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("# SCIM response\n403\n"), run.out());
        assertTrue(run.out().contains("# LDAP operations (none was sent)\n# none\n"), run.out());
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWith400AndExitCode2() throws Exception {
        CommandRun run = unchanged(() -> preview("{\"userName\": ", "--client", "entra", "POST", "/Users"));

        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("# SCIM response\n400\n"), run.out());
        assertTrue(run.out().contains("\"scimType\" : \"invalidSyntax\""), run.out());
    }

    @Test
    void anUnknownClientIsAConfigurationErrorNamingTheClients() throws Exception {
        CommandRun run = unchanged(() -> preview(NEW_USER, "--client", "onelogin", "POST", "/Users"));

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains("--client: auth.clients has no client named 'onelogin'"), run.err());
        assertTrue(run.err().contains("[entra, okta, reader]"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aDeleteOfAnAccountTheJournalHasOffboardedAlreadyIsAnsweredWithoutWriting() throws Exception {
        String id = bridge.idOf(HELENA);
        long row = new DeprovisionRows(bridge.journalDatabase().settings()).insert("DEPROVISIONED", "User", id,
                HELENA, null);
        try {
            CommandRun run = unchanged(() -> preview(null, "--client", "entra", "DELETE", "/Users/" + id));

            assertEquals(0, run.exit(), run.err());
            assertEquals("""
                    # LDAP operations (none was sent)
                    # none

                    # Journal entries (none was recorded)
                    # none

                    # SCIM response
                    204
                    """, run.out());
        } finally {
            bridge.executeOnJournal("DELETE FROM deprovision_state WHERE id = " + row);
        }
    }

    @Test
    void aPathWithoutAnIdForADeleteIsAUsageError() {
        CommandRun run = preview(null, "--client", "entra", "DELETE", "/Users");

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains("DELETE takes /<Type>/<id>, not /Users"), run.err());
    }

    /** Runs preview with {@code body} on standard input (null: no --body). */
    private CommandRun preview(String body, String... args) {
        String[] command = new String[args.length + (body == null ? 3 : 5)];
        command[0] = "preview";
        command[1] = "--config";
        command[2] = config.toString();
        int at = 3;
        if (body != null) {
            command[at++] = "--body";
            command[at++] = "-";
        }
        System.arraycopy(args, 0, command, at, args.length);
        return CommandRun.withInput(body == null ? "" : body, command);
    }

    /** Runs {@code preview} and checks that neither the directory nor the journal changed. */
    private CommandRun unchanged(java.util.function.Supplier<CommandRun> preview) throws SQLException {
        Map<DN, Entry> before = bridge.allEntries();
        int journalBefore = bridge.journalEntries().size();
        int rowsBefore = deprovisionRows();
        CommandRun run = preview.get();
        assertEquals(before, bridge.allEntries(), "the directory changed");
        assertEquals(journalBefore, bridge.journalEntries().size(), "the journal changed");
        assertEquals(rowsBefore, deprovisionRows(), "deprovision_state changed");
        return run;
    }

    private static int deprovisionRows() throws SQLException {
        JournalSettings settings = bridge.journalDatabase().settings();
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.username(),
                settings.password());
             ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM deprovision_state")) {
            count.next();
            return count.getInt(1);
        }
    }
}

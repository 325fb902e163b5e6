package org.ldapscim.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.cli.CommandRun.withInput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;
import org.ldapscim.bridge.testsupport.Eventually;
import org.ldapscim.bridge.testsupport.TestSecret;

/** The commands an operator runs: hash-token, check-config and journal, as they answer on the console. */
class CommandLineIT {
    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROJECT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));

    @TempDir
    Path temp;

    @Test
    void hashTokenPrintsTheSha256OfTheTokenReadOnStandardInput() throws NoSuchAlgorithmException {
        String token = "a-token-of-some-length-7f3e9b21";

        CommandRun run = withInput(token + "\n", "hash-token");

        assertEquals(0, run.exit(), run.err());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        assertEquals("sha256:" + HexFormat.of().formatHex(digest), run.out().strip());
        assertEquals(1, run.lines().size());
    }

    @Test
    void hashTokenRefusesATokenShorterThanSixteenCharacters() {
        for (String stdin : List.of("short\n", "", "\n", "fifteen-chars-x\n")) {
            CommandRun run = withInput(stdin, "hash-token");

            assertEquals(2, run.exit(), "for " + stdin.strip() + ": " + run);
            assertEquals("", run.out());
            assertTrue(run.err().contains("16 characters"), run.err());
        }
        assertEquals(0, withInput("sixteen-chars-xx\n", "hash-token").exit());
    }

    @Test
    void hashTokenGenerateShowsTheNewTokenOnStandardErrorAndItsHash() {
        CommandRun run = withInput("", "hash-token", "--generate");

        assertEquals(0, run.exit());
        String token = run.err().strip().replaceFirst("^token: ", "");
        assertTrue(token.length() >= 40, run.err());
        assertEquals(withInput("" + token + "\n", "hash-token").out(), run.out());
    }

    @Test
    void checkConfigOfflineAcceptsTheShippedConfigurations() throws IOException, InterruptedException {
        // The shipped files take their secrets as systemd credentials, resolved when the file is loaded:
        // the check runs as its own process with CREDENTIALS_DIRECTORY set, as systemd would start it.
        Path credentials = Files.createDirectories(temp.resolve("credentials"));
        Files.writeString(credentials.resolve("ldap-bind-password"), "bind-secret\n");
        Files.writeString(credentials.resolve("journal-password"), "journal-secret\n");
        for (String shipped : List.of("config/openldap/bridge.yaml", "config/389ds/bridge.yaml",
                "config/active-directory/bridge.yaml")) {
            CommandRun run = runProcess(credentials, "check-config", "--offline", "--config", PROJECT.resolve(shipped).toString());

            assertEquals(0, run.exit(), shipped + ": " + run);
            assertTrue(run.out().contains("configuration OK: [/Users, /Groups] (checked against the shipped schemas)"),
                    run.out());
            assertTrue(!run.out().contains("bind-secret") && !run.err().contains("bind-secret"), run.toString());
        }
    }

    @Test
    void checkConfigNamesTheKeyPathOfWhatIsBroken() throws IOException {
        Path copy = copyOfOpenLdapConfig();
        assertEquals(0, withInput("", "check-config", "--offline", "--config", copy.resolve("bridge.yaml").toString()).exit(),
                "the copy itself is fine");

        assertBroken(copy, "bridge.yaml", text -> text.replace("size: 8", "size: eight"), "ldap.pool.size");
        assertBroken(copy, "bridge.yaml", text -> text.replace("  port: 8080", "  port: 8080\n  prot: 8081"),
                "server.prot: unknown key 'prot'");
        assertBroken(copy, "bridge.yaml", text -> text.replace("host: 127.0.0.1", "host: 0.0.0.0"), "server.host");
        assertBroken(copy, "bridge.yaml", text -> text.replace("  port: 8080", "  port: 8080\n  tls: {certificateFile:"
                + " " + copy.resolve("none.crt") + ", keyFile: " + copy.resolve("none.key") + "}"),
                "server.tls.certificateFile");
        assertBroken(copy, "bridge.yaml", text -> text.replace("sha256:0000", "sha256:zz00"),
                "auth.clients[0].tokenHashes[0]");
        assertBroken(copy, "bridge.yaml", text -> text.replace("mappings: [users.yaml, groups.yaml]",
                "mappings: [users.yaml, nowhere.yaml]"), "mappings[1]");
        assertBroken(copy, "users.yaml", text -> text.replace("ldap: title}", "ldap: titel}"),
                "users.yaml: attributes(title).ldap: attribute titel is not in the directory schema");
        assertBroken(copy, "groups.yaml", text -> text.replace("kind: reference", "kind: referance"),
                "attributes[2].transform: unknown kind 'referance'");
    }

    @Test
    void checkConfigPrintsTheTlsChecksThatAreSwitchedOff() throws IOException {
        Path copy = copyOfOpenLdapConfig();
        Path bridge = copy.resolve("bridge.yaml");
        CommandRun checked = withInput("", "check-config", "--offline", "--config", bridge.toString());
        assertEquals(0, checked.exit(), checked.toString());
        assertTrue(!checked.out().contains("WARNING"), checked.out());

        String original = Files.readString(bridge);
        String unchecked = original.replace("trustStore: /etc/ldap-scim-bridge/ldap-ca.p12",
                "verifyCertificates: false");
        assertTrue(!unchecked.equals(original), "the shipped openldap bridge.yaml names a trustStore");
        Files.writeString(bridge, unchecked);
        CommandRun run = withInput("", "check-config", "--offline", "--config", bridge.toString());

        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().startsWith("WARNING: ldap.tls.verifyCertificates is false"), run.out());
        assertTrue(run.out().contains("configuration OK"), run.out());
    }

    private void assertBroken(Path copy, String file, UnaryOperator<String> breakage, String named) throws IOException {
        Path target = copy.resolve(file);
        String original = Files.readString(target);
        String broken = breakage.apply(original);
        assertTrue(!broken.equals(original), "the breakage for " + named + " changed nothing in " + file);
        Files.writeString(target, broken);
        try {
            CommandRun run = withInput("", "check-config", "--offline", "--config", copy.resolve("bridge.yaml").toString());

            assertEquals(2, run.exit(), run.toString());
            assertTrue(run.err().startsWith("configuration error: "), run.err());
            assertTrue(run.err().contains(named), "the message does not name " + named + ": " + run.err());
            assertEquals("", run.out());
        } finally {
            Files.writeString(target, original);
        }
    }

    /** config/openldap copied, with its systemd credentials turned into secret files beside it. */
    private Path copyOfOpenLdapConfig() throws IOException {
        Path copy = Files.createDirectories(temp.resolve("openldap"));
        for (String file : List.of("bridge.yaml", "users.yaml", "groups.yaml")) {
            Files.copy(PROJECT.resolve("config/openldap").resolve(file), copy.resolve(file));
        }
        Path bridgeYaml = copy.resolve("bridge.yaml");
        String text = Files.readString(bridgeYaml);
        for (String credential : List.of("ldap-bind-password", "journal-password")) {
            Path secret = Files.writeString(copy.resolve(credential), "secret-of-" + credential + "\n");
            text = text.replace("{credential: " + credential + "}", "{file: " + secret + "}");
        }
        Files.writeString(bridgeYaml, text);
        return copy;
    }

    @Test
    void journalPrintsWhatTheBridgeRecordedAsJsonLinesNewestFirst() throws IOException {
        String created = bridge.post("/Users", """
                {"schemas": ["%s"], "userName": "cli.user@example.com", "password": "Never-Printed-42"}"""
                .formatted(BridgeUnderTest.SCHEMA_USER)).expect(201).get("id").asText();
        bridge.patch("/Users/" + created, """
                {"schemas": ["%s"], "Operations": [{"op": "replace", "path": "title", "value": "Operator"}]}"""
                .formatted(BridgeUnderTest.SCHEMA_PATCH)).expect(200);
        bridge.post("/Groups", """
                {"schemas": ["%s"], "displayName": "CLI Group"}""".formatted(BridgeUnderTest.SCHEMA_GROUP)).expect(201);
        Path config = temp.resolve("journal.yaml");
        var settings = bridge.journalDatabase().settings();
        Files.writeString(config, "journal:\n  jdbcUrl: \"" + settings.jdbcUrl() + "\"\n  username: \""
                + settings.username() + "\"\n" + (settings.password().isEmpty() ? ""
                : "  password: \"" + settings.password() + "\"\n"));

        CommandRun all = withInput("", "journal", "--config", config.toString());

        assertEquals(0, all.exit(), all.toString());
        List<JsonNode> entries = new ArrayList<>();
        for (String line : all.lines()) {
            entries.add(JSON.readTree(line));
        }
        assertEquals(List.of("CREATE", "PATCH", "CREATE"), entries.stream().map(e -> e.get("operation").asText()).toList());
        assertEquals("Group", entries.get(0).get("resourceType").asText());
        assertEquals(created, entries.get(1).get("resourceId").asText());
        assertEquals("SUCCEEDED", entries.get(1).get("outcome").asText());
        assertEquals(List.of("Operator"), List.of(entries.get(1).at("/changes/title/after/0").asText()));
        assertEquals(BridgeUnderTest.CLIENT, entries.get(2).get("client").asText());
        assertTrue(entries.get(2).get("occurredAt").asText().endsWith("Z"));
        assertTrue(!all.out().contains("Never-Printed-42"), all.out());

        CommandRun newest = withInput("", "journal", "--config", config.toString(), "--limit", "1");
        assertEquals(1, newest.lines().size());
        assertEquals(entries.get(0), JSON.readTree(newest.lines().get(0)));
        CommandRun ofUser = withInput("", "journal", "--config", config.toString(), "--resource", created);
        assertEquals(List.of(entries.get(1), entries.get(2)), ofUser.lines().stream().map(CommandLineIT::json).toList());

        CommandRun patches = withInput("", "journal", "--config", config.toString(), "--operation", "patch");
        assertEquals(List.of(entries.get(1)), patches.lines().stream().map(CommandLineIT::json).toList());
        CommandRun newestCreate = withInput("", "journal", "--config", config.toString(), "--client", BridgeUnderTest.CLIENT,
                "--operation", "Create", "--limit", "1");
        assertEquals(List.of(entries.get(0)), newestCreate.lines().stream().map(CommandLineIT::json).toList());
        CommandRun otherClient = withInput("", "journal", "--config", config.toString(), "--client", BridgeUnderTest.CLIENT + "%");
        assertEquals(0, otherClient.exit(), otherClient.toString());
        assertEquals(List.of(), otherClient.lines());
        CommandRun sincePatch = withInput("", "journal", "--config", config.toString(),
                "--since", entries.get(1).get("occurredAt").asText(), "--until", entries.get(0).get("occurredAt").asText());
        assertEquals(List.of(entries.get(1)), sincePatch.lines().stream().map(CommandLineIT::json).toList());

        CommandRun badLimit = withInput("", "journal", "--config", config.toString(), "--limit", "0");
        assertEquals(2, badLimit.exit());
        assertTrue(badLimit.err().contains("--limit"), badLimit.err());
        CommandRun missing = withInput("", "journal", "--config", temp.resolve("nowhere.yaml").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--config"), missing.err());
    }

    @Test
    void journalAuthFailuresPrintsFailedAuthenticationsWithoutTheirTokens() throws IOException {
        String wrongToken = TestSecret.WRONG_TOKEN_FOR_THE_JOURNAL.value();
        bridge.request("GET", "/Users?count=1").header("Authorization", "Bearer " + wrongToken).send()
                .expectError(401, null);
        bridge.request("GET", "/Users?count=1").without("Authorization").send().expectError(401, null);
        Eventually.until(Duration.ofSeconds(10), "both failures are journaled", () -> bridge.authFailures().size() == 2);
        Path config = temp.resolve("journal.yaml");
        var settings = bridge.journalDatabase().settings();
        Files.writeString(config, "journal:\n  jdbcUrl: \"" + settings.jdbcUrl() + "\"\n  username: \""
                + settings.username() + "\"\n" + (settings.password().isEmpty() ? ""
                : "  password: \"" + settings.password() + "\"\n"));

        CommandRun failures = withInput("", "journal", "--config", config.toString(), "--auth-failures");

        assertEquals(0, failures.exit(), failures.toString());
        List<JsonNode> rows = failures.lines().stream().map(CommandLineIT::json).toList();
        assertEquals(List.of("NONE", "STATIC_TOKEN"), rows.stream().map(r -> r.get("credential").asText()).toList());
        rows.forEach(row -> {
            assertEquals("UNAUTHENTICATED", row.get("event").asText());
            assertEquals("127.0.0.1", row.get("sourceAddress").asText());
        });
        assertTrue(!failures.out().contains(wrongToken), failures.out());
        CommandRun newest = withInput("", "journal", "--config", config.toString(), "--auth-failures", "--limit", "1");
        assertEquals(List.of(rows.get(0)), newest.lines().stream().map(CommandLineIT::json).toList());
        CommandRun mixed = withInput("", "journal", "--config", config.toString(), "--auth-failures", "--operation",
                "patch");
        assertEquals(2, mixed.exit(), mixed.toString());
        assertTrue(mixed.err().contains("--auth-failures"), mixed.err());
    }

    @Test
    void journalRejectsAnUnknownOperationOrAMalformedInstantBeforeOpeningTheJournal() {
        Path config = temp.resolve("nowhere.yaml").toAbsolutePath();

        CommandRun badOperation = withInput("", "journal", "--config", config.toString(), "--operation", "undo");
        assertEquals(2, badOperation.exit(), badOperation.toString());
        assertTrue(badOperation.err().contains("--operation"), badOperation.err());
        assertTrue(badOperation.err().contains("CREATE, REPLACE, PATCH, DELETE"), badOperation.err());
        assertTrue(badOperation.err().contains("undo"), badOperation.err());

        CommandRun badSince = withInput("", "journal", "--config", config.toString(), "--since", "2026-12-04 10:00");
        assertEquals(2, badSince.exit(), badSince.toString());
        assertTrue(badSince.err().contains("--since"), badSince.err());

        CommandRun emptyRange = withInput("", "journal", "--config", config.toString(),
                "--since", "2026-12-04T10:00:00Z", "--until", "2026-12-04T09:00:00Z");
        assertEquals(2, emptyRange.exit(), emptyRange.toString());
        assertTrue(emptyRange.err().contains("--until"), emptyRange.err());
    }

    @Test
    void deprovisionListTakesItsStateInAnyCaseAsJournalTakesItsOperation() throws IOException {
        Path config = temp.resolve("journal.yaml");
        var settings = bridge.journalDatabase().settings();
        Files.writeString(config, "journal:\n  jdbcUrl: \"" + settings.jdbcUrl() + "\"\n  username: \""
                + settings.username() + "\"\n" + (settings.password().isEmpty() ? ""
                : "  password: \"" + settings.password() + "\"\n"));

        for (String state : List.of("deprovisioned", "Held", "REJECTED")) {
            CommandRun listed = withInput("", "deprovision", "list", "--config", config.toString(), "--state", state);
            assertEquals(0, listed.exit(), listed.toString());
        }
        CommandRun unknown = withInput("", "deprovision", "list", "--config", config.toString(), "--state", "gone");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("--state") && unknown.err().contains("HELD, DEPROVISIONED"), unknown.err());
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    /** The command line as its own process on this JVM's class path, with CREDENTIALS_DIRECTORY set. */
    private static CommandRun runProcess(Path credentials, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CREDENTIALS_DIRECTORY", credentials.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("check-config did not end within 60 s");
        }
        return CommandRun.recorded(process.pid(), new CommandRun(process.exitValue(),
                new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8)));
    }
}

package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.LdapPoolConfig;
import org.ldapscim.bridge.config.LdapTlsConfig;
import org.ldapscim.bridge.config.Secret;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.testsupport.OpenLdapServer;
import org.ldapscim.bridge.testsupport.PresetBridge;
import org.ldapscim.bridge.testsupport.ScimClient;
import org.ldapscim.bridge.testsupport.ScimResponse;
import org.ldapscim.bridge.testsupport.TestSecret;

/**
 * A slapd frozen with SIGSTOP: its port still accepts connections (the kernel queues them), but nothing is
 * answered, as with a hung server or a dropped route. Reads and creates are 503 with Retry-After after about one
 * response timeout, and a create the bridge gave up on is not applied when the server wakes up.
 */
class StoppedSlapdIT {
    private static final String TOKEN = TestSecret.STOPPED_SLAPD_TOKEN.value();
    private static final int RESPONSE_TIMEOUT_MILLIS = 2_000;

    @RegisterExtension
    static final OpenLdapServer slapd = new OpenLdapServer(3);

    private static PresetBridge plain;
    private static PresetBridge ldaps;

    @BeforeAll
    static void start() {
        plain = bridgeOver(slapd.url(), null);
        ldaps = bridgeOver(slapd.ldapsUrl(), new LdapTlsConfig(null, null, null, slapd.caFile(), null, null));
    }

    private static PresetBridge bridgeOver(String url, LdapTlsConfig tls) {
        return PresetBridge.start("openldap", new LdapConfig(List.of(url), null, slapd.bridgeBindDn(),
                Secret.of(slapd.bridgeBindPassword()), 1_000, RESPONSE_TIMEOUT_MILLIS, tls,
                new LdapPoolConfig(4, null, null, null), null, null), TOKEN);
    }

    /** The bridge over plain LDAP, or over LDAPS, where a new connection would also wait in the TLS handshake. */
    private static PresetBridge bridge(boolean overTls) {
        return overTls ? ldaps : plain;
    }

    @AfterEach
    void wakeUp() throws IOException, InterruptedException {
        signal("CONT");
    }

    @AfterAll
    static void stop() {
        for (PresetBridge bridge : new PresetBridge[] {plain, ldaps}) {
            if (bridge != null) {
                bridge.close();
            }
        }
    }

    @ParameterizedTest(name = "over TLS: {0}")
    @ValueSource(booleans = {false, true})
    void aReadOfAFrozenDirectoryIs503WithRetryAfter(boolean overTls) throws Exception {
        ScimClient scim = bridge(overTls).scim();
        String id = OpenLdapServer.seededId("seed0001");
        scim.get("/Users/" + id).expect(200);
        signal("STOP");

        ScimResponse frozen = timed("a GET", () -> scim.get("/Users/" + id));
        frozen.expectError(503, null);
        assertNotNull(frozen.header("Retry-After"));
        ScimResponse list = timed("a list", () -> scim.get("/Users?count=5"));
        list.expectError(503, null);
        timed("another GET", () -> scim.get("/Users/" + id)).expectError(503, null);

        signal("CONT");
        assertEquals("seed0001", scim.get("/Users/" + id).expect(200).get("userName").asText(),
                "once the directory answers again, so does the bridge");
    }

    @ParameterizedTest(name = "over TLS: {0}")
    @ValueSource(booleans = {false, true})
    void aCreateOnAFrozenDirectoryIs503AndNotAppliedLater(boolean overTls) throws Exception {
        PresetBridge bridge = bridge(overTls);
        ScimClient scim = bridge.scim();
        String userName = overTls ? "frozen.create.tls" : "frozen.create";
        scim.get("/Users?count=1").expect(200);
        signal("STOP");

        ScimResponse frozen = timed("a POST", () -> scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"familyName":"Frozen"}}""".formatted(userName)));
        JsonNode error = frozen.expectError(503, null);
        assertNotNull(frozen.header("Retry-After"), error.toString());

        signal("CONT");
        Thread.sleep(RESPONSE_TIMEOUT_MILLIS);
        JsonNode found = scim.get("/Users?filter=" + URLEncoder.encode("userName eq \"" + userName + "\"",
                StandardCharsets.UTF_8)).expect(200);
        List<JournalEntry> journal = bridge.journal().store().find(new JournalQuery(10, null));
        if (found.get("totalResults").asInt() > 0) {
            assertEquals(Outcome.UNKNOWN, journal.get(0).outcome(),
                    "a create the directory applied after the bridge gave up is journaled as of unknown outcome");
        }
        journal.forEach(entry -> assertNotEquals(Outcome.SUCCEEDED, entry.outcome(), journal.toString()));
        System.out.printf("a POST to a frozen slapd: %s; created later: %s; journal: %s%n", error.get("detail"),
                found.get("totalResults"), journal.stream().map(JournalEntry::outcome).toList());
    }

    private static ScimResponse timed(String what, Supplier<ScimResponse> request) {
        long started = System.nanoTime();
        ScimResponse response = request.get();
        System.out.printf("%s to a frozen slapd, response timeout %d ms: %d in %d ms%n", what, RESPONSE_TIMEOUT_MILLIS,
                response.status(), (System.nanoTime() - started) / 1_000_000);
        return response;
    }

    /**
     * Sends the signal; after STOP, waits until every thread of slapd is stopped: kill returns once the signal is
     * sent, and a thread that is running then could still answer the next request.
     */
    private static void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(slapd.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name);
        if (name.equals("STOP")) {
            for (int poll = 0; poll < 500 && !allThreadsStopped(slapd.pid()); poll++) {
                Thread.sleep(10);
            }
            assertTrue(allThreadsStopped(slapd.pid()), "slapd " + slapd.pid() + " did not stop");
        }
    }

    private static boolean allThreadsStopped(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            return tasks.allMatch(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // The state follows the command name in parentheses, which may itself hold spaces.
                    return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
                } catch (IOException gone) {
                    return true;
                }
            });
        }
    }
}

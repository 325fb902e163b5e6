package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchScope;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.testsupport.DirectoryDelays;
import org.ldapscim.bridge.testsupport.LdapConfigs;
import org.ldapscim.bridge.testsupport.PresetBridge;
import org.ldapscim.bridge.testsupport.ScimClient;
import org.ldapscim.bridge.testsupport.ScimResponse;
import org.ldapscim.bridge.testsupport.TestSecret;

/**
 * An IdP that sends a create again, because it never saw the answer to the first, gets the resource the first made
 * and never a second entry: the same client request id within the retry window is answered 201 with the resource,
 * and so is the same body after a create whose outcome was UNKNOWN; the same body after a 201, or another resource
 * claiming a taken userName, is 409 naming the resource that holds it; identical creates at once make one entry.
 */
class RepeatedCreatesIT {
    private static final String TOKEN = TestSecret.REPEATED_CREATES_TOKEN.value();
    private static final int RESPONSE_TIMEOUT_MILLIS = 1_000;
    private static final long DELAY_MILLIS = 2_500;
    private static final String PEOPLE = "ou=people,dc=example,dc=com";

    private static final DirectoryDelays delays = new DirectoryDelays();
    @AutoClose
    private static InMemoryDirectory directory;
    @AutoClose
    private static PresetBridge bridge;
    private static ScimClient scim;

    @BeforeAll
    static void start() {
        directory = InMemoryDirectory.startDemo(0, delays);
        bridge = PresetBridge.start("demo", LdapConfigs.anonymous(directory.url(), RESPONSE_TIMEOUT_MILLIS, 8), TOKEN);
        scim = bridge.scim();
    }

    @AfterEach
    void noDelays() {
        delays.none();
    }

    @Test
    void theSameBodyAfterA201Is409NamingTheFirstResource() throws LDAPException {
        String body = user("repeat.same", "Repeat Same");
        String id = scim.post("/Users", body).expect(201).get("id").asText();

        JsonNode refused = scim.post("/Users", body).expectError(409, "uniqueness");
        assertEquals("userName 'repeat.same' is already taken by User " + id, refused.get("detail").asText(),
                "a client that got its 201 and sends the body again creates a second resource of the same name");
        assertEquals(1, entriesNamed("repeat.same"));
        assertEquals(1, creates("repeat.same"));
    }

    @Test
    void theSameClientRequestIdAnswersTheFirstResourceEvenWithAnotherBody() throws LDAPException {
        String id = scim.post("/Users", user("repeat.header", "First Try"), "client-request-id", "c0ffee-1")
                .expect(201).get("id").asText();
        JsonNode again = scim.post("/Users", user("repeat.header", "Second Try"), "client-request-id", "c0ffee-1")
                .expect(201);
        assertEquals(id, again.get("id").asText());
        assertEquals("First Try", again.get("displayName").asText(), "the resource as the first create made it");
        assertEquals(1, entriesNamed("repeat.header"));
    }

    @Test
    void anotherResourceWithATakenUserNameIs409NamingTheHolder() throws LDAPException {
        String id = scim.post("/Users", user("repeat.taken", "Holder")).expect(201).get("id").asText();
        JsonNode refused = scim.post("/Users", user("repeat.taken", "Someone Else")).expectError(409, "uniqueness");
        assertTrue(refused.get("detail").asText().contains("User " + id), refused.toString());
        assertEquals(1, entriesNamed("repeat.taken"));
    }

    @Test
    void identicalCreatesAtOnceMakeOneEntry() throws Exception {
        String body = user("repeat.parallel", "Repeat Parallel");
        List<ScimResponse> answers = atOnce(8, () -> scim.post("/Users", body));
        List<ScimResponse> created = answers.stream().filter(answer -> answer.status() == 201).toList();
        assertEquals(1, created.size(), answers.toString());
        String id = created.get(0).json().get("id").asText();
        for (ScimResponse answer : answers) {
            if (answer.status() != 201) {
                assertTrue(answer.expectError(409, "uniqueness").get("detail").asText().endsWith("User " + id),
                        answer.toString());
            }
        }
        assertEquals(1, entriesNamed("repeat.parallel"));
        assertEquals(1, creates("repeat.parallel"));
    }

    @Test
    void identicalRequestsAtOnceAreAllAnsweredWithTheOneResource() throws Exception {
        String body = user("repeat.parallel.id", "Repeat Parallel Id");
        Set<String> ids = new HashSet<>();
        for (ScimResponse answer : atOnce(8, () -> scim.post("/Users", body, "X-Request-Id", "parallel-retry-1"))) {
            ids.add(answer.expect(201).get("id").asText());
        }
        assertEquals(1, ids.size(), "every create answers the one resource: " + ids);
        assertEquals(1, entriesNamed("repeat.parallel.id"));
        assertEquals(1, creates("repeat.parallel.id"));
    }

    @Test
    void aCreateOfUnknownOutcomeRepeatedFindsItsEntryWhateverThePassword() throws Exception {
        delays.adds.set(DELAY_MILLIS);
        scim.post("/Users", withPassword(user("repeat.unknown", "Repeat Unknown"), "Secret-One-1"))
                .expectError(503, null);
        JournalEntry unknown = bridge.journal().store().find(new JournalQuery(1, null)).get(0);
        assertEquals(Outcome.UNKNOWN, unknown.outcome(), unknown.toString());
        delays.adds.set(0);
        Thread.sleep(DELAY_MILLIS);
        assertEquals(1, entriesNamed("repeat.unknown"), "the directory applied the add after the bridge gave up");

        JsonNode again = scim.post("/Users", withPassword(user("repeat.unknown", "Repeat Unknown"), "Secret-Two-2"))
                .expect(201);
        assertEquals(1, entriesNamed("repeat.unknown"), "the repetition made no second entry");
        JournalEntry settled = bridge.journal().store().find(new JournalQuery(1, null)).get(0);
        assertEquals(unknown.id(), settled.id(), "the repetition journals no change of its own");
        assertEquals(Outcome.SUCCEEDED, settled.outcome(), settled.toString());
        assertEquals(again.get("id").asText(), settled.resourceId());
        assertTrue(!settled.toJson().toString().contains("Secret-"), settled.toJson().toString());
    }

    @Test
    void aRequestIdRepeatedAfterTheFirstResourceWasDeletedMakesANewEntry() throws LDAPException {
        String body = user("repeat.deleted", "Repeat Deleted");
        String id = scim.post("/Users", body, "X-Request-Id", "deleted-retry-1").expect(201).get("id").asText();
        scim.delete("/Users/" + id).expectNoContent();
        String second = scim.post("/Users", body, "X-Request-Id", "deleted-retry-1").expect(201).get("id").asText();
        assertNotEquals(id, second, "a resource that is gone is not answered: the create makes a new one");
        assertEquals(1, entriesNamed("repeat.deleted"));
    }

    private static List<ScimResponse> atOnce(int times, Callable<ScimResponse> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(times);
        try {
            List<ScimResponse> answers = new ArrayList<>();
            for (Future<ScimResponse> answer : pool.invokeAll(IntStream.range(0, times).mapToObj(i -> request).toList())) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String user(String userName, String displayName) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","displayName":"%s",\
                "name":{"familyName":"Repeated"}}""".formatted(userName, displayName);
    }

    private static String withPassword(String body, String password) {
        return body.substring(0, body.lastIndexOf('}')) + ",\"password\":\"" + password + "\"}";
    }

    private static int entriesNamed(String uid) throws LDAPException {
        return directory.server().search(PEOPLE, SearchScope.SUB, "(uid=" + uid + ")", "1.1").getEntryCount();
    }

    private static long creates(String userName) {
        String id = scim.get("/Users?filter=" + URLEncoder.encode("userName eq \"" + userName + "\"",
                StandardCharsets.UTF_8)).expect(200).get("Resources").get(0).get("id").asText();
        return bridge.journal().store().find(new JournalQuery(50, id)).stream()
                .filter(entry -> entry.operation() == Operation.CREATE).count();
    }
}

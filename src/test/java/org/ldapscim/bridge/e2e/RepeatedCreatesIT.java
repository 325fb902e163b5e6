package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchScope;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.LdapPoolConfig;
import org.ldapscim.bridge.config.Secret;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.testsupport.PresetBridge;
import org.ldapscim.bridge.testsupport.ScimClient;
import org.ldapscim.bridge.testsupport.ScimResponse;

/**
 * An IdP that sends a create again, because it never saw the answer to the first, gets the resource the first made
 * and never a second entry: the same body within the retry window, or the same client request id, is answered with
 * 201 and the resource; another resource claiming a taken userName is 409 naming the resource that holds it; two
 * identical creates at once make one entry; and a create whose outcome was UNKNOWN is found when it is repeated.
 */
class RepeatedCreatesIT {
    private static final String TOKEN = "repeated-creates-it-token-6b1f0e93";
    private static final int RESPONSE_TIMEOUT_MILLIS = 1_000;
    private static final long DELAY_MILLIS = 2_500;
    private static final String PEOPLE = "ou=people,dc=example,dc=com";

    private static final SlowAdds slowAdds = new SlowAdds();
    private static InMemoryDirectory directory;
    private static PresetBridge bridge;
    private static ScimClient scim;

    @BeforeAll
    static void start() {
        directory = InMemoryDirectory.startDemo(0, slowAdds);
        bridge = PresetBridge.start("demo", new LdapConfig(List.of(directory.url()), null, null, Secret.empty(),
                1_000, RESPONSE_TIMEOUT_MILLIS, null, new LdapPoolConfig(8, 200, null, null), null, null), TOKEN);
        scim = bridge.scim();
    }

    @AfterEach
    void quickAdds() {
        slowAdds.millis.set(0);
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (directory != null) {
            directory.close();
        }
    }

    @Test
    void theSameCreateAgainAnswersTheFirstResourceWith201() throws LDAPException {
        String body = user("repeat.same", "Repeat Same");
        ScimResponse first = scim.post("/Users", body);
        String id = first.expect(201).get("id").asText();

        ScimResponse again = scim.post("/Users", body);
        JsonNode resource = again.expect(201);
        assertEquals(id, resource.get("id").asText(), "the repetition answers the resource the first create made");
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals("Repeat Same", resource.get("displayName").asText());
        assertEquals(1, entriesNamed("repeat.same"));
        assertEquals(1, creates("repeat.same"), "the repetition changed nothing, so the journal holds one create");
    }

    @Test
    void aRepeatedPasswordIsNoPartOfWhatMakesTheCreateTheSame() throws LDAPException {
        String id = scim.post("/Users", withPassword(user("repeat.password", "Repeat Password"), "Secret-One-1"))
                .expect(201).get("id").asText();
        JsonNode again = scim.post("/Users", withPassword(user("repeat.password", "Repeat Password"), "Secret-Two-2"))
                .expect(201);
        assertEquals(id, again.get("id").asText());
        assertEquals(1, entriesNamed("repeat.password"));
        bridge.journal().store().find(new JournalQuery(50, null)).forEach(entry ->
                assertTrue(!entry.toJson().toString().contains("Secret-"), entry.toJson().toString()));
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
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ScimResponse>> posts = IntStream.range(0, 8)
                    .mapToObj(i -> (Callable<ScimResponse>) () -> scim.post("/Users", body)).toList();
            Set<String> ids = new HashSet<>();
            for (Future<ScimResponse> answer : pool.invokeAll(posts)) {
                ids.add(answer.get().expect(201).get("id").asText());
            }
            assertEquals(1, ids.size(), "every create answers the one resource: " + ids);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, entriesNamed("repeat.parallel"));
        assertEquals(1, creates("repeat.parallel"));
    }

    @Test
    void aCreateOfUnknownOutcomeRepeatedFindsItsEntry() throws Exception {
        String body = user("repeat.unknown", "Repeat Unknown");
        slowAdds.millis.set(DELAY_MILLIS);
        scim.post("/Users", body).expectError(503, null);
        JournalEntry unknown = bridge.journal().store().find(new JournalQuery(1, null)).get(0);
        assertEquals(Outcome.UNKNOWN, unknown.outcome(), unknown.toString());
        slowAdds.millis.set(0);
        Thread.sleep(DELAY_MILLIS);
        assertEquals(1, entriesNamed("repeat.unknown"), "the directory applied the add after the bridge gave up");

        JsonNode again = scim.post("/Users", body).expect(201);
        assertEquals(1, entriesNamed("repeat.unknown"), "the repetition made no second entry");
        JournalEntry settled = bridge.journal().store().find(new JournalQuery(1, null)).get(0);
        assertEquals(unknown.id(), settled.id(), "the repetition journals no change of its own");
        assertEquals(Outcome.SUCCEEDED, settled.outcome(), settled.toString());
        assertEquals(again.get("id").asText(), settled.resourceId());
    }

    @Test
    void aCreateAfterTheFirstWasDeletedMakesANewEntry() throws LDAPException {
        String body = user("repeat.deleted", "Repeat Deleted");
        String id = scim.post("/Users", body).expect(201).get("id").asText();
        scim.delete("/Users/" + id).expectNoContent();
        String second = scim.post("/Users", body).expect(201).get("id").asText();
        assertNotEquals(id, second, "a resource that is gone is not answered: the create makes a new one");
        assertEquals(1, entriesNamed("repeat.deleted"));
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

    /** Holds adds back for as long as a test says, so that the bridge gives up waiting before the add lands. */
    private static final class SlowAdds extends InMemoryOperationInterceptor {
        final AtomicLong millis = new AtomicLong();

        @Override
        public void processAddRequest(InMemoryInterceptedAddRequest request) {
            try {
                Thread.sleep(millis.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

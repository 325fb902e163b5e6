package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.userDn;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.auth.TokenHash;
import org.ldapscim.bridge.config.AuthConfig;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.FailureLimitConfig;
import org.ldapscim.bridge.config.ServerConfig;
import org.ldapscim.bridge.journal.AuthFailureRecord;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;
import org.ldapscim.bridge.testsupport.Eventually;
import org.ldapscim.bridge.testsupport.ScimResponse;
import org.ldapscim.bridge.testsupport.TestSecret;

/**
 * Who may call from where, and how often, through the real HTTP server: allow-lists, the source address a trusted
 * proxy (here 127.0.0.1 itself) names in X-Forwarded-For, the lockout of an address after failed authentications,
 * and the bound on a client's concurrent requests.
 */
class CallerLimitsIT {
    private static final String LOCAL_TOKEN = TestSecret.CALLER_LIMITS_LOCAL_TOKEN.value();
    private static final String REMOTE_TOKEN = TestSecret.CALLER_LIMITS_REMOTE_TOKEN.value();
    private static final String SINGLE_TOKEN = TestSecret.CALLER_LIMITS_SINGLE_TOKEN.value();

    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest(
            new ServerConfig("127.0.0.1", 0, null, null, null, null).withTrustedProxies(List.of("127.0.0.1")),
            new AuthConfig(List.of(
                    client("local", LOCAL_TOKEN, List.of("127.0.0.0/8", "::1"), null),
                    client("remote", REMOTE_TOKEN, List.of("203.0.113.0/24", "2001:db8::/32"), null),
                    client("single", SINGLE_TOKEN, List.of(), 1)),
                    new FailureLimitConfig(3, 60, 5)));

    @Test
    void aClientCallsFromInsideItsAllowList() {
        call(LOCAL_TOKEN, null).expect(200);
        call(REMOTE_TOKEN, "203.0.113.7").expect(200);
        call(REMOTE_TOKEN, "2001:db8:42::7").expect(200);
        assertEquals(List.of(), bridge.authFailures());
    }

    @Test
    void aValidCredentialFromOutsideTheAllowListIsRefusedAsAnyFailureAndJournaledForbidden() {
        ScimResponse refused = call(REMOTE_TOKEN, null);
        refused.expectError(401, null);
        assertEquals("a valid bearer token is required", refused.json().get("detail").asText(), refused.toString());
        call(REMOTE_TOKEN, "198.51.100.1").expectError(401, null);
        call(LOCAL_TOKEN, "203.0.113.7").expectError(401, null);
        List<AuthFailureRecord> failures = failures(3);
        assertEquals(List.of("203.0.113.7", "198.51.100.1", "127.0.0.1"),
                failures.stream().map(AuthFailureRecord::sourceAddress).toList());
        assertEquals(List.of("local", "remote", "remote"), failures.stream().map(AuthFailureRecord::client).toList());
        failures.forEach(failure -> {
            assertEquals("FORBIDDEN", failure.event());
            assertEquals("STATIC_TOKEN", failure.credential());
        });
    }

    @Test
    void anUntrustedForwarderCannotPickItsSource() {
        // The caller wrote 203.0.113.7 itself; the trusted proxy (127.0.0.1) appended the address it saw.
        call(REMOTE_TOKEN, "203.0.113.7, 198.51.100.1").expectError(401, null);
        call(REMOTE_TOKEN, "198.51.100.1, 203.0.113.7").expect(200);
    }

    @Test
    void tooManyFailuresLockTheSourceOutWithoutFloodingTheJournal() {
        for (int i = 0; i < 3; i++) {
            call("wrong-token-" + i, "192.0.2.10").expectError(401, null);
        }
        for (int i = 0; i < 10; i++) {
            ScimResponse locked = call(REMOTE_TOKEN, "192.0.2.10");
            locked.expectError(429, null);
            int retryAfter = Integer.parseInt(locked.header("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 5, locked.header("Retry-After"));
        }
        // Another address is not locked out.
        call(REMOTE_TOKEN, "203.0.113.7").expect(200);

        Eventually.until(Duration.ofSeconds(20), "the lockout ends and is journaled",
                () -> bridge.authFailures().stream().anyMatch(f -> f.event().equals("LOCKOUT_ENDED")));
        List<AuthFailureRecord> failures = bridge.authFailures();
        assertEquals(List.of("LOCKOUT_ENDED", "LOCKED_OUT", "UNAUTHENTICATED", "UNAUTHENTICATED", "UNAUTHENTICATED"),
                failures.stream().map(AuthFailureRecord::event).toList(), failures.toString());
        assertEquals(10L, failures.get(0).count());
        assertEquals(3L, failures.get(1).count());
        failures.forEach(failure -> assertEquals("192.0.2.10", failure.sourceAddress()));
        failures.subList(2, 5).forEach(failure -> assertEquals("STATIC_TOKEN", failure.credential()));
        call(REMOTE_TOKEN, "203.0.113.8").expect(200);
        call(LOCAL_TOKEN, "192.0.2.10").expectError(401, null);
    }

    @Test
    void anIpv6SourceIsCountedByItsSlash64() {
        for (int i = 1; i <= 3; i++) {
            call("wrong-token", "2001:db8:7:7::" + i).expectError(401, null);
        }
        call(REMOTE_TOKEN, "2001:db8:7:7::99").expectError(429, null);
        call(REMOTE_TOKEN, "2001:db8:7:8::1").expect(200);
    }

    @Test
    void requestsWithoutAnyCredentialCountAsFailures() {
        for (int i = 0; i < 3; i++) {
            bridge.request("GET", "/Users?count=1").without("Authorization").header("X-Forwarded-For", "192.0.2.20")
                    .send().expectError(401, null);
        }
        call(REMOTE_TOKEN, "192.0.2.20").expectError(429, null);
        assertEquals("NONE", failures(4).get(1).credential());
    }

    @Test
    void aClientPastItsConcurrentRequestsIsAnswered429UntilOneEnds() throws Exception {
        String id = bridge.idOf(userDn("helena.marsh@example.com"));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        bridge.hooks().beforeNextModify(request -> {
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<ScimResponse> patch = CompletableFuture.supplyAsync(() -> bridge.request("PATCH",
                "/Users/" + id).header("Authorization", "Bearer " + SINGLE_TOKEN).body("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "replace", "path": "title", "value": "Held"}]}""").send());
        try {
            assertTrue(held.await(30, TimeUnit.SECONDS), "the PATCH reaches the directory");
            ScimResponse busy = call(SINGLE_TOKEN, null);
            busy.expectError(429, null);
            assertEquals("1", busy.header("Retry-After"));
            // Other clients are not held up.
            call(LOCAL_TOKEN, null).expect(200);
        } finally {
            release.countDown();
        }
        patch.get(30, TimeUnit.SECONDS).expect(200);
        call(SINGLE_TOKEN, null).expect(200);
        // A request that fails gives its place back too.
        bridge.request("GET", "/Users/no-such-id").header("Authorization", "Bearer " + SINGLE_TOKEN).send()
                .expectError(404, null);
        call(SINGLE_TOKEN, null).expect(200);
        assertEquals(List.of(), bridge.authFailures(), "a busy client is no failed authentication");
    }

    private static ScimResponse call(String token, String forwardedFor) {
        var request = bridge.request("GET", "/Users?count=1").header("Authorization", "Bearer " + token);
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.send();
    }

    private static List<AuthFailureRecord> failures(int expected) {
        Eventually.until(Duration.ofSeconds(10), expected + " failed authentications are journaled",
                () -> bridge.authFailures().size() >= expected);
        List<AuthFailureRecord> failures = bridge.authFailures();
        assertEquals(expected, failures.size(), failures.toString());
        return failures;
    }

    private static ClientConfig client(String name, String token, List<String> allowFrom, Integer maxConcurrent) {
        return new ClientConfig(name, List.of(TokenHash.of(token)), "lenient", null, null, allowFrom, maxConcurrent, null, null);
    }
}

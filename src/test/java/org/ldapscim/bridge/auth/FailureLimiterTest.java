package org.ldapscim.bridge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.config.FailureLimitConfig;
import org.ldapscim.bridge.testsupport.Eventually;

/** Lockouts per source address, and how much the limiter remembers; through the server in e2e/CallerLimitsIT. */
class FailureLimiterTest {
    private static final Authentication.Refused WRONG_TOKEN = new Authentication.Refused(401,
            CredentialKind.STATIC_TOKEN, "the token matches no client's token hash", null, null);

    private final List<AuthFailure> recorded = new CopyOnWriteArrayList<>();
    private final FailureLimiter limiter = new FailureLimiter(new FailureLimitConfig(3, 60, 1), recorded::add);

    @AfterEach
    void stop() {
        limiter.close();
    }

    @Test
    void theFailureThatReachesTheLimitStartsALockoutThatEnds() {
        InetAddress source = address("192.0.2.1");
        limiter.failed(source, WRONG_TOKEN);
        limiter.failed(source, WRONG_TOKEN);
        assertTrue(limiter.lockedOut(source).isEmpty());
        limiter.failed(source, WRONG_TOKEN);
        assertTrue(limiter.lockedOut(source).isPresent());
        assertTrue(limiter.lockedOut(source).getAsLong() >= 1);
        assertTrue(limiter.lockedOut(address("192.0.2.2")).isEmpty(), "another address is not locked out");

        Eventually.until(Duration.ofSeconds(10), "the lockout ends", () -> recorded.size() == 5);
        assertEquals(List.of(AuthFailure.Event.UNAUTHENTICATED, AuthFailure.Event.UNAUTHENTICATED,
                AuthFailure.Event.UNAUTHENTICATED, AuthFailure.Event.LOCKED_OUT, AuthFailure.Event.LOCKOUT_ENDED),
                recorded.stream().map(AuthFailure::event).toList());
        assertEquals(3L, recorded.get(3).count());
        assertEquals(2L, recorded.get(4).count(), "two requests were refused unchecked");
        assertTrue(limiter.lockedOut(source).isEmpty());
    }

    @Test
    void aFailureCheckedJustBeforeTheLockoutCountsAsRefusedNotAsAFailure() {
        InetAddress source = address("192.0.2.3");
        for (int i = 0; i < 4; i++) {
            limiter.failed(source, WRONG_TOKEN);
        }
        assertEquals(4, recorded.size(), "three failures and the lockout; the fourth is not journaled");
    }

    @Test
    void anIpv6HostIsCountedByItsSlash64() {
        limiter.failed(address("2001:db8:1:2::1"), WRONG_TOKEN);
        limiter.failed(address("2001:db8:1:2:ffff::2"), WRONG_TOKEN);
        limiter.failed(address("2001:db8:1:2::3"), WRONG_TOKEN);
        assertTrue(limiter.lockedOut(address("2001:db8:1:2::99")).isPresent());
        assertTrue(limiter.lockedOut(address("2001:db8:1:3::1")).isEmpty());
        assertEquals("2001:db8:1:2:0:0:0:3", recorded.get(2).source().getHostAddress(), "the journal has the address");
    }

    @Test
    void manySourcesAreRememberedOnlyUpToTheBound() {
        for (int i = 0; i < FailureLimiter.MAX_TRACKED_SOURCES + 500; i++) {
            limiter.failed(address("10." + (i >> 16 & 0xFF) + "." + (i >> 8 & 0xFF) + "." + (i & 0xFF)), WRONG_TOKEN);
        }
        assertEquals(FailureLimiter.MAX_TRACKED_SOURCES, limiter.trackedSources());
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}

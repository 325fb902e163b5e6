package org.ldapscim.bridge.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ldapscim.bridge.config.FailureLimitConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed authentications per source address and locks out an address that makes too many: until the
 * lockout ends its requests are refused without their credentials being checked. Each failure below the limit is
 * recorded; of a lockout only its start and, at its end, how many requests it refused, so a flood writes two
 * records, not one per request. At most {@value #MAX_TRACKED_SOURCES} addresses are remembered, the least recently
 * seen forgotten first. Thread-safe.
 */
final class FailureLimiter implements AutoCloseable {
    static final int MAX_TRACKED_SOURCES = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(FailureLimiter.class);

    private static final class Tally {
        private Instant windowStart;
        private long failures;
        private Instant lockedUntil;
        private long refused;
    }

    private final long maxFailures;
    private final Duration window;
    private final Duration lockout;
    private final AuthFailureLog log;
    private final ScheduledExecutorService lockoutEnds;
    private final Map<InetAddress, Tally> tallies = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Tally> eldest) {
            return size() > MAX_TRACKED_SOURCES;
        }
    };

    FailureLimiter(FailureLimitConfig config, AuthFailureLog log) {
        this.maxFailures = config.maxFailures();
        this.window = Duration.ofSeconds(config.withinSeconds());
        this.lockout = Duration.ofSeconds(config.lockoutSeconds());
        this.log = log;
        this.lockoutEnds = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "auth-lockout-ends");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The seconds until this address may try again, counting this request as one refused; empty when it may. */
    synchronized OptionalLong lockedOut(InetAddress source) {
        Tally tally = tallies.get(key(source));
        Instant now = Instant.now();
        if (tally == null || tally.lockedUntil == null || !now.isBefore(tally.lockedUntil)) {
            return OptionalLong.empty();
        }
        tally.refused++;
        return OptionalLong.of(Math.max(1, Duration.between(now, tally.lockedUntil).toSeconds() + 1));
    }

    /** Records a failed authentication, and starts a lockout when it is one too many. */
    void failed(InetAddress source, Authentication.Refused refusal) {
        Instant now = Instant.now();
        Tally lockedOut = null;
        long failures;
        synchronized (this) {
            Tally tally = tallies.computeIfAbsent(key(source), address -> new Tally());
            if (tally.lockedUntil != null && now.isBefore(tally.lockedUntil)) {
                // Checked just before the lockout began: it is one of the lockout's refusals.
                tally.refused++;
                return;
            }
            if (tally.windowStart == null || !now.isBefore(tally.windowStart.plus(window))) {
                tally.windowStart = now;
                tally.failures = 0;
            }
            failures = ++tally.failures;
            if (failures >= maxFailures) {
                tally.lockedUntil = now.plus(lockout);
                tally.windowStart = null;
                tally.failures = 0;
                lockedOut = tally;
            }
        }
        log.record(new AuthFailure(refusal.status() == 403 ? AuthFailure.Event.FORBIDDEN
                : AuthFailure.Event.UNAUTHENTICATED, now, source, refusal.credential(), refusal.reason(),
                refusal.client(), refusal.issuer(), null));
        if (lockedOut != null) {
            LOG.warn("{} is locked out for {} s after {} failed authentications", source.getHostAddress(),
                    lockout.toSeconds(), failures);
            log.record(new AuthFailure(AuthFailure.Event.LOCKED_OUT, now, source, null, failures
                    + " failed authentications within " + window.toSeconds() + " s: locked out for "
                    + lockout.toSeconds() + " s", null, null, failures));
            Tally ending = lockedOut;
            lockoutEnds.schedule(() -> end(source, ending), lockout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void end(InetAddress source, Tally tally) {
        long refused;
        synchronized (this) {
            refused = tally.refused;
            tally.refused = 0;
            tally.lockedUntil = null;
        }
        log.record(new AuthFailure(AuthFailure.Event.LOCKOUT_ENDED, Instant.now(), source, null, refused
                + " requests refused unchecked while locked out", null, null, refused));
    }

    /**
     * IPv6 addresses are counted by their /64: one host is given a whole /64 and may use any address in it, so
     * counting each address would let it try without limit.
     */
    private static InetAddress key(InetAddress source) {
        if (!(source instanceof Inet6Address)) {
            return source;
        }
        byte[] prefix = source.getAddress();
        java.util.Arrays.fill(prefix, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(prefix);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }

    /** How many source addresses are remembered now. */
    synchronized int trackedSources() {
        return tallies.size();
    }

    @Override
    public void close() {
        lockoutEnds.shutdownNow();
    }
}

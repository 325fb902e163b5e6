package org.ldapscim.bridge.config;

/**
 * How many failed authentications one source address may make before it is locked out.
 *
 * @param maxFailures    failures that start a lockout
 * @param withinSeconds  the window the failures are counted in, from the first of them
 * @param lockoutSeconds how long a locked-out address is answered 429 without its credential being checked
 */
public record FailureLimitConfig(Integer maxFailures, Integer withinSeconds, Integer lockoutSeconds) {

    public FailureLimitConfig {
        maxFailures = maxFailures == null ? 10 : maxFailures;
        withinSeconds = withinSeconds == null ? 60 : withinSeconds;
        lockoutSeconds = lockoutSeconds == null ? 60 : lockoutSeconds;
        if (maxFailures < 1 || maxFailures > 10_000) {
            throw new IllegalArgumentException("maxFailures must be between 1 and 10000");
        }
        if (withinSeconds < 1 || withinSeconds > 86_400) {
            throw new IllegalArgumentException("withinSeconds must be between 1 and 86400");
        }
        if (lockoutSeconds < 1 || lockoutSeconds > 86_400) {
            throw new IllegalArgumentException("lockoutSeconds must be between 1 and 86400");
        }
    }

    public static FailureLimitConfig defaults() {
        return new FailureLimitConfig(null, null, null);
    }
}

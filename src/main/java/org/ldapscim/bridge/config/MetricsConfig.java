package org.ldapscim.bridge.config;

import java.util.List;

/**
 * Who may read {@code /metrics}: a caller from an allowed address, or one presenting the bearer token whose hash is
 * given. {@code /healthz} and {@code /readyz} are open to all.
 *
 * @param enabled   whether {@code /metrics} is served at all
 * @param allowFrom addresses and networks allowed without a token, e.g. {@code 10.1.2.3} or {@code 10.1.0.0/16};
 *                  loopback only when absent, none when empty
 * @param tokenHash the {@code sha256:} hash of a token that lets any address in (make one with hash-token); none when
 *                  absent
 */
public record MetricsConfig(Boolean enabled, List<String> allowFrom, String tokenHash) {
    public static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1");

    public MetricsConfig {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        allowFrom = allowFrom == null ? LOOPBACK : List.copyOf(allowFrom);
    }

    public static MetricsConfig defaults() {
        return new MetricsConfig(null, null, null);
    }
}

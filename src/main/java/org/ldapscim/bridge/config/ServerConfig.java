package org.ldapscim.bridge.config;

/**
 * The HTTP listener.
 *
 * @param publicBaseUrl the URL IdPs use to reach the bridge (behind a proxy), for {@code meta.location};
 *                      when absent the request's own host is used
 * @param maxResults the largest page a list returns, advertised as {@code filter.maxResults}
 * @param maxRequestBytes the largest request body accepted
 * @param limits what one request may ask: filter size, path length, bulk operations and payload
 * @param metrics who may read {@code /metrics}
 */
public record ServerConfig(String host, Integer port, String publicBaseUrl, Integer maxResults, Long maxRequestBytes,
                           LimitsConfig limits, MetricsConfig metrics) {

    public ServerConfig {
        host = host == null ? "127.0.0.1" : host;
        port = port == null ? 8080 : port;
        maxResults = maxResults == null ? 200 : maxResults;
        maxRequestBytes = maxRequestBytes == null ? 1_048_576L : maxRequestBytes;
        limits = limits == null ? LimitsConfig.defaults() : limits;
        metrics = metrics == null ? MetricsConfig.defaults() : metrics;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
        if (maxResults < 1 || maxResults > 10_000) {
            throw new IllegalArgumentException("maxResults must be between 1 and 10000");
        }
        if (limits.maxBulkPayloadBytes() > maxRequestBytes) {
            throw new IllegalArgumentException("limits.maxBulkPayloadBytes cannot exceed maxRequestBytes:"
                    + " no larger body is read");
        }
    }

    /** With {@code /metrics} open to loopback callers only. */
    public ServerConfig(String host, Integer port, String publicBaseUrl, Integer maxResults, Long maxRequestBytes,
                        LimitsConfig limits) {
        this(host, port, publicBaseUrl, maxResults, maxRequestBytes, limits, null);
    }

    public static ServerConfig defaults() {
        return new ServerConfig(null, null, null, null, null, null, null);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, publicBaseUrl, maxResults, maxRequestBytes, limits, metrics);
    }

    public ServerConfig withMetrics(MetricsConfig newMetrics) {
        return new ServerConfig(host, port, publicBaseUrl, maxResults, maxRequestBytes, limits, newMetrics);
    }
}

package org.ldapscim.bridge.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The HTTP listener.
 *
 * @param publicBaseUrl the URL IdPs use to reach the bridge (behind a proxy), for {@code meta.location};
 *                      when absent the request's own host is used
 * @param maxResults the largest page a list returns, advertised as {@code filter.maxResults}
 * @param maxRequestBytes the largest request body accepted
 * @param limits what one request may ask: filter size, path length, bulk operations and payload
 * @param tls the HTTPS listener; when given, {@code port} serves HTTPS only
 * @param plainHttp true allows plain HTTP on an address other than loopback, e.g. behind a TLS-terminating proxy
 * @param trustedProxies addresses and CIDR ranges of the proxies whose {@code X-Forwarded-For} names the source
 *                       address; empty to take the connection's own address
 * @param metrics who may read {@code /metrics}
 */
public record ServerConfig(String host, Integer port, String publicBaseUrl, Integer maxResults, Long maxRequestBytes,
                           LimitsConfig limits, TlsListenerConfig tls, Boolean plainHttp, List<String> trustedProxies,
                           MetricsConfig metrics) {

    public ServerConfig {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        host = host == null ? "127.0.0.1" : host;
        port = port == null ? 8080 : port;
        maxResults = maxResults == null ? 200 : maxResults;
        maxRequestBytes = maxRequestBytes == null ? 1_048_576L : maxRequestBytes;
        limits = limits == null ? LimitsConfig.defaults() : limits;
        plainHttp = plainHttp != null && plainHttp;
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
        if (tls != null && plainHttp) {
            throw new IllegalArgumentException("plainHttp: true and tls contradict each other: the port serves one"
                    + " or the other");
        }
    }

    /** A plain HTTP listener, with {@code /metrics} open to loopback callers only. */
    public ServerConfig(String host, Integer port, String publicBaseUrl, Integer maxResults, Long maxRequestBytes,
                        LimitsConfig limits) {
        this(host, port, publicBaseUrl, maxResults, maxRequestBytes, limits, null, null, null, null);
    }

    /**
     * Plain HTTP carries bearer tokens and personal data readable by anyone on the path, so without {@code tls} it is
     * served only on a loopback address, unless {@code plainHttp} says the network in between is trusted.
     */
    public void requireSafeTransport() {
        if (tls != null || plainHttp || isLoopback(host)) {
            return;
        }
        throw new ConfigException("server.host", host + " is not a loopback address, and plain HTTP would carry"
                + " bearer tokens and users' data unencrypted", "configure server.tls, bind 127.0.0.1 behind a local"
                + " proxy, or set server.plainHttp: true when a TLS-terminating proxy guards the network");
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new ConfigException("server.host", "cannot resolve " + host, "give an address or a resolvable name");
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig(null, null, null, null, null, null);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, publicBaseUrl, maxResults, maxRequestBytes, limits, tls, plainHttp,
                trustedProxies, metrics);
    }

    public ServerConfig withTls(TlsListenerConfig newTls) {
        return new ServerConfig(host, port, publicBaseUrl, maxResults, maxRequestBytes, limits, newTls, plainHttp,
                trustedProxies, metrics);
    }

    public ServerConfig withPlainHttp(boolean allowed) {
        return new ServerConfig(host, port, publicBaseUrl, maxResults, maxRequestBytes, limits, tls, allowed,
                trustedProxies, metrics);
    }

    public ServerConfig withTrustedProxies(List<String> proxies) {
        return new ServerConfig(host, port, publicBaseUrl, maxResults, maxRequestBytes, limits, tls, plainHttp,
                proxies, metrics);
    }

    public ServerConfig withMetrics(MetricsConfig newMetrics) {
        return new ServerConfig(host, port, publicBaseUrl, maxResults, maxRequestBytes, limits, tls, plainHttp,
                trustedProxies, newMetrics);
    }

    /** {@code https} with a TLS listener, else {@code http}. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }
}

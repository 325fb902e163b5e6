package org.ldapscim.bridge.auth;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which address a request comes from. Behind a reverse proxy every connection comes from the proxy, so the
 * address its {@code X-Forwarded-For} names is taken instead, but only from a configured proxy: anyone else could
 * write that header. The list is read from the right, where each trusted proxy appended the address it was called
 * from; the first address that is no trusted proxy is the source. An entry that is not an address ends the walk at
 * the proxy that passed it on.
 */
public final class TrustedProxies {
    private final AddressRanges proxies;

    public TrustedProxies(List<String> proxies) {
        this.proxies = AddressRanges.parse(proxies, "server.trustedProxies");
    }

    /**
     * @param peer          the address of the connection
     * @param forwardedFor  the {@code X-Forwarded-For} headers in the order received, each a comma-separated list
     */
    public InetAddress source(InetAddress peer, List<String> forwardedFor) {
        if (proxies.isEmpty() || !proxies.contains(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        String[] hops = String.join(",", forwardedFor).split(",", -1);
        InetAddress source = peer;
        for (int i = hops.length - 1; i >= 0 && proxies.contains(source); i--) {
            Optional<InetAddress> hop = hopAddress(hops[i]);
            if (hop.isEmpty()) {
                break;
            }
            source = hop.get();
        }
        return source;
    }

    /** One entry: an address, {@code [IPv6]:port} or {@code IPv4:port} (Azure Application Gateway adds the port). */
    private static Optional<InetAddress> hopAddress(String hop) {
        String value = hop.strip();
        if (value.startsWith("[") && value.indexOf(']') > 0) {
            return AddressRange.literal(value.substring(0, value.indexOf(']') + 1));
        }
        int colon = value.indexOf(':');
        if (colon > 0 && colon == value.lastIndexOf(':')) {
            value = value.substring(0, colon);
        }
        return AddressRange.literal(value);
    }
}

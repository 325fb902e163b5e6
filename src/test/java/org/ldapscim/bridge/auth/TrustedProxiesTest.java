package org.ldapscim.bridge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.config.ConfigException;

/** Which address a request comes from, behind trusted proxies that append to X-Forwarded-For. */
class TrustedProxiesTest {
    private static final InetAddress PROXY = address("10.0.0.5");
    private static final InetAddress STRANGER = address("198.51.100.9");

    private final TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/24", "2001:db8::/64"));

    @Test
    void withoutTrustedProxiesTheConnectionIsTheSource() {
        assertEquals(PROXY, new TrustedProxies(List.of()).source(PROXY, List.of("203.0.113.7")));
    }

    @Test
    void aTrustedProxyNamesTheSource() {
        assertEquals(address("203.0.113.7"), proxies.source(PROXY, List.of("203.0.113.7")));
    }

    @Test
    void anUntrustedCallerCannotNameItsOwnSource() {
        assertEquals(STRANGER, proxies.source(STRANGER, List.of("203.0.113.7")));
    }

    @Test
    void theRightmostAddressThatIsNoTrustedProxyIsTheSource() {
        // The caller wrote 192.0.2.1 itself; the first proxy appended who really called it.
        assertEquals(address("203.0.113.7"),
                proxies.source(PROXY, List.of("192.0.2.1, 203.0.113.7, 10.0.0.6")));
        assertEquals(address("203.0.113.7"), proxies.source(PROXY, List.of("192.0.2.1", "203.0.113.7,10.0.0.6")));
    }

    @Test
    void portsAndBracketsAreRead() {
        assertEquals(address("203.0.113.7"), proxies.source(PROXY, List.of("203.0.113.7:51234")));
        assertEquals(address("2001:db8:1::7"), proxies.source(PROXY, List.of("[2001:db8:1::7]:443")));
        assertEquals(address("2001:db8:1::7"), proxies.source(address("2001:db8::1"), List.of("2001:db8:1::7")));
    }

    @Test
    void aMalformedEntryStopsAtTheProxyThatPassedItOn() {
        assertEquals(address("10.0.0.6"), proxies.source(PROXY, List.of("203.0.113.7, unknown, 10.0.0.6")));
        assertEquals(PROXY, proxies.source(PROXY, List.of("")));
        assertEquals(PROXY, proxies.source(PROXY, List.of("gateway.example.com")));
    }

    @Test
    void onlyProxiesInTheListMayForward() {
        assertEquals(address("203.0.113.7"), proxies.source(PROXY, List.of("203.0.113.7, 10.0.0.200")));
        assertEquals(address("10.0.1.1"), proxies.source(PROXY, List.of("203.0.113.7, 10.0.1.1")));
    }

    @Test
    void aMalformedProxyIsNamedByItsPlace() {
        ConfigException e = assertThrows(ConfigException.class, () -> new TrustedProxies(List.of("10.0.0.0/8", "x")));
        assertEquals("server.trustedProxies[1]", e.keyPath());
    }

    private static InetAddress address(String literal) {
        return AddressRange.literal(literal).orElseThrow();
    }
}

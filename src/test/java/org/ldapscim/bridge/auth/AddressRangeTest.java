package org.ldapscim.bridge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CIDR ranges of IPv4 and IPv6 addresses, as allowFrom and trustedProxies take them. */
class AddressRangeTest {

    @ParameterizedTest(name = "{0} holds {1}: {2}")
    @CsvSource({
            "10.0.0.0/8, 10.0.0.0, true",
            "10.0.0.0/8, 10.255.255.255, true",
            "10.0.0.0/8, 11.0.0.0, false",
            "10.0.0.0/8, 9.255.255.255, false",
            "192.168.1.128/25, 192.168.1.128, true",
            "192.168.1.128/25, 192.168.1.127, false",
            "203.0.113.7, 203.0.113.7, true",
            "203.0.113.7, 203.0.113.8, false",
            "203.0.113.7/32, 203.0.113.7, true",
            "0.0.0.0/0, 198.51.100.1, true",
            "0.0.0.0/0, ::1, false",
            "2001:db8::/32, 2001:db8::1, true",
            "2001:db8::/32, 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, true",
            "2001:db8::/32, 2001:db9::, false",
            "2001:0DB8:0000::/48, 2001:db8:0:ffff::1, true",
            "2001:db8::/33, 2001:db8:8000::, false",
            "::/0, 2001:db8::1, true",
            "::/0, 10.0.0.1, false",
            "::1, ::1, true",
            "::1/128, 0:0:0:0:0:0:0:1, true",
            "[2001:db8::1], 2001:db8::1, true",
            "fe80::/10, febf:ffff::1, true",
            "fe80::/10, fec0::1, false",
            "10.1.2.3, ::ffff:10.1.2.3, true",
            "2001:db8::/32, 32.1.13.184, false",
    })
    void holdsExactlyTheAddressesUnderItsPrefix(String range, String address, boolean held) {
        InetAddress parsed = AddressRange.literal(address).orElseThrow();
        assertEquals(held, AddressRange.parse(range).contains(parsed));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "example.com", "localhost", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1",
            "10.0.0.0/8/8", "10.0.0.0/ 8", "10.0.0.0/08x", "10.0.0/8", "256.0.0.0/8", "10.0.0.1/8",
            "2001:db8::/129", "2001:db8::1/32", "fe80::1%eth0", "::ffff:10.0.0.0/104", "2001:db8:::/32",
            "10.0.0.0/1000"})
    void refusesWhatIsNoNumericRange(String text) {
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(text));
    }

    @Test
    void aRangeWithHostBitsSuggestsItsNetwork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("10.1.2.3/8"));
        assertTrue(e.getMessage().contains("10.0.0.0/8"), e.getMessage());
    }

    @Test
    void aHostNameIsNeverLookedUp() {
        assertEquals(Optional.empty(), AddressRange.literal("localhost"));
        assertEquals(Optional.empty(), AddressRange.literal("127.0.0.1.nip.io"));
        assertFalse(AddressRange.literal("127.0.0.1").isEmpty());
    }

    @Test
    void printsAsCidr() {
        assertEquals("10.0.0.0/8", AddressRange.parse("10.0.0.0/8").toString());
        assertEquals("203.0.113.7/32", AddressRange.parse("203.0.113.7").toString());
    }
}

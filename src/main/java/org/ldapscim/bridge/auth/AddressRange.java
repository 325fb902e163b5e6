package org.ldapscim.bridge.auth;

import com.unboundid.util.args.IPAddressArgumentValueValidator;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}), or one address
 * ({@code 203.0.113.7}, a range of one). A range of one family never holds an address of the other; Java reads an
 * IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}) as the IPv4 address it maps.
 */
public record AddressRange(InetAddress network, int prefixLength) {

    public AddressRange {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("the prefix length must be between 0 and " + bits);
        }
    }

    /**
     * Parses {@code address} or {@code address/prefix}. Only numeric addresses are taken, so that reading the
     * configuration never asks DNS. A range with bits set past its prefix ({@code 10.0.0.1/8}) is refused as the
     * likely typo it is.
     */
    public static AddressRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an address range is an address or address/prefix, e.g. 10.0.0.0/8");
        }
        String value = text.strip();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        InetAddress network = literal(address).orElseThrow(() -> new IllegalArgumentException("'" + value
                + "' is not an IPv4 or IPv6 address range; host names are not taken, e.g. 10.0.0.0/8 or 2001:db8::/32"));
        int bits = network.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = value.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("'" + value + "' has no prefix length of 0 to " + bits + " after /");
            }
            prefix = Integer.parseInt(digits);
            if (prefix > bits) {
                throw new IllegalArgumentException("'" + value + "' has a prefix longer than " + bits + " bits");
            }
        }
        AddressRange range = new AddressRange(network, prefix);
        if (!range.network().equals(range.first())) {
            throw new IllegalArgumentException("'" + value + "' has address bits set past its prefix; did you mean "
                    + range.first().getHostAddress() + "/" + prefix + "?");
        }
        return range;
    }

    /**
     * The address a numeric IPv4 or IPv6 literal names (square brackets around IPv6 allowed), or empty for
     * anything else: a host name, a zone id, garbage.
     */
    public static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        if (value.length() > 2 && value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.indexOf('%') >= 0 || !IPAddressArgumentValueValidator.isValidNumericIPAddress(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(value));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public boolean contains(InetAddress address) {
        if (address == null || (address instanceof Inet4Address) != (network instanceof Inet4Address)) {
            return false;
        }
        return Arrays.equals(masked(address.getAddress(), prefixLength), masked(network.getAddress(), prefixLength));
    }

    private InetAddress first() {
        try {
            return InetAddress.getByAddress(masked(network.getAddress(), prefixLength));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a masked address keeps its family's length", e);
        }
    }

    private static byte[] masked(byte[] address, int prefixLength) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int kept = Math.max(0, Math.min(8, prefixLength - i * 8));
            masked[i] &= (byte) (0xFF << (8 - kept));
        }
        return masked;
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}

package org.ldapscim.bridge.auth;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.ldapscim.bridge.config.ConfigException;

/** A configured list of address ranges, such as a client's {@code allowFrom}. */
public record AddressRanges(List<AddressRange> ranges) {

    public AddressRanges {
        ranges = List.copyOf(ranges);
    }

    /** Parses each entry; a malformed one is a ConfigException naming {@code keyPath[i]}. */
    public static AddressRanges parse(List<String> entries, String keyPath) {
        List<AddressRange> ranges = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                ranges.add(AddressRange.parse(entries.get(i)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(keyPath + "[" + i + "]", e.getMessage(),
                        "write an IPv4 or IPv6 address, or a CIDR range such as 10.0.0.0/8 or 2001:db8::/32");
            }
        }
        return new AddressRanges(ranges);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(InetAddress address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }
}

package org.ldapscim.bridge.mapping;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import org.ldapscim.bridge.config.ResourceMappingConfig.IdFormat;

/**
 * Reads the stable SCIM id off an entry and turns an id back into an equality filter.
 * Active Directory's objectGUID is 16 bytes whose first three fields are little-endian; Microsoft's text
 * form (what AD tools show) swaps them back, so {@code d3 a3 da 69 0f e1 1f 42 ...} reads
 * {@code 69daa3d3-e10f-421f-...}.
 */
public record IdCodec(String attribute, IdFormat format) {

    /** The id, or null when the entry lacks the attribute. */
    public String read(Entry entry) {
        if (format == IdFormat.objectGUID) {
            byte[] raw = entry.getAttributeValueBytes(attribute);
            return raw == null || raw.length != 16 ? null : guidText(raw);
        }
        String value = entry.getAttributeValue(attribute);
        return value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
    }

    /** The filter that finds the entry with this id, or null when the text cannot be an id of this kind. */
    public Filter filterFor(String id) {
        if (format == IdFormat.objectGUID) {
            byte[] raw = guidBytes(id);
            return raw == null ? null : Filter.createEqualityFilter(attribute, raw);
        }
        if (id.isEmpty() || id.length() > 256) {
            return null;
        }
        return Filter.createEqualityFilter(attribute, id);
    }

    static String guidText(byte[] raw) {
        ByteBuffer little = ByteBuffer.wrap(raw, 0, 8).order(ByteOrder.LITTLE_ENDIAN);
        long high = ((long) little.getInt() << 32) | ((long) (little.getShort() & 0xffff) << 16)
                | (little.getShort() & 0xffff);
        long low = ByteBuffer.wrap(raw, 8, 8).order(ByteOrder.BIG_ENDIAN).getLong();
        return new UUID(high, low).toString();
    }

    static byte[] guidBytes(String text) {
        UUID uuid;
        try {
            uuid = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!uuid.toString().equalsIgnoreCase(text)) {
            return null;
        }
        ByteBuffer out = ByteBuffer.allocate(16);
        long high = uuid.getMostSignificantBits();
        out.order(ByteOrder.LITTLE_ENDIAN).putInt((int) (high >>> 32)).putShort((short) (high >>> 16))
                .putShort((short) high);
        out.order(ByteOrder.BIG_ENDIAN).putLong(uuid.getLeastSignificantBits());
        return out.array();
    }
}

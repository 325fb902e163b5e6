package org.ldapscim.bridge.service;

import com.unboundid.ldif.LDIFAddChangeRecord;
import com.unboundid.ldif.LDIFChangeRecord;
import com.unboundid.ldif.LDIFModifyChangeRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ldapscim.bridge.mapping.ResourceMapping;

/**
 * The directory writes a dry run withheld, as LDIF change records in the order the bridge would send them, without
 * their controls (permissive modify, assertions), and with every value of a password attribute of the mappings
 * shown as {@value #MASK}, whether the record would carry it as text or base64.
 */
public final class WithheldChanges {
    public static final String MASK = "<secret>";

    private WithheldChanges() {
    }

    public static String ldif(List<LDIFChangeRecord> records, List<ResourceMapping> mappings) {
        Set<String> secrets = new HashSet<>();
        mappings.forEach(mapping -> secrets.addAll(ChangeRecord.secretAttributesOf(mapping)));
        StringBuilder ldif = new StringBuilder();
        for (LDIFChangeRecord record : records) {
            for (String line : withoutControls(record).toLDIF(0)) {
                ldif.append(masked(line, secrets)).append('\n');
            }
            ldif.append('\n');
        }
        return ldif.toString();
    }

    private static LDIFChangeRecord withoutControls(LDIFChangeRecord record) {
        if (record instanceof LDIFAddChangeRecord add) {
            return new LDIFAddChangeRecord(add.getDN(), add.getAttributes());
        }
        if (record instanceof LDIFModifyChangeRecord modify) {
            return new LDIFModifyChangeRecord(modify.getDN(), modify.getModifications());
        }
        return record.duplicate();
    }

    /** A value line of a secret attribute ({@code name: value}, {@code name:: base64}, with options) as the mask. */
    private static String masked(String line, Set<String> secrets) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return line;
        }
        String attribute = line.substring(0, colon);
        int options = attribute.indexOf(';');
        String name = (options < 0 ? attribute : attribute.substring(0, options)).toLowerCase(Locale.ROOT);
        return secrets.contains(name) ? attribute + ": " + MASK : line;
    }
}

package org.ldapscim.bridge.mapping;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One step of a deprovisioning policy, with what it needs of the directory. Immutable. */
public sealed interface DeprovisionStep {

    /** The step's name in the journal and in {@code deprovision_state.steps}. */
    String kind();

    /** Locks the account: the mapping's {@code active} written false, or a configured attribute set to a value. */
    record Disable(String attribute, ScalarMapper active, String value) implements DeprovisionStep {
        @Override
        public String kind() {
            return "disable";
        }

        /** The attribute as it must be for the account to be locked (no values: removed). */
        public Attribute disabled(Entry current) {
            if (active != null) {
                return active.write(List.of(BooleanNode.FALSE), current, null);
            }
            return new Attribute(attribute, value);
        }
    }

    /** Removes the account from every group it is a member of. */
    record StripGroups() implements DeprovisionStep {
        @Override
        public String kind() {
            return "stripGroups";
        }
    }

    /** Moves the entry under another parent, keeping its RDN. */
    record MoveTo(DN parent) implements DeprovisionStep {
        @Override
        public String kind() {
            return "moveTo";
        }
    }

    /** Writes attributes, each replacing what the entry held; {@code {date}} and {@code {timestamp}} become now. */
    record SetAttributes(Map<String, String> values) implements DeprovisionStep {
        private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
        private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
                .withZone(ZoneOffset.UTC);

        @Override
        public String kind() {
            return "set";
        }

        public List<Attribute> attributes(Instant now) {
            List<Attribute> attributes = new ArrayList<>();
            values.forEach((name, template) -> attributes.add(new Attribute(name, template
                    .replace("{date}", DATE.format(now)).replace("{timestamp}", TIMESTAMP.format(now)))));
            return attributes;
        }
    }

    /** Deletes the entry for good once the grace period has passed (the purger does, from the recorded time). */
    record PurgeAfter(Duration grace) implements DeprovisionStep {
        @Override
        public String kind() {
            return "purgeAfter";
        }
    }
}

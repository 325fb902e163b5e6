package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Filter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The directory's state before and after a journaled change, as two filters read off the intent's changes: the
 * entry matches {@link #after} once the change is applied and {@link #before} while it is not. The directory
 * compares the values with its own matching rules. Secrets (recorded as changed, never by value), the rename and
 * the groups refilled with the placeholder are not part of it; a large value list is represented by its first
 * values.
 */
final class IntendedState {
    private static final int VALUES_PER_SIDE = 20;
    private static final Set<String> NOT_ATTRIBUTES = Set.of("dn", "placeholderaddedto");

    private final List<Filter> after = new ArrayList<>();
    private final List<Filter> before = new ArrayList<>();

    private IntendedState() {
    }

    static IntendedState of(JsonNode changes) {
        IntendedState state = new IntendedState();
        for (Iterator<Map.Entry<String, JsonNode>> members = changes.fields(); members.hasNext(); ) {
            Map.Entry<String, JsonNode> member = members.next();
            String attribute = member.getKey();
            JsonNode change = member.getValue();
            if (NOT_ATTRIBUTES.contains(attribute.toLowerCase(Locale.ROOT)) || !change.isObject() || secret(change)) {
                continue;
            }
            if (change.has("before") || change.has("after")) {
                state.replaced(attribute, texts(change.path("before")), texts(change.path("after")));
            }
            if (change.has("added")) {
                state.changed(attribute, texts(change.path("added")), true);
            }
            if (change.has("removed")) {
                state.changed(attribute, texts(change.path("removed")), false);
            }
        }
        return state;
    }

    /** Whether there is anything the directory can be asked about. */
    boolean checkable() {
        return !after.isEmpty();
    }

    /** Matches the entry once the change is applied. */
    Filter after() {
        return Filter.createANDFilter(after);
    }

    /** Matches the entry while the change is not applied. */
    Filter before() {
        return Filter.createANDFilter(before);
    }

    private void replaced(String attribute, Set<String> old, Set<String> wanted) {
        side(after, attribute, wanted, old);
        side(before, attribute, old, wanted);
    }

    /** The attribute holds every value of {@code holds}, none of {@code lacks} it does not also hold. */
    private static void side(List<Filter> into, String attribute, Set<String> holds, Set<String> lacks) {
        if (holds.isEmpty()) {
            into.add(Filter.createNOTFilter(Filter.createPresenceFilter(attribute)));
        }
        holds.stream().limit(VALUES_PER_SIDE).forEach(value -> into.add(Filter.createEqualityFilter(attribute, value)));
        lacks.stream().filter(value -> !containsIgnoringCase(holds, value)).limit(VALUES_PER_SIDE)
                .forEach(value -> into.add(Filter.createNOTFilter(Filter.createEqualityFilter(attribute, value))));
    }

    private void changed(String attribute, Set<String> values, boolean added) {
        for (String value : values.stream().limit(VALUES_PER_SIDE).toList()) {
            Filter holds = Filter.createEqualityFilter(attribute, value);
            (added ? after : before).add(holds);
            (added ? before : after).add(Filter.createNOTFilter(holds));
        }
    }

    private static boolean secret(JsonNode change) {
        for (JsonNode side : change) {
            for (JsonNode value : side) {
                if (ChangeRecord.SECRET_CHANGED.equals(value.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> texts(JsonNode values) {
        Set<String> texts = new LinkedHashSet<>();
        values.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    private static boolean containsIgnoringCase(Set<String> values, String value) {
        return values.stream().anyMatch(value::equalsIgnoreCase);
    }
}

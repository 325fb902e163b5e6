package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.DirectoryException;
import org.ldapscim.bridge.mapping.DerivedName;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.scim.ScimException;

/**
 * What only the directory can tell about a new entry: which parent the placement rule's candidates exist, and
 * which derived names no entry holds yet. Thread-safe.
 */
final class NewEntryNaming {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NewEntryNaming.class);
    private final ResourceMapping mapping;
    private final DirectoryClient directory;

    NewEntryNaming(ResourceMapping mapping, DirectoryClient directory) {
        this.mapping = mapping;
        this.directory = directory;
    }

    /** The first parent the placement rule gives that exists, else the default parent. */
    DN parentFor(JsonNode resource) {
        try {
            for (DN candidate : mapping.placementsFor(resource)) {
                if (directory.read(candidate, "1.1") != null) {
                    return candidate;
                }
                LOG.warn("placing a new {} under {}: {} does not exist", mapping.name(), mapping.parent(), candidate);
            }
            return mapping.parent();
        } catch (DirectoryException e) {
            throw DirectoryErrors.translate(e, "choosing where a new " + mapping.name() + " goes");
        }
    }

    /**
     * A value for each derived name: the first candidate that no entry under the rule's base DNs holds.
     * 409 uniqueness when every candidate is taken.
     */
    Map<String, String> derivedNames(JsonNode resource) {
        Map<String, String> chosen = new LinkedHashMap<>();
        for (DerivedName rule : mapping.derivedNames()) {
            List<String> candidates = rule.candidates(path -> mapping.firstText(resource, path));
            String free = rule.unique() ? candidates.stream().filter(name -> !taken(rule, name)).findFirst()
                    .orElseThrow(() -> ScimException.uniqueness("every " + rule.attribute() + " tried for this "
                            + mapping.name() + " is taken (" + candidates.get(0) + " to "
                            + candidates.get(candidates.size() - 1) + ")")) : candidates.get(0);
            chosen.put(rule.attribute(), free);
        }
        return chosen;
    }

    /**
     * What two creates racing for one derived name share, so that within this bridge they choose one at a time:
     * the first unique rule's plain name, in lower case; null without a unique rule.
     */
    String contendedName(JsonNode resource) {
        for (DerivedName rule : mapping.derivedNames()) {
            if (rule.unique()) {
                String name = rule.candidates(path -> mapping.firstText(resource, path)).get(0);
                return rule.attribute() + "=" + name.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }

    private boolean taken(DerivedName rule, String name) {
        try {
            for (DN base : rule.uniqueUnder()) {
                if (!directory.search(base, rule.takenFilter(name), 1, "1.1").isEmpty()) {
                    return true;
                }
            }
            return false;
        } catch (DirectoryException e) {
            throw DirectoryErrors.translate(e, "checking whether " + rule.attribute() + " is taken");
        }
    }
}

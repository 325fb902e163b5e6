package org.ldapscim.bridge.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code attributes} and {@code excludedAttributes} parameters (RFC 7644 §3.4.2.5): which attributes a
 * response shows. {@code id} and {@code schemas} are always shown (returned: always).
 */
public final class Projection {
    private static final Projection DEFAULT = new Projection(List.of(), List.of(), null);

    private final List<Path> attributes;
    private final List<Path> excluded;
    private final String coreUrn;

    private Projection(List<Path> attributes, List<Path> excluded, String coreUrn) {
        this.attributes = attributes;
        this.excluded = excluded;
        this.coreUrn = coreUrn;
    }

    public static Projection all() {
        return DEFAULT;
    }

    /** Parses the two parameters (either may be null or empty); a bad path is 400 invalidPath. */
    public static Projection of(String attributes, String excludedAttributes, String coreUrn) {
        return of(attributes, excludedAttributes, coreUrn, List.of());
    }

    /**
     * As {@link #of(String, String, String)}, where an item that is one of {@code schemaUrns} names that whole
     * schema: {@code attributes=urn:ietf:params:scim:schemas:extension:enterprise:2.0:User}. (The SDK would read
     * it as the attribute "User" of a schema "...:2.0".)
     */
    public static Projection of(String attributes, String excludedAttributes, String coreUrn, List<String> schemaUrns) {
        return new Projection(paths(attributes, schemaUrns), paths(excludedAttributes, schemaUrns), coreUrn);
    }

    private static List<Path> paths(String list, List<String> schemaUrns) {
        List<Path> paths = new ArrayList<>();
        if (list == null || list.isBlank()) {
            return paths;
        }
        for (String item : list.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            String wholeSchema = schemaUrns.stream().filter(item.trim()::equalsIgnoreCase).findFirst().orElse(null);
            if (wholeSchema != null) {
                paths.add(Path.root(wholeSchema));
                continue;
            }
            try {
                Path path = Path.fromString(item.trim());
                if (path.size() > 2) {
                    throw ScimException.invalidPath("'" + item.trim() + "' is deeper than attribute.subAttribute");
                }
                paths.add(path);
            } catch (BadRequestException e) {
                throw ScimException.invalidPath("'" + item.trim() + "' is not an attribute path");
            }
        }
        return paths;
    }

    /** Whether any part of the top-level attribute {@code name} of schema {@code urn} is shown. */
    public boolean shows(String urn, String name) {
        if (!attributes.isEmpty()) {
            return attributes.stream().anyMatch(p -> covers(p, urn, name, false));
        }
        // A bare schema URN excludes the whole extension, as in attributes= it shows the whole of it.
        return excluded.stream().noneMatch(p -> p.size() <= 1 && covers(p, urn, name, p.size() == 1));
    }

    private boolean covers(Path path, String urn, String name, boolean exact) {
        String pathUrn = path.getSchemaUrn();
        boolean urnMatches = pathUrn == null ? true : pathUrn.equalsIgnoreCase(urn);
        if (path.size() == 0) {
            return !exact && urnMatches;
        }
        return urnMatches && path.getElement(0).getAttribute().equalsIgnoreCase(name);
    }

    /** The resource with only the shown attributes left. */
    public ObjectNode apply(ObjectNode resource) {
        if (attributes.isEmpty() && excluded.isEmpty()) {
            return resource;
        }
        ObjectNode shown = resource.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = shown.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (name.equals("id") || name.equals("schemas")) {
                continue;
            }
            if (name.toLowerCase().startsWith("urn:") && field.getValue().isObject()) {
                pruneContainer((ObjectNode) field.getValue(), name);
                if (field.getValue().isEmpty() && !showsWholeSchema(name)) {
                    it.remove();
                }
                continue;
            }
            if (!shows(coreUrn, name)) {
                it.remove();
            } else {
                pruneSubAttributes(field.getValue(), coreUrn, name);
            }
        }
        return shown;
    }

    private boolean showsWholeSchema(String urn) {
        return attributes.stream().anyMatch(p -> p.size() == 0 && urn.equalsIgnoreCase(p.getSchemaUrn()));
    }

    private void pruneContainer(ObjectNode container, String urn) {
        for (Iterator<Map.Entry<String, JsonNode>> it = container.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!shows(urn, field.getKey())) {
                it.remove();
            } else {
                pruneSubAttributes(field.getValue(), urn, field.getKey());
            }
        }
    }

    private void pruneSubAttributes(JsonNode value, String urn, String name) {
        List<String> onlySubs = new ArrayList<>();
        boolean whole = attributes.isEmpty();
        for (Path path : attributes) {
            if (covers(path, urn, name, true)) {
                if (path.size() == 1) {
                    whole = true;
                } else {
                    onlySubs.add(path.getElement(1).getAttribute());
                }
            }
        }
        List<String> droppedSubs = new ArrayList<>();
        for (Path path : excluded) {
            if (path.size() == 2 && covers(path, urn, name, true)) {
                droppedSubs.add(path.getElement(1).getAttribute());
            }
        }
        List<ObjectNode> objects = new ArrayList<>();
        if (value.isObject()) {
            objects.add((ObjectNode) value);
        } else if (value.isArray()) {
            for (JsonNode element : (ArrayNode) value) {
                if (element.isObject()) {
                    objects.add((ObjectNode) element);
                }
            }
        }
        for (ObjectNode object : objects) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String sub = names.next();
                boolean keep = (whole || onlySubs.stream().anyMatch(sub::equalsIgnoreCase))
                        && droppedSubs.stream().noneMatch(sub::equalsIgnoreCase);
                if (!keep) {
                    names.remove();
                }
            }
        }
    }
}

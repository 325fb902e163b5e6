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
        return new Projection(paths(attributes), paths(excludedAttributes), coreUrn);
    }

    private static List<Path> paths(String list) {
        List<Path> paths = new ArrayList<>();
        if (list == null || list.isBlank()) {
            return paths;
        }
        for (String item : list.split(",")) {
            if (item.isBlank()) {
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
            return attributes.stream().anyMatch(p -> namesSchema(p, urn) || covers(p, urn, name));
        }
        return excluded.stream().noneMatch(p -> namesSchema(p, urn) || (p.size() == 1 && covers(p, urn, name)));
    }

    /** Whether the path names attribute {@code name} of schema {@code urn}, or a sub-attribute of it. */
    private static boolean covers(Path path, String urn, String name) {
        String pathUrn = path.getSchemaUrn();
        boolean urnMatches = pathUrn == null || pathUrn.equalsIgnoreCase(urn);
        return path.size() > 0 && urnMatches && path.getElement(0).getAttribute().equalsIgnoreCase(name);
    }

    /**
     * Whether the path is the URN of schema {@code urn} itself. The SDK reads a bare URN such as
     * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User} as attribute {@code User} of schema
     * {@code urn:...:enterprise:2.0}, so that form counts as the whole schema too.
     */
    private static boolean namesSchema(Path path, String urn) {
        String pathUrn = path.getSchemaUrn();
        if (pathUrn == null || urn == null) {
            return false;
        }
        if (path.size() == 0) {
            return pathUrn.equalsIgnoreCase(urn);
        }
        return path.size() == 1 && path.getElement(0).getValueFilter() == null
                && (pathUrn + ":" + path.getElement(0).getAttribute()).equalsIgnoreCase(urn);
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
                if (field.getValue().isObject() && field.getValue().isEmpty()) {
                    it.remove();
                }
            }
        }
        return shown;
    }

    private boolean showsWholeSchema(String urn) {
        return attributes.stream().anyMatch(p -> namesSchema(p, urn));
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
            if (namesSchema(path, urn)) {
                whole = true;
            } else if (covers(path, urn, name)) {
                if (path.size() == 1) {
                    whole = true;
                } else {
                    onlySubs.add(path.getElement(1).getAttribute());
                }
            }
        }
        List<String> droppedSubs = new ArrayList<>();
        for (Path path : excluded) {
            if (path.size() == 2 && covers(path, urn, name)) {
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

package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ldapscim.bridge.config.LimitsConfig;
import org.ldapscim.bridge.mapping.AttributeMapper;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.scim.ScimUrns;
import org.ldapscim.bridge.scim.schema.SchemaDefinition;

/**
 * The discovery documents of RFC 7644 §4, generated from the loaded mappings so they say exactly what this
 * deployment stores: a schema lists only mapped attributes, read-only where no mapping writes them.
 */
public final class Discovery {
    private final List<ResourceMapping> mappings;
    private final int maxResults;
    private final LimitsConfig limits;

    public Discovery(List<ResourceMapping> mappings, int maxResults, LimitsConfig limits) {
        this.mappings = List.copyOf(mappings);
        this.maxResults = maxResults;
        this.limits = limits;
    }

    public ObjectNode serviceProviderConfig(String baseUrl) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.putArray("schemas").add(ScimUrns.SERVICE_PROVIDER_CONFIG).add(ScimUrns.LIMITS_EXTENSION);
        config.put("documentationUri", "https://github.com/ldap-scim-bridge/ldap-scim-bridge#readme");
        config.putObject("patch").put("supported", true);
        config.putObject("bulk").put("supported", true).put("maxOperations", limits.maxBulkOperations())
                .put("maxPayloadSize", limits.maxBulkPayloadBytes());
        config.putObject("filter").put("supported", true).put("maxResults", maxResults);
        config.putObject("changePassword").put("supported", mappings.stream().anyMatch(this::mapsPassword));
        config.putObject("sort").put("supported", true);
        config.putObject("etag").put("supported", true);
        // RFC 9865 §4: both ways of paging; index stays the default, as RFC 7644 clients expect.
        config.putObject("pagination").put("cursor", true).put("index", true)
                .put("defaultPaginationMethod", "index").put("defaultPageSize", maxResults)
                .put("maxPageSize", maxResults).put("cursorTimeout", ResourceService.CURSOR_TIMEOUT_SECONDS);
        ArrayNode schemes = config.putArray("authenticationSchemes");
        schemes.addObject().put("type", "oauthbearertoken").put("name", "OAuth Bearer Token")
                .put("description", "A bearer token issued by the bridge's administrator (RFC 6750)")
                .put("specUri", "https://www.rfc-editor.org/rfc/rfc6750").put("primary", true);
        // RFC 7643 §5 has no fields for these; they go in an extension of the bridge's own (RFC 7643 §3.3).
        config.putObject(ScimUrns.LIMITS_EXTENSION).put("maxFilterLength", limits.maxFilterLength())
                .put("maxFilterDepth", limits.maxFilterDepth()).put("maxFilterClauses", limits.maxFilterClauses())
                .put("maxPathLength", limits.maxPathLength());
        config.set("meta", meta("ServiceProviderConfig", baseUrl + "/ServiceProviderConfig"));
        return config;
    }

    private boolean mapsPassword(ResourceMapping mapping) {
        return mapping.mappers().stream().anyMatch(m -> m.path().attribute().equalsIgnoreCase("password"));
    }

    public List<ObjectNode> resourceTypes(String baseUrl) {
        List<ObjectNode> types = new ArrayList<>();
        for (ResourceMapping mapping : mappings) {
            types.add(resourceType(mapping, baseUrl));
        }
        return types;
    }

    public Optional<ObjectNode> resourceType(String name, String baseUrl) {
        return mappings.stream().filter(m -> m.name().equalsIgnoreCase(name)).findFirst()
                .map(m -> resourceType(m, baseUrl));
    }

    private ObjectNode resourceType(ResourceMapping mapping, String baseUrl) {
        ObjectNode type = JsonNodeFactory.instance.objectNode();
        type.putArray("schemas").add(ScimUrns.RESOURCE_TYPE);
        type.put("id", mapping.name());
        type.put("name", mapping.name());
        type.put("endpoint", mapping.endpoint());
        type.put("description", mapping.coreSchema().description());
        type.put("schema", mapping.coreSchema().urn());
        ArrayNode extensions = type.putArray("schemaExtensions");
        for (SchemaDefinition extension : mapping.extensions()) {
            extensions.addObject().put("schema", extension.urn()).put("required", false);
        }
        type.set("meta", meta("ResourceType", baseUrl + "/ResourceTypes/" + mapping.name()));
        return type;
    }

    public List<ObjectNode> schemas(String baseUrl) {
        Map<String, ObjectNode> schemas = new LinkedHashMap<>();
        for (ResourceMapping mapping : mappings) {
            schemas.put(mapping.coreSchema().urn(), schema(mapping, mapping.coreSchema(), baseUrl));
            for (SchemaDefinition extension : mapping.extensions()) {
                schemas.put(extension.urn(), schema(mapping, extension, baseUrl));
            }
        }
        schemas.put(ScimUrns.DELETED_EXTENSION, deletedSchema(baseUrl));
        return new ArrayList<>(schemas.values());
    }

    /** The tombstones' extension: the one attribute a resource answered from the journal after its deletion has. */
    private static ObjectNode deletedSchema(String baseUrl) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.putArray("schemas").add(ScimUrns.SCHEMA);
        schema.put("id", ScimUrns.DELETED_EXTENSION);
        schema.put("name", "Deleted");
        schema.put("description", "Marks a resource deleted since the instant of a meta.lastModified gt or ge filter");
        ObjectNode deleted = schema.putArray("attributes").addObject();
        deleted.put("name", "deleted");
        deleted.put("type", "boolean");
        deleted.put("multiValued", false);
        deleted.put("description", "true: the resource was deleted; only id and meta remain");
        deleted.put("required", false);
        deleted.put("caseExact", false);
        deleted.put("mutability", "readOnly");
        deleted.put("returned", "default");
        deleted.put("uniqueness", "none");
        schema.set("meta", meta("Schema", baseUrl + "/Schemas/" + ScimUrns.DELETED_EXTENSION));
        return schema;
    }

    public Optional<ObjectNode> schema(String urn, String baseUrl) {
        return schemas(baseUrl).stream().filter(s -> s.get("id").asText().equalsIgnoreCase(urn)).findFirst();
    }

    private ObjectNode schema(ResourceMapping mapping, SchemaDefinition definition, String baseUrl) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.putArray("schemas").add(ScimUrns.SCHEMA);
        schema.put("id", definition.urn());
        schema.put("name", definition.name());
        schema.put("description", definition.description());
        ArrayNode attributes = schema.putArray("attributes");
        for (AttributeDefinition attribute : definition.attributes()) {
            List<AttributeMapper> mappers = mapping.mappersOf(definition.urn(), attribute.getName());
            if (!mappers.isEmpty()) {
                attributes.add(describe(attribute, mappers));
            }
        }
        schema.set("meta", meta("Schema", baseUrl + "/Schemas/" + definition.urn()));
        return schema;
    }

    private static ObjectNode describe(AttributeDefinition attribute, List<AttributeMapper> mappers) {
        ObjectNode node = JsonUtils.valueToNode(attribute);
        boolean writable = mappers.stream().anyMatch(ResourceMapping::isWritable);
        if (!writable && attribute.getMutability() != AttributeDefinition.Mutability.READ_ONLY) {
            node.put("mutability", "readOnly");
        }
        if (attribute.getSubAttributes() != null && mappers.stream().allMatch(m -> m.path().subAttribute() != null)) {
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            for (var sub : node.withArray("subAttributes")) {
                String name = sub.get("name").asText();
                boolean mapped = mappers.stream().anyMatch(m -> m.path().subAttribute().equalsIgnoreCase(name))
                        || name.equals("type") || name.equals("primary");
                if (mapped) {
                    kept.add(sub);
                }
                List<String> types = mappers.stream().map(m -> m.path().type()).filter(java.util.Objects::nonNull)
                        .distinct().toList();
                if (name.equals("type") && !types.isEmpty() && sub instanceof ObjectNode typeNode) {
                    // Only the element types this mapping stores: others are accepted and not kept.
                    ArrayNode canonical = typeNode.putArray("canonicalValues");
                    types.forEach(canonical::add);
                }
            }
            node.set("subAttributes", kept);
        }
        return node;
    }

    private static ObjectNode meta(String resourceType, String location) {
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        meta.put("resourceType", resourceType);
        meta.put("location", location);
        return meta;
    }
}

package org.ldapscim.bridge.mapping;

import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.DITContentRuleDefinition;
import com.unboundid.ldap.sdk.schema.ObjectClassDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ldapscim.bridge.config.ConfigException;

/**
 * Checks compiled mappings against a directory schema: every object class and attribute they name exists,
 * and a new entry gets every attribute its object classes require (unless the directory supplies it itself).
 */
public final class MappingSchemaCheck {

    private MappingSchemaCheck() {
    }

    public static void check(List<ResourceMapping> mappings, List<String> labels, Schema schema) {
        for (int i = 0; i < mappings.size(); i++) {
            check(mappings.get(i), labels.get(i), schema);
        }
    }

    private static void check(ResourceMapping mapping, String label, Schema schema) {
        Set<String> provided = new HashSet<>();
        for (String objectClass : mapping.objectClasses()) {
            if (schema.getObjectClass(objectClass) == null) {
                throw new ConfigException(label + ": objectClasses", "object class " + objectClass
                        + " is not in the directory schema", "load its schema into the directory, or drop it");
            }
        }
        requireAttribute(schema, mapping.id().attribute(), label + ": id.attribute");
        requireAttribute(schema, mapping.meta().created(), label + ": meta.created");
        requireAttribute(schema, mapping.meta().lastModified(), label + ": meta.lastModified");
        for (String version : mapping.meta().version()) {
            requireAttribute(schema, version, label + ": meta.version");
        }
        for (AttributeMapper mapper : mapping.mappers()) {
            requireTransformAttributes(mapper, label, schema);
            for (String attribute : mapper.readAttributes()) {
                requireAttribute(schema, attribute, label + ": attributes(" + mapper.path() + ").ldap");
            }
            if (mapper.writtenAttribute() != null) {
                requireAttribute(schema, mapper.writtenAttribute(), label + ": attributes(" + mapper.path() + ").ldap");
                provided.add(canonical(schema, mapper.writtenAttribute()));
            }
            if (mapper instanceof PasswordMapper password && password.companion() != null) {
                String companion = password.companion().getBaseName();
                requireAttribute(schema, companion, label + ": attributes(" + mapper.path() + ").transform.mustChangeAtNextLogon");
                provided.add(canonical(schema, companion));
            }
        }
        for (String attribute : mapping.rdn().attributeNames()) {
            requireAttribute(schema, attribute, label + ": create.rdn");
            provided.add(canonical(schema, attribute));
        }
        for (String attribute : mapping.createDefaultAttributes()) {
            requireAttribute(schema, attribute, label + ": create.defaults." + attribute);
            provided.add(canonical(schema, attribute));
        }
        for (DerivedName derived : mapping.derivedNames()) {
            requireAttribute(schema, derived.attribute(), label + ": create.derived." + derived.attribute());
            provided.add(canonical(schema, derived.attribute()));
        }
        for (DeprovisionPolicy policy : mapping.deprovision().policies().values()) {
            String key = label + ": deprovision.policies." + policy.name();
            List<DeprovisionStep> steps = java.util.stream.Stream.concat(policy.onDelete().stream(),
                    policy.onDeactivate().stream()).toList();
            for (DeprovisionStep step : steps) {
                if (step instanceof DeprovisionStep.Disable disable) {
                    requireAttribute(schema, disable.attribute(), key + ".disable.attribute");
                }
            }
            for (DeprovisionStep step : steps) {
                if (step instanceof DeprovisionStep.SetAttributes set) {
                    for (String attribute : set.values().keySet()) {
                        requireAttribute(schema, attribute, key + ".set." + attribute);
                        requireSettable(mapping, schema, steps, attribute, key + ".set." + attribute);
                    }
                }
            }
        }
        provided.add("objectclass");
        requireAllowed(mapping, label, schema, provided);
        provided.addAll(DirectorySuppliedAttributes.of(schema));
        for (String objectClass : mapping.objectClasses()) {
            ObjectClassDefinition definition = schema.getObjectClass(objectClass);
            for (AttributeTypeDefinition required : definition.getRequiredAttributes(schema, true)) {
                if (!provided.contains(required.getNameOrOID().toLowerCase(Locale.ROOT))) {
                    throw new ConfigException(label + ": create.defaults", "object class " + objectClass + " requires "
                            + required.getNameOrOID() + ", which no mapping writes",
                            "map it, or add create.defaults." + required.getNameOrOID());
                }
            }
        }
    }

    /**
     * Every attribute a write may set must be allowed by the entry's object classes, or by the DIT content rule
     * (RFC 4512 §4.1.6) of one of them, or be operational. Active Directory needs the rules: it keeps
     * {@code sAMAccountName}, {@code mail} and many more in auxiliary classes ({@code securityPrincipal},
     * {@code mailRecipient}) that the subschema's {@code user} class does not name, and publishes which
     * auxiliary classes each structural class takes as that class's content rule. The rules' MUST lists are not
     * required of a mapping: AD generates some of them ({@code objectSid}).
     */
    private static void requireAllowed(ResourceMapping mapping, String label, Schema schema, Set<String> written) {
        Set<String> allowed = new HashSet<>();
        for (String objectClass : mapping.objectClasses()) {
            ObjectClassDefinition definition = schema.getObjectClass(objectClass);
            if (definition.getNameOrOID().equalsIgnoreCase("extensibleObject")) {
                return;
            }
            definition.getRequiredAttributes(schema, true).forEach(a -> allowed.add(a.getNameOrOID().toLowerCase(Locale.ROOT)));
            definition.getOptionalAttributes(schema, true).forEach(a -> allowed.add(a.getNameOrOID().toLowerCase(Locale.ROOT)));
            DITContentRuleDefinition rule = schema.getDITContentRule(definition.getOID());
            if (rule != null) {
                allowByContentRule(rule, schema, allowed);
            }
        }
        for (String attribute : written) {
            AttributeTypeDefinition type = schema.getAttributeType(attribute);
            if (attribute.equals("objectclass") || type == null || type.isOperational() || allowed.contains(attribute)) {
                continue;
            }
            throw new ConfigException(label + ": objectClasses", "no object class of " + mapping.objectClasses()
                    + " allows " + type.getNameOrOID(), "add a class that allows it, or stop writing it");
        }
    }

    /** The attributes a reference or member search names besides its own: misspelt, they find nothing. */
    private static void requireTransformAttributes(AttributeMapper mapper, String label, Schema schema) {
        String key = label + ": attributes(" + mapper.path() + ").transform.";
        if (mapper instanceof ReferenceMapper reference && reference.by() != null) {
            requireAttribute(schema, reference.by(), key + "by");
        }
        if (mapper instanceof MemberSearchMapper search) {
            requireAttribute(schema, search.memberAttribute(), key + "memberAttribute");
            if (search.by() != null) {
                requireAttribute(schema, search.by(), key + "by");
            }
        }
    }

    private static void allowByContentRule(DITContentRuleDefinition rule, Schema schema, Set<String> allowed) {
        for (String name : rule.getRequiredAttributes()) {
            allowed.add(canonical(schema, name));
        }
        for (String name : rule.getOptionalAttributes()) {
            allowed.add(canonical(schema, name));
        }
        for (String auxiliaryName : rule.getAuxiliaryClasses()) {
            ObjectClassDefinition auxiliary = schema.getObjectClass(auxiliaryName);
            if (auxiliary != null) {
                auxiliary.getRequiredAttributes(schema, true).forEach(a -> allowed.add(a.getNameOrOID().toLowerCase(Locale.ROOT)));
                auxiliary.getOptionalAttributes(schema, true).forEach(a -> allowed.add(a.getNameOrOID().toLowerCase(Locale.ROOT)));
            }
        }
    }

    /**
     * A {@code set} step replaces an attribute and its undo puts the old values back: neither works on the RDN
     * attribute (a replace would drop the naming value), on objectClass, on what the directory alone writes,
     * nor on the attribute the disable step or {@code active} writes (the two would undo each other).
     */
    private static void requireSettable(ResourceMapping mapping, Schema schema, List<DeprovisionStep> steps,
                                        String attribute, String key) {
        String name = canonical(schema, attribute);
        if (name.equals("objectclass")) {
            throw new ConfigException(key, "a set step cannot replace objectClass", "drop it from the step");
        }
        if (mapping.rdn().attributeNames().stream().anyMatch(rdn -> canonical(schema, rdn).equals(name))) {
            throw new ConfigException(key, attribute + " is the RDN attribute (create.rdn): replacing it would"
                    + " rename the entry", "drop it from the step, or use moveTo");
        }
        if (DirectorySuppliedAttributes.of(schema).contains(name)) {
            throw new ConfigException(key, attribute + " is written by the directory alone (NO-USER-MODIFICATION)",
                    "drop it from the step");
        }
        boolean disables = steps.stream().anyMatch(step -> step instanceof DeprovisionStep.Disable disable
                && canonical(schema, disable.attribute()).equals(name));
        boolean active = mapping.mappersOf(mapping.coreSchema().urn(), "active").stream()
                .anyMatch(mapper -> mapper.writtenAttribute() != null && canonical(schema, mapper.writtenAttribute()).equals(name));
        if (disables || active) {
            throw new ConfigException(key, attribute + " is the attribute the disable step or active writes",
                    "lock the account with disable, and drop it from the set step");
        }
    }

    private static void requireAttribute(Schema schema, String attribute, String key) {
        if (schema.getAttributeType(attribute) == null) {
            throw new ConfigException(key, "attribute " + attribute + " is not in the directory schema",
                    "check the spelling, or load the schema that defines it");
        }
    }

    private static String canonical(Schema schema, String attribute) {
        AttributeTypeDefinition type = schema.getAttributeType(attribute);
        return (type == null ? attribute : type.getNameOrOID()).toLowerCase(Locale.ROOT);
    }
}

package org.ldapscim.bridge.mapping;

import com.unboundid.ldap.sdk.DN;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.DeprovisionConfig;
import org.ldapscim.bridge.config.DeprovisionConfig.AfterDelete;
import org.ldapscim.bridge.config.DeprovisionConfig.PolicyConfig;
import org.ldapscim.bridge.config.DeprovisionConfig.StepConfig;

/** Checks a mapping's {@code deprovision} section against the mapping and compiles it. */
final class DeprovisionCompiler {
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}");

    private DeprovisionCompiler() {
    }

    static DeprovisionPolicies compile(DeprovisionConfig config, String coreUrn, List<AttributeMapper> mappers,
                                       List<DN> baseDns, String label) {
        if (config == null) {
            return DeprovisionPolicies.NONE;
        }
        String key = label + ": deprovision";
        ScalarMapper active = scalar(mappers, coreUrn, "active");
        Map<String, DeprovisionPolicy> policies = new LinkedHashMap<>();
        config.policies().forEach((name, policy) -> policies.put(name,
                policy(name, policy, active, baseDns, key + ".policies." + name)));
        if (config.defaultPolicy() != null && !policies.containsKey(config.defaultPolicy())) {
            throw new ConfigException(key + ".defaultPolicy", "names no policy: " + config.defaultPolicy(),
                    "policies here: " + policies.keySet());
        }
        ScalarMapper userName = null;
        ScalarMapper externalId = null;
        List<String> matchBy = config.reactivate().matchBy();
        for (int i = 0; i < matchBy.size(); i++) {
            String by = matchBy.get(i);
            ScalarMapper mapper = scalar(mappers, coreUrn, by);
            if (!List.of("userName", "externalId").contains(by) || mapper == null) {
                throw new ConfigException(key + ".reactivate.matchBy[" + i + "]", by
                        + " cannot match a returning account", "use userName or externalId, mapped in this file");
            }
            if (by.equals("userName")) {
                userName = mapper;
            } else {
                externalId = mapper;
            }
        }
        if (config.reactivate().onCreate() && userName == null && externalId == null) {
            throw new ConfigException(key + ".reactivate.onCreate", "a POST cannot be matched by nothing",
                    "list userName or externalId under reactivate.matchBy");
        }
        return new DeprovisionPolicies(policies, config.defaultPolicy(), userName, externalId,
                config.reactivate().onActiveTrue(), config.reactivate().onCreate(), brake(config.brake(), key + ".brake"));
    }

    private static DeprovisionPolicies.Brake brake(DeprovisionConfig.BrakeConfig brake, String key) {
        if (brake == null) {
            return null;
        }
        if (brake.maxDeprovisions() == null || brake.maxDeprovisions() < 1) {
            throw new ConfigException(key + ".maxDeprovisions", "must be a whole number of at least 1",
                    "e.g. brake: {maxDeprovisions: 10, withinMinutes: 60}");
        }
        if (brake.withinMinutes() == null || brake.withinMinutes() < 1) {
            throw new ConfigException(key + ".withinMinutes", "must be a whole number of at least 1",
                    "e.g. brake: {maxDeprovisions: 10, withinMinutes: 60}");
        }
        return new DeprovisionPolicies.Brake(brake.maxDeprovisions(), Duration.ofMinutes(brake.withinMinutes()),
                brake.answer());
    }

    private static DeprovisionPolicy policy(String name, PolicyConfig config, ScalarMapper active, List<DN> baseDns,
                                            String key) {
        if (config == null) {
            throw new ConfigException(key, "the policy is empty", "give onDelete and/or onDeactivate steps");
        }
        if (config.onDelete() == null && config.onDeactivate() == null) {
            throw new ConfigException(key, "the policy has no steps", "give onDelete and/or onDeactivate steps");
        }
        if (config.onDelete() == null && config.afterDelete() == AfterDelete.inactive) {
            throw new ConfigException(key + ".onDelete", "afterDelete: inactive needs a disable step",
                    "add onDelete: [{disable: {}}], or leave afterDelete out and DELETE deletes");
        }
        List<DeprovisionStep> onDelete = steps(config.onDelete(), active, key + ".onDelete");
        List<DeprovisionStep> onDeactivate = steps(config.onDeactivate(), active, key + ".onDeactivate");
        if (!onDeactivate.isEmpty() && onDeactivate.stream().noneMatch(DeprovisionStep.Disable.class::isInstance)) {
            throw new ConfigException(key + ".onDeactivate", "active=false must lock the account: a disable step"
                    + " is missing", "add - disable: {}");
        }
        boolean hidden = config.afterDelete() == AfterDelete.notFound;
        requireWhere(onDeactivate, baseDns, true, key + ".onDeactivate",
                "a deactivated account stays visible to its IdP, so it must stay under the mapping's baseDns");
        if (!onDelete.isEmpty() && hidden) {
            if (onDelete.stream().noneMatch(DeprovisionStep.MoveTo.class::isInstance)) {
                throw new ConfigException(key + ".onDelete", "afterDelete: notFound needs a moveTo step",
                        "move the entry to a quarantine OU outside the baseDns, or set afterDelete: inactive");
            }
            requireWhere(onDelete, baseDns, false, key + ".onDelete",
                    "with afterDelete: notFound the account leaves the baseDns, so lists and GET no longer see it");
        }
        if (!onDelete.isEmpty() && !hidden) {
            requireWhere(onDelete, baseDns, true, key + ".onDelete",
                    "with afterDelete: inactive the account is still shown, so it must stay under the baseDns");
            if (onDelete.stream().noneMatch(DeprovisionStep.Disable.class::isInstance)) {
                throw new ConfigException(key + ".onDelete", "afterDelete: inactive needs a disable step",
                        "add - disable: {}");
            }
        }
        return new DeprovisionPolicy(name, onDelete, onDeactivate, config.afterDelete());
    }

    private static void requireWhere(List<DeprovisionStep> steps, List<DN> baseDns, boolean inside, String key,
                                     String why) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof DeprovisionStep.MoveTo move) {
                boolean under = baseDns.stream().anyMatch(base -> move.parent().isDescendantOf(base, true));
                if (under != inside) {
                    throw new ConfigException(key + "[" + i + "].moveTo", move.parent() + (inside
                            ? " is outside the mapping's baseDns" : " is under the mapping's baseDns"), why);
                }
            }
        }
    }

    private static List<DeprovisionStep> steps(List<StepConfig> configs, ScalarMapper active, String key) {
        List<DeprovisionStep> steps = new ArrayList<>();
        if (configs == null) {
            return steps;
        }
        if (configs.isEmpty()) {
            // An empty list reads like "no steps, nothing happens", yet would mean the plain operation.
            throw new ConfigException(key, "an empty step list", "leave the key out for the plain operation"
                    + " (DELETE deletes, active=false only flips active), or list the steps");
        }
        for (int i = 0; i < configs.size(); i++) {
            StepConfig step = configs.get(i);
            String at = key + "[" + i + "]";
            int given = step == null ? 0 : count(step.disable(), step.stripGroups(), step.moveTo(), step.set(),
                    step.purgeAfterDays());
            if (given != 1) {
                throw new ConfigException(at, "a step has exactly one of disable, stripGroups, moveTo, set,"
                        + " purgeAfterDays", "e.g. - moveTo: \"ou=quarantine,dc=example,dc=com\"");
            }
            DeprovisionStep compiled = step(step, active, at);
            if (steps.stream().anyMatch(s -> s.kind().equals(compiled.kind()))) {
                throw new ConfigException(at, "the step " + compiled.kind() + " is given twice", "keep one");
            }
            steps.add(compiled);
        }
        return steps;
    }

    private static DeprovisionStep step(StepConfig step, ScalarMapper active, String at) {
        if (step.disable() != null) {
            String attribute = step.disable().attribute();
            if (attribute == null) {
                if (step.disable().value() != null) {
                    throw new ConfigException(at + ".disable.attribute", "a value needs its attribute",
                            "e.g. disable: {attribute: nsAccountLock, value: \"true\"}");
                }
                if (active == null || !active.writable()) {
                    throw new ConfigException(at + ".disable", "the mapping has no writable active to disable with",
                            "map active (lockFlag or bitFlag), or name the attribute: disable: {attribute: ..., value: ...}");
                }
                return new DeprovisionStep.Disable(active.ldapAttribute(), active, null);
            }
            requireAttributeName(attribute, at + ".disable.attribute");
            if (step.disable().value() == null || step.disable().value().isEmpty()) {
                throw new ConfigException(at + ".disable.value", "the value of a disabled account is missing",
                        "e.g. disable: {attribute: nsAccountLock, value: \"true\"}");
            }
            return new DeprovisionStep.Disable(attribute, null, step.disable().value());
        }
        if (step.stripGroups() != null) {
            if (!step.stripGroups()) {
                throw new ConfigException(at + ".stripGroups", "only true is a step", "leave the step out instead");
            }
            return new DeprovisionStep.StripGroups();
        }
        if (step.moveTo() != null) {
            return new DeprovisionStep.MoveTo(quarantine(step.moveTo(), at + ".moveTo"));
        }
        if (step.set() != null) {
            if (step.set().isEmpty()) {
                throw new ConfigException(at + ".set", "names no attribute", "e.g. set: {description: \"left {date}\"}");
            }
            Map<String, String> values = new LinkedHashMap<>();
            step.set().forEach((attribute, value) -> {
                requireAttributeName(attribute, at + ".set." + attribute);
                if (List.of("userpassword", "unicodepwd").contains(attribute.toLowerCase(java.util.Locale.ROOT))) {
                    throw new ConfigException(at + ".set." + attribute, "a password is no deprovisioning step",
                            "the journal records what a step replaced, and never a password");
                }
                if (value == null || value.isEmpty()) {
                    throw new ConfigException(at + ".set." + attribute, "the value is empty", null);
                }
                PLACEHOLDER.matcher(value).results().map(m -> m.group()).filter(p -> !p.equals("{date}")
                        && !p.equals("{timestamp}")).findFirst().ifPresent(p -> {
                            throw new ConfigException(at + ".set." + attribute, "unknown placeholder " + p,
                                    "use {date} (2026-12-04) or {timestamp} (20261204103000Z)");
                        });
                values.put(attribute, value);
            });
            return new DeprovisionStep.SetAttributes(values);
        }
        if (step.purgeAfterDays() < 0) {
            throw new ConfigException(at + ".purgeAfterDays", "a grace period cannot be negative",
                    "0 purges at the purger's next run, e.g. purgeAfterDays: 30");
        }
        return new DeprovisionStep.PurgeAfter(Duration.ofDays(step.purgeAfterDays()));
    }

    private static DN quarantine(String text, String key) {
        DN dn;
        try {
            dn = new DN(text);
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new ConfigException(key, "'" + text + "' is not a DN", "e.g. \"ou=quarantine,dc=example,dc=com\"");
        }
        if (dn.isNullDN()) {
            throw new ConfigException(key, "the quarantine parent is empty", "e.g. \"ou=quarantine,dc=example,dc=com\"");
        }
        return dn;
    }

    private static void requireAttributeName(String attribute, String key) {
        if (attribute == null || !ATTRIBUTE_NAME.matcher(attribute).matches()) {
            throw new ConfigException(key, "'" + attribute + "' is not an LDAP attribute name", null);
        }
    }

    private static int count(Object... values) {
        int given = 0;
        for (Object value : values) {
            if (value != null) {
                given++;
            }
        }
        return given;
    }

    private static ScalarMapper scalar(List<AttributeMapper> mappers, String coreUrn, String attribute) {
        return mappers.stream().filter(m -> m.path().hasAttribute(coreUrn, attribute) && m.path().subAttribute() == null)
                .filter(ScalarMapper.class::isInstance).map(ScalarMapper.class::cast).findFirst().orElse(null);
    }
}

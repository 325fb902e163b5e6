package org.ldapscim.bridge.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.ConfigLoader;
import org.ldapscim.bridge.config.DeprovisionConfig.HeldAnswer;
import org.ldapscim.bridge.testsupport.OpenLdapServer;

/** The {@code deprovision} section of a mapping file: what compiles, and what start-up refuses and how it says so. */
class DeprovisionCompilerTest {
    private static final Path DEMO = OpenLdapServer.projectDir().resolve("config/demo");

    @TempDir
    Path directory;

    @Test
    void theShippedDemoPoliciesCompileToTheirSteps() throws IOException {
        DeprovisionPolicies policies = compile(Files.readString(DEMO.resolve("users.yaml"))).deprovision();
        DeprovisionPolicy offboard = policies.named("offboard");
        assertEquals(List.of("disable", "stripGroups", "moveTo", "set", "purgeAfter"),
                offboard.onDelete().stream().map(DeprovisionStep::kind).toList());
        assertEquals(List.of("disable", "stripGroups"), offboard.onDeactivate().stream().map(DeprovisionStep::kind).toList());
        DeprovisionStep.Disable disable = assertInstanceOf(DeprovisionStep.Disable.class, offboard.onDelete().get(0));
        assertEquals("pwdAccountLockedTime", disable.attribute());
        assertEquals(Duration.ofDays(30), ((DeprovisionStep.PurgeAfter) offboard.onDelete().get(4)).grace());
        assertEquals(new DeprovisionPolicies.Brake(100, Duration.ofMinutes(60), HeldAnswer.accepted), policies.brake());
        assertTrue(policies.reactivateOnCreate());
        assertEquals(null, policies.defaultPolicy());
    }

    @Test
    void aMappingWithoutTheSectionHasNoPolicies() throws IOException {
        assertEquals(DeprovisionPolicies.NONE, compile(withoutSection()).deprovision());
    }

    @Test
    void aQuarantineThatIsNoDnIsRefused() {
        assertRefused(policy("onDelete: [{disable: {}}, {moveTo: \"not a dn\"}]"),
                "policies.p.onDelete[1].moveTo", "is not a DN");
    }

    @Test
    void aNegativeGracePeriodIsRefused() {
        assertRefused(policy("onDelete: [{moveTo: \"ou=quarantine,dc=example,dc=com\"}, {purgeAfterDays: -1}]"),
                "policies.p.onDelete[1].purgeAfterDays", "cannot be negative");
    }

    @Test
    void disablingAMappingWithoutActiveIsRefused() {
        String noActive = withoutSection().replaceAll("(?m)^  - scim: active\\n    ldap: .*\\n    transform: .*\\n", "");
        assertRefused(noActive + "deprovision:\n  policies:\n    p:\n      onDeactivate: [{disable: {}}]\n",
                "policies.p.onDeactivate[0].disable", "no writable active");
    }

    @Test
    void aDeletePolicyAnswering404MustMoveTheEntryOutOfTheBaseDns() {
        assertRefused(policy("onDelete: [{disable: {}}]"), "policies.p.onDelete", "needs a moveTo step");
        assertRefused(policy("onDelete: [{moveTo: \"ou=old,ou=people,dc=example,dc=com\"}]"),
                "policies.p.onDelete[0].moveTo", "is under the mapping's baseDns");
    }

    @Test
    void anEmptyStepListIsRefusedRatherThanMeaningThePlainOperation() {
        assertRefused(policy("afterDelete: inactive, onDelete: []"), "policies.p.onDelete", "empty step list");
        assertRefused(policy("onDelete: [], onDeactivate: [{disable: {}}]"), "policies.p.onDelete", "empty step list");
        assertRefused(policy("onDeactivate: []"), "policies.p.onDeactivate", "empty step list");
    }

    @Test
    void aPolicyInactiveAfterDeleteNeedsDeleteStepsAndAPolicyNeedsSteps() {
        assertRefused(policy("afterDelete: inactive, onDeactivate: [{disable: {}}]"), "policies.p.onDelete",
                "afterDelete: inactive needs a disable step");
        assertRefused(policy("afterDelete: notFound"), "policies.p", "the policy has no steps");
    }

    @Test
    void aDeactivationMustLockAndStayUnderTheBaseDns() {
        assertRefused(policy("onDeactivate: [{stripGroups: true}]"), "policies.p.onDeactivate", "disable step");
        assertRefused(policy("onDeactivate: [{disable: {}}, {moveTo: \"ou=quarantine,dc=example,dc=com\"}]"),
                "policies.p.onDeactivate[1].moveTo", "outside the mapping's baseDns");
    }

    @Test
    void aStepHasExactlyOneKeyAndEachStepComesOnce() {
        assertRefused(policy("onDeactivate: [{disable: {}, stripGroups: true}]"), "policies.p.onDeactivate[0]",
                "exactly one of");
        assertRefused(policy("onDeactivate: [{disable: {}}, {disable: {}}]"), "policies.p.onDeactivate[1]",
                "given twice");
    }

    @Test
    void setRefusesUnknownPlaceholdersAndPasswords() {
        assertRefused(policy("onDeactivate: [{disable: {}}, {set: {description: \"gone {when}\"}}]"),
                "policies.p.onDeactivate[1].set.description", "unknown placeholder {when}");
        assertRefused(policy("onDeactivate: [{disable: {}}, {set: {userPassword: \"x\"}}]"),
                "policies.p.onDeactivate[1].set.userPassword", "password");
    }

    @Test
    void theDefaultPolicyAndTheBrakeAreChecked() {
        assertRefused(withoutSection() + "deprovision:\n  defaultPolicy: nope\n", "deprovision.defaultPolicy",
                "names no policy");
        assertRefused(withoutSection() + "deprovision:\n  brake: {maxDeprovisions: 0, withinMinutes: 5}\n",
                "deprovision.brake.maxDeprovisions", "at least 1");
        assertRefused(withoutSection() + "deprovision:\n  brake: {maxDeprovisions: 3}\n",
                "deprovision.brake.withinMinutes", "at least 1");
    }

    @Test
    void stepAttributesMustBeInTheDirectorySchema() throws IOException {
        ResourceMapping users = compile(policy("onDeactivate: [{disable: {attribute: accountLocked, value: \"TRUE\"}},"
                + " {set: {descriptoin: \"gone\"}}]"));
        ConfigException e = assertThrows(ConfigException.class, () -> MappingSchemaCheck.check(List.of(users),
                List.of("users.yaml"), org.ldapscim.bridge.ldap.ShippedSchemas.load()));
        assertTrue(e.keyPath().endsWith("deprovision.policies.p.disable.attribute"), e.describe());
        ResourceMapping misspelt = compile(policy("onDeactivate: [{disable: {}}, {set: {descriptoin: \"gone\"}}]"));
        e = assertThrows(ConfigException.class, () -> MappingSchemaCheck.check(List.of(misspelt),
                List.of("users.yaml"), org.ldapscim.bridge.ldap.ShippedSchemas.load()));
        assertTrue(e.keyPath().endsWith("deprovision.policies.p.set.descriptoin"), e.describe());
    }

    @Test
    void setRefusesWhatTheDirectoryCanNeverApply() throws IOException {
        assertUnsettable("uid", "the RDN attribute");
        assertUnsettable("objectClass", "cannot replace objectClass");
        assertUnsettable("entryUUID", "NO-USER-MODIFICATION");
        assertUnsettable("pwdAccountLockedTime", "the disable step or active writes");
        ResourceMapping description = compile(policy("onDeactivate: [{disable: {}}, {set: {description: \"gone\"}}]"));
        MappingSchemaCheck.check(List.of(description), List.of("users.yaml"), org.ldapscim.bridge.ldap.ShippedSchemas.load());
    }

    private void assertUnsettable(String attribute, String problem) throws IOException {
        ResourceMapping users = compile(policy("onDelete: [{moveTo: \"ou=quarantine,dc=example,dc=com\"},"
                + " {set: {" + attribute + ": \"x\"}}]"));
        ConfigException e = assertThrows(ConfigException.class, () -> MappingSchemaCheck.check(List.of(users),
                List.of("users.yaml"), org.ldapscim.bridge.ldap.ShippedSchemas.load()));
        assertTrue(e.keyPath().endsWith("deprovision.policies.p.set." + attribute), e.describe());
        assertTrue(e.getMessage().contains(problem), e.describe());
    }

    private static String policy(String steps) {
        return withoutSection() + "deprovision:\n  policies:\n    p: {" + steps + "}\n";
    }

    private static String withoutSection() {
        try {
            return Files.readString(DEMO.resolve("users.yaml")).replaceAll("(?ms)^# What DELETE.*", "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertRefused(String users, String keyEnd, String problem) {
        ConfigException e = assertThrows(ConfigException.class, () -> compile(users));
        assertTrue(e.keyPath().endsWith(keyEnd), e.describe());
        assertTrue(e.getMessage().contains(problem), e.describe());
    }

    private ResourceMapping compile(String users) throws IOException {
        Path file = Files.writeString(directory.resolve("users.yaml"), users);
        return MappingCompiler.compile(List.of(ConfigLoader.readMapping(file),
                ConfigLoader.readMapping(DEMO.resolve("groups.yaml"))), List.of("users.yaml", "groups.yaml")).get(0);
    }
}

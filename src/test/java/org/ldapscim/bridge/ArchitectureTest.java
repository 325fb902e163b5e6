package org.ldapscim.bridge;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPInterface;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package boundaries of STYLE §2.1, checked on the main classes: what each package may import from
 * the bridge and from UnboundID and Javalin. A test that sees no class of a package fails rather than
 * passing empty.
 */
class ArchitectureTest {
    private static final String BRIDGE = "org.ldapscim.bridge";

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BRIDGE);
    }

    private static String pkg(String name) {
        return BRIDGE + "." + name + "..";
    }

    /** Classes of {@code from} use no bridge package but themselves and {@code allowed}. */
    private static ArchRule bridgeImportsOnly(String from, String... allowed) {
        String[] own = Stream.concat(Stream.of(from), Stream.of(allowed)).map(ArchitectureTest::pkg)
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(pkg(from))
                .should().dependOnClassesThat(resideInAPackage(BRIDGE + "..").and(not(resideInAnyPackage(own))))
                .because(from + " may use only " + List.of(allowed) + " of the bridge")
                .allowEmptyShould(false);
    }

    /** Classes of {@code from} use none of these packages. */
    private static ArchRule importsNone(String from, String... forbidden) {
        return noClasses().that().resideInAPackage(pkg(from))
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .allowEmptyShould(false);
    }

    static Stream<ArchRule> rules() {
        return Stream.of(
                bridgeImportsOnly("scim"),
                importsNone("scim", "com.unboundid.ldap..", "io.javalin.."),
                bridgeImportsOnly("config"),
                importsNone("config", "com.unboundid.ldap..", "io.javalin.."),
                bridgeImportsOnly("journal"),
                importsNone("journal", "com.unboundid.ldap..", "io.javalin.."),
                bridgeImportsOnly("ldap", "config"),
                bridgeImportsOnly("auth", "config"),
                importsNone("mapping", pkg("ldap"), pkg("service"), pkg("http"), pkg("cli"), pkg("journal")),
                // Mapping works on UnboundID's values (Entry, Filter, DN), never on a connection or a server.
                noClasses().that().resideInAPackage(pkg("mapping"))
                        .should().dependOnClassesThat(assignableTo(LDAPInterface.class)
                                .or(type(LDAPConnection.class)).or(type(LDAPConnectionPool.class))
                                .or(resideInAPackage("com.unboundid.ldap.listener..")))
                        .allowEmptyShould(false),
                importsNone("mapping", "io.javalin.."),
                importsNone("service", pkg("http"), pkg("cli"), "io.javalin.."),
                bridgeImportsOnly("http", "service", "auth", "scim", "config"),
                // Meters are recorded where the work is done, through the listeners the layers offer.
                bridgeImportsOnly("metrics", "ldap", "journal", "service", "config"),
                importsNone("scim", "io.micrometer.."),
                importsNone("mapping", "io.micrometer.."),
                noClasses().that().resideOutsideOfPackage(pkg("cli"))
                        .should().dependOnClassesThat().resideInAPackage(pkg("cli"))
                        .allowEmptyShould(false),
                noClasses().that().resideOutsideOfPackages(pkg("cli"), pkg("http"))
                        .should().dependOnClassesThat().resideInAPackage(pkg("http"))
                        .allowEmptyShould(false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void packagesKeepTheirBoundaries(ArchRule rule) {
        rule.check(main);
    }

    @Test
    void everyPackageOfTheBridgeIsCovered() {
        for (String name : List.of("scim", "scim.patch", "scim.profile", "scim.schema", "config", "mapping", "ldap", "journal",
                "service", "http", "auth", "cli", "metrics")) {
            assertTrue(main.containPackage(BRIDGE + "." + name), name);
        }
    }

    @Test
    void theRulesCatchAViolation() {
        // Mapping does use UnboundID's LDAP values and the config package: rules forbidding them must fail,
        // or the rules above could not see a dependency either.
        assertFalse(importsNone("mapping", "com.unboundid.ldap..").evaluate(main).getFailureReport().isEmpty());
        assertFalse(bridgeImportsOnly("mapping", "scim").evaluate(main).getFailureReport().isEmpty());
        assertTrue(bridgeImportsOnly("mapping", "scim", "config").evaluate(main).getFailureReport().isEmpty());
    }
}

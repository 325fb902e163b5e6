package org.ldapscim.bridge.mapping;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.ConfigLoader;

/**
 * The schema check on a subschema shaped like Active Directory's: attributes allowed only through the auxiliary
 * classes a DIT content rule names, and required attributes the directory fills in itself.
 */
class MappingSchemaCheckTest {
    private static final String MAPPING = """
            resourceType: User
            baseDns: ["CN=Users,DC=example,DC=test"]
            searchFilter: "(objectClass=user)"
            objectClasses: [top, user]
            create:
              rdn: "CN={userName}"
              parent: "CN=Users,DC=example,DC=test"
            id: {attribute: objectGUID, format: objectGUID}
            meta: {created: whenCreated, lastModified: whenChanged, version: [uSNChanged]}
            attributes:
              - {scim: userName, ldap: sAMAccountName}
            """;

    @TempDir
    Path directory;

    @Test
    void anAttributeOfAnAuxiliaryClassNamedByTheContentRuleIsAllowed() throws Exception {
        assertDoesNotThrow(() -> check(subschema(true, true)));
    }

    @Test
    void withoutAContentRuleTheAuxiliaryClassDoesNotCount() throws Exception {
        ConfigException refused = assertThrows(ConfigException.class, () -> check(subschema(false, true)));
        assertTrue(refused.getMessage().contains("allows sAMAccountName"), refused.getMessage());
    }

    @Test
    void requiredAttributesAreOnlyExcusedWhereTheDirectorySaysItSuppliesThem() throws Exception {
        assertDoesNotThrow(() -> check(subschema(true, true)));
        ConfigException refused = assertThrows(ConfigException.class, () -> check(subschema(true, false)));
        assertTrue(refused.getMessage().contains("requires"), refused.getMessage());
    }

    private void check(Schema schema) throws IOException {
        Path file = Files.writeString(directory.resolve("users.yaml"), MAPPING);
        List<ResourceMapping> mappings = MappingCompiler.compile(List.of(ConfigLoader.readMapping(file)),
                List.of("users.yaml"));
        MappingSchemaCheck.check(mappings, List.of("users.yaml"), schema);
    }

    /** {@code top} requires AD's objectCategory and the system-only instanceType; {@code user} allows little. */
    private static Schema subschema(boolean contentRule, boolean extendedInfo) throws LDIFException {
        List<String> lines = new ArrayList<>(List.of(
                "dn: CN=Aggregate,CN=Schema,CN=Configuration,DC=example,DC=test",
                "objectClass: subSchema",
                "attributeTypes: ( 2.5.4.0 NAME 'objectClass' SYNTAX '1.3.6.1.4.1.1466.115.121.1.38' NO-USER-MODIFICATION )",
                "attributeTypes: ( 2.5.4.3 NAME 'cn' SYNTAX '1.3.6.1.4.1.1466.115.121.1.15' SINGLE-VALUE )",
                "attributeTypes: ( 1.2.840.113556.1.4.782 NAME 'objectCategory' SYNTAX '1.3.6.1.4.1.1466.115.121.1.12' SINGLE-VALUE )",
                "attributeTypes: ( 1.2.840.113556.1.2.1 NAME 'instanceType' SYNTAX '1.3.6.1.4.1.1466.115.121.1.27' SINGLE-VALUE )",
                "attributeTypes: ( 1.2.840.113556.1.4.221 NAME 'sAMAccountName' SYNTAX '1.3.6.1.4.1.1466.115.121.1.15' SINGLE-VALUE )",
                "attributeTypes: ( 1.2.840.113556.1.4.2 NAME 'objectGUID' SYNTAX '1.3.6.1.4.1.1466.115.121.1.40' SINGLE-VALUE NO-USER-MODIFICATION )",
                "attributeTypes: ( 1.2.840.113556.1.2.2 NAME 'whenCreated' SYNTAX '1.3.6.1.4.1.1466.115.121.1.24' SINGLE-VALUE )",
                "attributeTypes: ( 1.2.840.113556.1.2.3 NAME 'whenChanged' SYNTAX '1.3.6.1.4.1.1466.115.121.1.24' SINGLE-VALUE )",
                "attributeTypes: ( 1.2.840.113556.1.2.120 NAME 'uSNChanged' SYNTAX '1.2.840.113556.1.4.906' SINGLE-VALUE )",
                "objectClasses: ( 2.5.6.0 NAME 'top' ABSTRACT MUST (objectClass $ objectCategory $ instanceType ) MAY (cn $ whenCreated $ whenChanged $ uSNChanged $ objectGUID ) )",
                "objectClasses: ( 1.2.840.113556.1.5.6 NAME 'securityPrincipal' SUP top AUXILIARY MAY (sAMAccountName ) )",
                "objectClasses: ( 1.2.840.113556.1.5.9 NAME 'user' SUP top STRUCTURAL MUST (cn ) )"));
        if (contentRule) {
            lines.add("dITContentRules: ( 1.2.840.113556.1.5.9 NAME 'user' AUX ( securityPrincipal ) MUST (cn ) )");
        }
        if (extendedInfo) {
            lines.add("extendedAttributeInfo: ( 1.2.840.113556.1.2.1 NAME 'instanceType' PROPERTY-GUID"
                    + " '8C7996BFE60DD011A28500AA003049E2' SYSTEM-ONLY )");
        }
        return new Schema(new Entry(lines.toArray(String[]::new)));
    }
}

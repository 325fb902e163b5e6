package org.ldapscim.bridge.ldap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.AttributeUsage;
import com.unboundid.ldap.sdk.schema.ObjectClassDefinition;
import com.unboundid.ldap.sdk.schema.ObjectClassType;
import com.unboundid.ldap.sdk.schema.Schema;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The LDIF schema files in {@code ldap-schemas/} parse, add only what UnboundID's default standard
 * schema lacks, and let a schema-checking in-memory directory hold the entry shapes the bridge
 * writes (inetOrgPerson + scimBridgeAux with pwdAccountLockedTime, groupOfNames, AD user and group).
 */
class ShippedSchemasTest {

  static final String SUFFIX = "dc=example,dc=com";
  static final Set<String> EXPECTED_FILES =
      Set.of("ppolicy.ldif", "memberof.ldif", "scim-bridge.ldif", "active-directory.ldif");

  private static InMemoryDirectoryServer server;

  /** The schema folder of the source tree (Surefire runs with the project directory as basedir). */
  static Path schemaDir() {
    return Path.of(System.getProperty("basedir", "."), "ldap-schemas");
  }

  static List<File> shippedSchemaFiles() throws IOException {
    try (Stream<Path> files = Files.list(schemaDir())) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".ldif"))
          .sorted()
          .map(Path::toFile)
          .collect(Collectors.toList());
    }
  }

  /** The default standard schema with every shipped file merged on top. */
  static Schema shippedSchema() throws Exception {
    List<File> files = shippedSchemaFiles();
    return Schema.mergeSchemas(
        Schema.getDefaultStandardSchema(), Schema.getSchema(files.toArray(new File[0])));
  }

  /** A schema-checking in-memory server for the demo suffix, listening on loopback only. */
  static InMemoryDirectoryServer startServer(Schema schema) throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(SUFFIX);
    config.setSchema(schema); // non-null schema => entries are checked against it
    config.setEnforceAttributeSyntaxCompliance(true);
    config.setEnforceSingleStructuralObjectClass(true);
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig("test", InetAddress.getLoopbackAddress(), 0, null));
    InMemoryDirectoryServer ds = new InMemoryDirectoryServer(config);
    ds.startListening();
    return ds;
  }

  @BeforeAll
  static void start() throws Exception {
    server = startServer(shippedSchema());
    server.add(
        "dn: " + SUFFIX,
        "objectClass: top",
        "objectClass: dcObject",
        "objectClass: organization",
        "dc: example",
        "o: Example Corp");
    server.add("dn: ou=people," + SUFFIX, "objectClass: organizationalUnit", "ou: people");
    server.add("dn: ou=groups," + SUFFIX, "objectClass: organizationalUnit", "ou: groups");
    server.add("dn: ou=ad," + SUFFIX, "objectClass: organizationalUnit", "ou: ad");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.shutDown(true);
    }
  }

  @Test
  void theExpectedFilesAreShippedAndPackagedAsResources() throws Exception {
    Set<String> names =
        shippedSchemaFiles().stream().map(File::getName).collect(Collectors.toCollection(TreeSet::new));
    assertTrue(names.containsAll(EXPECTED_FILES), "ldap-schemas/ holds " + names);
    for (String name : names) {
      assertNotNull(
          getClass().getClassLoader().getResource("ldap-schemas/" + name),
          name + " should be on the classpath as ldap-schemas/" + name);
    }
  }

  @Test
  void eachFileParsesOnItsOwnAndHasAHeaderComment() throws Exception {
    for (File f : shippedSchemaFiles()) {
      Schema s = Schema.getSchema(f);
      assertNotNull(s, f.getName());
      assertFalse(
          s.getAttributeTypes().isEmpty() && s.getObjectClasses().isEmpty(),
          f.getName() + " defines nothing");
      String first = Files.readAllLines(f.toPath()).get(0);
      assertTrue(first.startsWith("# " + f.getName()), f.getName() + " header: " + first);
    }
  }

  /** rfc4519-groups.ldif redefines the group classes on purpose: the RFC's, with a required member. */
  private static final String DELIBERATE_OVERRIDE = "rfc4519-groups.ldif";

  @Test
  void theMergedSchemaRequiresAMemberOfGroupsAsRfc4519Does() {
    Schema merged = org.ldapscim.bridge.ldap.ShippedSchemas.load();
    assertTrue(merged.getObjectClass("groupOfNames").getRequiredAttributes(merged, true).stream()
        .anyMatch(a -> a.hasNameOrOID("member")));
    assertTrue(merged.getObjectClass("groupOfUniqueNames").getRequiredAttributes(merged, true).stream()
        .anyMatch(a -> a.hasNameOrOID("uniqueMember")));
  }

  @Test
  void definesOnlyWhatTheDefaultStandardSchemaLacks() throws Exception {
    Schema standard = Schema.getDefaultStandardSchema();
    List<String> clashes = new ArrayList<>();
    for (File f : shippedSchemaFiles()) {
      if (f.getName().equals(DELIBERATE_OVERRIDE)) {
        continue;
      }
      Schema s = Schema.getSchema(f);
      for (AttributeTypeDefinition at : s.getAttributeTypes()) {
        if (standard.getAttributeType(at.getOID()) != null) {
          clashes.add(f.getName() + ": OID " + at.getOID());
        }
        for (String n : at.getNames()) {
          if (standard.getAttributeType(n) != null) {
            clashes.add(f.getName() + ": attribute " + n);
          }
        }
      }
      for (ObjectClassDefinition oc : s.getObjectClasses()) {
        if (standard.getObjectClass(oc.getOID()) != null) {
          clashes.add(f.getName() + ": OID " + oc.getOID());
        }
        for (String n : oc.getNames()) {
          if (standard.getObjectClass(n) != null) {
            clashes.add(f.getName() + ": object class " + n);
          }
        }
      }
    }
    assertEquals(List.of(), clashes, "redefines elements of the default standard schema");
  }

  @Test
  void everyNameTheShippedDefinitionsUseResolves() throws Exception {
    Schema merged = shippedSchema();
    List<String> missing = new ArrayList<>();
    for (File f : shippedSchemaFiles()) {
      Schema s = Schema.getSchema(f);
      for (AttributeTypeDefinition at : s.getAttributeTypes()) {
        for (String rule :
            new String[] {
              at.getEqualityMatchingRule(), at.getOrderingMatchingRule(), at.getSubstringMatchingRule()
            }) {
          if (rule != null && merged.getMatchingRule(rule) == null) {
            missing.add(at.getNameOrOID() + " matching rule " + rule);
          }
        }
        if (at.getSyntaxOID() == null) {
          missing.add(at.getNameOrOID() + " has no syntax");
        }
      }
      for (ObjectClassDefinition oc : s.getObjectClasses()) {
        for (String sup : oc.getSuperiorClasses()) {
          if (merged.getObjectClass(sup) == null) {
            missing.add(oc.getNameOrOID() + " SUP " + sup);
          }
        }
        for (String a : oc.getRequiredAttributes()) {
          if (merged.getAttributeType(a) == null) {
            missing.add(oc.getNameOrOID() + " MUST " + a);
          }
        }
        for (String a : oc.getOptionalAttributes()) {
          if (merged.getAttributeType(a) == null) {
            missing.add(oc.getNameOrOID() + " MAY " + a);
          }
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void definitionsHaveTheShapeTheBridgeRelies() throws Exception {
    Schema s = shippedSchema();

    AttributeTypeDefinition locked = s.getAttributeType("pwdAccountLockedTime");
    assertEquals("1.3.6.1.4.1.42.2.27.8.1.17", locked.getOID());
    assertEquals(AttributeUsage.DIRECTORY_OPERATION, locked.getUsage());
    assertTrue(locked.isSingleValued());
    assertFalse(locked.isNoUserModification());

    AttributeTypeDefinition memberOf = s.getAttributeType("memberOf");
    assertEquals("1.2.840.113556.1.2.102", memberOf.getOID());
    assertEquals("1.3.6.1.4.1.1466.115.121.1.12", memberOf.getSyntaxOID());
    assertEquals(AttributeUsage.DSA_OPERATION, memberOf.getUsage());
    assertFalse(memberOf.isNoUserModification());

    AttributeTypeDefinition externalId = s.getAttributeType("scimExternalId");
    assertEquals("caseExactMatch", externalId.getEqualityMatchingRule());
    assertEquals("1.3.6.1.4.1.1466.115.121.1.15", externalId.getSyntaxOID());
    assertTrue(externalId.isSingleValued());
    assertTrue(externalId.getOID().startsWith("1.3.6.1.4.1.99999."));
    ObjectClassDefinition aux = s.getObjectClass("scimBridgeAux");
    assertEquals(ObjectClassType.AUXILIARY, aux.getObjectClassType());
    assertArrayEquals(new String[] {"scimExternalId"}, aux.getOptionalAttributes());

    ObjectClassDefinition user = s.getObjectClass("user");
    assertEquals("1.2.840.113556.1.5.9", user.getOID());
    assertEquals(ObjectClassType.STRUCTURAL, user.getObjectClassType());
    assertArrayEquals(new String[] {"organizationalPerson"}, user.getSuperiorClasses());
    ObjectClassDefinition group = s.getObjectClass("group");
    assertEquals("1.2.840.113556.1.5.8", group.getOID());
    assertEquals(ObjectClassType.STRUCTURAL, group.getObjectClassType());
    assertEquals("1.2.840.113556.1.4.2", s.getAttributeType("objectGUID").getOID());
    assertTrue(s.getAttributeType("objectGUID").isSingleValued());
    assertEquals("1.2.840.113556.1.4.8", s.getAttributeType("userAccountControl").getOID());
    assertEquals("1.2.840.113556.1.4.221", s.getAttributeType("sAMAccountName").getOID());
    // names the default schema already has are reused, not redefined with AD's OIDs
    assertEquals("2.16.840.1.113730.3.1.241", s.getAttributeType("displayName").getOID());
  }

  @Test
  void inMemoryDirectoryAcceptsTheEntryShapes() throws Exception {
    DN userDn = new DN(new RDN("uid", "ann+sales@example.com"), new DN("ou=people," + SUFFIX));
    DN groupDn = new DN(new RDN("cn", "R&D, Europe"), new DN("ou=groups," + SUFFIX));
    DN adUserDn = new DN(new RDN("cn", "Müller, Jörg"), new DN("ou=ad," + SUFFIX));
    DN adGroupDn = new DN(new RDN("cn", "Sales+Marketing"), new DN("ou=ad," + SUFFIX));
    byte[] guid = {
      (byte) 0x8a, 0x1f, 0x3c, 0x27, (byte) 0xd4, 0x09, 0x4e, (byte) 0xb1,
      (byte) 0x90, 0x6e, 0x00, 0x2b, (byte) 0xc7, 0x11, 0x5d, (byte) 0xf0
    };

    try (LDAPConnection conn = server.getConnection()) {
      Entry person = new Entry(userDn);
      person.addAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson", "scimBridgeAux");
      person.addAttribute("uid", "ann+sales@example.com");
      person.addAttribute("cn", "Ann Whitaker");
      person.addAttribute("sn", "Whitaker");
      person.addAttribute("mail", "ann+sales@example.com");
      person.addAttribute("scimExternalId", "Ext-ABC-001");
      person.addAttribute("pwdAccountLockedTime", "000001010000Z");
      conn.add(person);

      conn.add(
          "dn: " + groupDn,
          "objectClass: top",
          "objectClass: groupOfNames",
          "objectClass: scimBridgeAux",
          "cn: R&D, Europe",
          "scimExternalId: grp-1",
          "member: " + userDn);

      Entry adUser = new Entry(adUserDn);
      adUser.addAttribute("objectClass", "top", "person", "organizationalPerson", "user");
      adUser.addAttribute("cn", "Müller, Jörg");
      adUser.addAttribute("sn", "Müller");
      adUser.addAttribute("givenName", "Jörg");
      adUser.addAttribute("displayName", "Jörg Müller");
      adUser.addAttribute("sAMAccountName", "jmueller");
      adUser.addAttribute("userPrincipalName", "joerg.mueller@example.com");
      adUser.addAttribute("userAccountControl", "66048");
      adUser.addAttribute(new Attribute("objectGUID", guid));
      adUser.addAttribute("employeeID", "E10008");
      adUser.addAttribute("department", "Engineering");
      adUser.addAttribute("company", "Example Corp");
      adUser.addAttribute("proxyAddresses", "SMTP:joerg.mueller@example.com", "smtp:jm@example.com");
      adUser.addAttribute("streetAddress", "Leopoldstraße 12");
      adUser.addAttribute("co", "Germany");
      adUser.addAttribute("c", "DE");
      adUser.addAttribute("pwdLastSet", "133500000000000000");
      adUser.addAttribute("accountExpires", "9223372036854775807");
      adUser.addAttribute("extensionAttribute1", "cost-centre 4711");
      conn.add(adUser);

      conn.add(
          "dn: " + adGroupDn,
          "objectClass: top",
          "objectClass: group",
          "cn: Sales+Marketing",
          "sAMAccountName: sales-marketing",
          "groupType: -2147483646",
          "member: " + adUserDn);

      // pwdAccountLockedTime is operational: only returned when asked for, writable by a plain modify
      assertFalse(conn.getEntry(userDn.toString()).hasAttribute("pwdAccountLockedTime"));
      assertEquals(
          "000001010000Z",
          conn.getEntry(userDn.toString(), "pwdAccountLockedTime")
              .getAttributeValue("pwdAccountLockedTime"));
      assertEquals(
          1,
          conn.search(SUFFIX, SearchScope.SUB, Filter.createPresenceFilter("pwdAccountLockedTime"))
              .getEntryCount());
      conn.modify(userDn.toString(), new Modification(ModificationType.DELETE, "pwdAccountLockedTime"));
      assertNull(
          conn.getEntry(userDn.toString(), "pwdAccountLockedTime")
              .getAttributeValue("pwdAccountLockedTime"));
      conn.modify(
          userDn.toString(),
          new Modification(ModificationType.REPLACE, "pwdAccountLockedTime", "000001010000Z"));

      // memberOf can be written the same way (the in-memory server does not maintain it)
      conn.modify(
          userDn.toString(),
          new Modification(ModificationType.ADD, "memberOf", groupDn.toString()));
      assertEquals(
          groupDn,
          new DN(conn.getEntry(userDn.toString(), "memberOf").getAttributeValue("memberOf")));

      // scimExternalId is case-exact
      assertEquals(
          1,
          conn.search(SUFFIX, SearchScope.SUB, Filter.createEqualityFilter("scimExternalId", "Ext-ABC-001"))
              .getEntryCount());
      assertEquals(
          0,
          conn.search(SUFFIX, SearchScope.SUB, Filter.createEqualityFilter("scimExternalId", "ext-abc-001"))
              .getEntryCount());

      // the AD user round-trips, found by its binary objectGUID
      List<SearchResultEntry> byGuid =
          conn.search(SUFFIX, SearchScope.SUB, Filter.createEqualityFilter("objectGUID", guid), "*")
              .getSearchEntries();
      assertEquals(1, byGuid.size());
      assertEquals(adUserDn, byGuid.get(0).getParsedDN());
      assertArrayEquals(guid, byGuid.get(0).getAttributeValueBytes("objectGUID"));
      assertEquals(66048, byGuid.get(0).getAttributeValueAsInteger("userAccountControl"));
      assertEquals(
          1,
          conn.search(SUFFIX, SearchScope.SUB, Filter.createEqualityFilter("groupType", "-2147483646"))
              .getEntryCount());
      assertEquals(
          adUserDn,
          new DN(conn.getEntry(adGroupDn.toString()).getAttributeValue("member")));
    }
  }

  @Test
  void schemaCheckingIsOn() throws Exception {
    try (LDAPConnection conn = server.getConnection()) {
      // a non-integer userAccountControl
      LDAPException badSyntax =
          assertThrows(
              LDAPException.class,
              () ->
                  conn.add(
                      "dn: cn=bad-uac,ou=ad," + SUFFIX,
                      "objectClass: user",
                      "cn: bad-uac",
                      "sn: x",
                      "userAccountControl: enabled"));
      assertTrue(
          Set.of(ResultCode.INVALID_ATTRIBUTE_SYNTAX, ResultCode.OBJECT_CLASS_VIOLATION)
              .contains(badSyntax.getResultCode()),
          badSyntax.toString());
      // scimExternalId without the auxiliary class
      LDAPException notAllowed =
          assertThrows(
              LDAPException.class,
              () ->
                  conn.add(
                      "dn: uid=no-aux,ou=people," + SUFFIX,
                      "objectClass: inetOrgPerson",
                      "uid: no-aux",
                      "cn: No Aux",
                      "sn: Aux",
                      "scimExternalId: x"));
      assertEquals(ResultCode.OBJECT_CLASS_VIOLATION, notAllowed.getResultCode());
      // two values for a single-valued attribute
      LDAPException twoValues =
          assertThrows(
              LDAPException.class,
              () ->
                  conn.add(
                      "dn: uid=two-ids,ou=people," + SUFFIX,
                      "objectClass: inetOrgPerson",
                      "objectClass: scimBridgeAux",
                      "uid: two-ids",
                      "cn: Two Ids",
                      "sn: Ids",
                      "scimExternalId: a",
                      "scimExternalId: b"));
      assertEquals(ResultCode.OBJECT_CLASS_VIOLATION, twoValues.getResultCode());
      // an undefined attribute
      LDAPException undefined =
          assertThrows(
              LDAPException.class,
              () ->
                  conn.add(
                      "dn: uid=undefined,ou=people," + SUFFIX,
                      "objectClass: inetOrgPerson",
                      "uid: undefined",
                      "cn: Undefined",
                      "sn: Undefined",
                      "notInAnySchema: x"));
      // (the in-memory server reports schema violations on add as objectClassViolation)
      assertTrue(
          Set.of(ResultCode.UNDEFINED_ATTRIBUTE_TYPE, ResultCode.OBJECT_CLASS_VIOLATION)
              .contains(undefined.getResultCode()),
          undefined.toString());
      assertTrue(undefined.getMessage().contains("notInAnySchema"), undefined.getMessage());
    }
  }

  @Test
  void theOpenLdapFormDefinesWhatTheSubschemaFormDoes() throws Exception {
    Entry subschema;
    Entry olc;
    try (com.unboundid.ldif.LDIFReader reader =
        new com.unboundid.ldif.LDIFReader(schemaDir().resolve("scim-bridge.ldif").toFile())) {
      subschema = reader.readEntry();
    }
    try (com.unboundid.ldif.LDIFReader reader =
        new com.unboundid.ldif.LDIFReader(schemaDir().resolve("openldap/scim-bridge.ldif").toFile())) {
      olc = reader.readEntry();
    }
    assertTrue(olc.hasObjectClass("olcSchemaConfig"));
    assertArrayEquals(subschema.getAttributeValues("attributeTypes"), olc.getAttributeValues("olcAttributeTypes"));
    assertArrayEquals(subschema.getAttributeValues("objectClasses"), olc.getAttributeValues("olcObjectClasses"));
  }
}

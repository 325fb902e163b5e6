package org.ldapscim.bridge.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldif.LDIFReader;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo directory (classpath resource {@code demo/directory.ldif}) imports into a
 * schema-checking in-memory server with the shipped schemas, and has the size, shape and hard
 * cases the bridge's demo and tests depend on.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DemoDirectoryLdifTest {

  static final String RESOURCE = "demo/directory.ldif";
  static final DN PEOPLE = dn("ou=people,dc=example,dc=com");
  static final DN GROUPS = dn("ou=groups,dc=example,dc=com");
  static final DN PLACEHOLDER = dn("cn=empty-group-placeholder,dc=example,dc=com");

  private static InMemoryDirectoryServer server;
  private static LDAPConnection conn;
  private static List<SearchResultEntry> users;
  private static List<SearchResultEntry> groups;
  private static Set<DN> allDns;
  private static List<Entry> ldifEntries;
  private static long importMillis;

  static DN dn(String s) {
    try {
      return new DN(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  static DN user(String userName) {
    return new DN(new RDN("uid", userName), PEOPLE);
  }

  static DN group(String cn) {
    return new DN(new RDN("cn", cn), GROUPS);
  }

  static InputStream ldif() {
    InputStream in = DemoDirectoryLdifTest.class.getClassLoader().getResourceAsStream(RESOURCE);
    assertNotNull(in, RESOURCE + " is not on the classpath");
    return in;
  }

  @BeforeAll
  static void importLdif() throws Exception {
    server = ShippedSchemasTest.startServer(ShippedSchemasTest.shippedSchema());
    long start = System.nanoTime();
    ldifEntries = new ArrayList<>();
    try (LDIFReader reader = new LDIFReader(ldif())) {
      for (Entry e = reader.readEntry(); e != null; e = reader.readEntry()) {
        ldifEntries.add(e);
      }
    }
    server.addEntries(ldifEntries); // all or nothing, schema-checked
    importMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    conn = server.getConnection();
    users =
        conn.search(PEOPLE.toString(), SearchScope.ONE, Filter.createEqualityFilter("objectClass", "inetOrgPerson"),
                "*", "pwdAccountLockedTime")
            .getSearchEntries();
    groups =
        conn.search(GROUPS.toString(), SearchScope.ONE, Filter.createEqualityFilter("objectClass", "groupOfNames"))
            .getSearchEntries();
    allDns = new HashSet<>();
    for (SearchResultEntry e :
        conn.search("dc=example,dc=com", SearchScope.SUB, Filter.createPresenceFilter("objectClass"), "1.1")
            .getSearchEntries()) {
      allDns.add(e.getParsedDN());
    }
  }

  @AfterAll
  static void stop() {
    if (conn != null) {
      conn.close();
    }
    if (server != null) {
      server.shutDown(true);
    }
  }

  @Test
  void importsQuickly() throws Exception {
    // ~1 s on a 2-core machine; the bound only catches pathological slow-downs
    assertTrue(importMillis < 15_000, "import took " + importMillis + " ms");
  }

  @Test
  void hasEnoughUsersAndGroups() throws Exception {
    assertTrue(users.size() >= 500, "users: " + users.size());
    assertEquals(1600, users.size());
    assertTrue(groups.size() >= 20, "groups: " + groups.size());
    assertTrue(allDns.contains(PLACEHOLDER));
  }

  @Test
  void userEntriesAreNamedByTheirUniqueUserName() throws Exception {
    Set<String> userNames = new HashSet<>();
    for (SearchResultEntry e : users) {
      String uid = e.getAttributeValue("uid");
      assertTrue(userNames.add(uid.toLowerCase()), "duplicate userName " + uid);
      assertEquals(user(uid), e.getParsedDN(), "DN of " + uid);
      assertTrue(uid.contains("@"), uid);
      assertTrue(e.hasObjectClass("scimBridgeAux"), uid);
      for (String a : new String[] {"cn", "sn", "givenName", "displayName", "mail", "employeeNumber", "title",
          "departmentNumber", "o", "telephoneNumber", "l"}) {
        assertTrue(e.hasAttribute(a), uid + " lacks " + a);
      }
    }
    long withExternalId = users.stream().filter(e -> e.hasAttribute("scimExternalId")).count();
    assertTrue(withExternalId > users.size() * 9 / 10, "externalIds: " + withExternalId);
    long mailDiffers =
        users.stream().filter(e -> !e.getAttributeValue("mail").equalsIgnoreCase(e.getAttributeValue("uid"))).count();
    assertTrue(mailDiffers > 0 && mailDiffers < users.size() / 10, "mail differs from uid on " + mailDiffers);
  }

  @Test
  void aboutThreePercentAreDisabled() throws Exception {
    long disabled = users.stream().filter(e -> e.hasAttribute("pwdAccountLockedTime")).count();
    assertTrue(disabled >= users.size() / 50 && disabled <= users.size() / 20, "disabled: " + disabled);
    for (SearchResultEntry e : users) {
      if (e.hasAttribute("pwdAccountLockedTime")) {
        assertEquals("000001010000Z", e.getAttributeValue("pwdAccountLockedTime"));
      }
    }
  }

  @Test
  void aGroupHasMoreThan1500Members() throws Exception {
    SearchResultEntry allStaff = conn.getEntry(group("All Staff").toString());
    assertNotNull(allStaff);
    assertTrue(allStaff.getAttributeValues("member").length > 1500);
    assertEquals(users.size(), allStaff.getAttributeValues("member").length);
  }

  @Test
  void everyManagerAndMemberValuePointsAtAnExistingEntry() throws Exception {
    List<String> dangling = new ArrayList<>();
    for (SearchResultEntry e : users) {
      String m = e.getAttributeValue("manager");
      if (m != null && !allDns.contains(dn(m))) {
        dangling.add(e.getDN() + " manager " + m);
      }
    }
    for (SearchResultEntry g : groups) {
      String[] members = g.getAttributeValues("member");
      assertNotNull(members, g.getDN() + " has no member");
      boolean real = false;
      for (String m : members) {
        DN d = dn(m);
        if (!allDns.contains(d)) {
          dangling.add(g.getDN() + " member " + m);
        }
        real |= !d.equals(PLACEHOLDER);
      }
      assertTrue(real, g.getDN() + " has only the placeholder");
    }
    assertEquals(List.of(), dangling);
  }

  @Test
  void managerChainIsATreeAtLeastFourDeep() throws Exception {
    Map<DN, DN> managerOf = new HashMap<>();
    List<DN> roots = new ArrayList<>();
    for (SearchResultEntry e : users) {
      String m = e.getAttributeValue("manager");
      if (m == null) {
        roots.add(e.getParsedDN());
      } else {
        managerOf.put(e.getParsedDN(), dn(m));
      }
    }
    assertEquals(1, roots.size(), "exactly one user (the CEO) has no manager: " + roots);
    int maxDepth = 0;
    for (SearchResultEntry e : users) {
      int depth = 0;
      DN d = e.getParsedDN();
      while (managerOf.containsKey(d)) {
        d = managerOf.get(d);
        depth++;
        assertTrue(depth <= users.size(), "manager cycle at " + e.getDN());
      }
      assertEquals(roots.get(0), d, e.getDN() + " does not report up to the CEO");
      maxDepth = Math.max(maxDepth, depth);
    }
    assertTrue(maxDepth >= 4, "deepest chain: " + maxDepth);
    // the documented example chain
    assertEquals(dn("uid=\\\"lindgren\\,erik\\\"@example.com,ou=people,dc=example,dc=com"),
        managerOf.get(user("łukasz.wróbel@example.com")));
  }

  @Test
  void hasNestedGroups() throws Exception {
    Set<DN> groupDns = new HashSet<>();
    groups.forEach(g -> groupDns.add(dn(g.getDN())));
    int nesting = 0;
    for (SearchResultEntry g : groups) {
      for (String m : g.getAttributeValues("member")) {
        if (groupDns.contains(dn(m))) {
          nesting++;
          break;
        }
      }
    }
    assertTrue(nesting >= 2, "groups with group members: " + nesting);
    SearchResultEntry engineering = find(Filter.createEqualityFilter("cn", "Engineering"), GROUPS);
    Set<DN> members = new HashSet<>();
    for (String m : engineering.getAttributeValues("member")) {
      members.add(dn(m));
    }
    assertTrue(members.contains(group("Backend")) && members.contains(group("Frontend")));
    assertTrue(members.stream().anyMatch(d -> d.getParent().equals(PEOPLE)), "Engineering also has users");
  }

  @Test
  void hardCaseUsersAreFoundByEscapedEqualityFilters() throws Exception {
    // comma in a value
    SearchResultEntry joerg = find(Filter.createEqualityFilter("displayName", "Müller, Jörg"), PEOPLE);
    assertEquals(user("joerg.mueller@example.com"), joerg.getParsedDN());
    assertEquals("Jörg", joerg.getAttributeValue("givenName"));
    // comma and double quotes in the DN
    SearchResultEntry erik = find(Filter.createEqualityFilter("uid", "\"lindgren,erik\"@example.com"), PEOPLE);
    assertEquals("uid=\\\"lindgren\\,erik\\\"@example.com,ou=people,dc=example,dc=com", erik.getDN());
    assertEquals("Lindgren, Erik", erik.getAttributeValue("displayName"));
    // double quotes in a value
    SearchResultEntry bob = find(Filter.createEqualityFilter("cn", "Robert \"Bob\" Lindqvist"), PEOPLE);
    assertEquals(user("bob.lindqvist@example.com"), bob.getParsedDN());
    // plus sign in the DN
    SearchResultEntry ann = find(Filter.createEqualityFilter("uid", "ann+sales@example.com"), PEOPLE);
    assertEquals("uid=ann\\+sales@example.com,ou=people,dc=example,dc=com", ann.getDN());
    assertEquals(1, ann.getParsedDN().getRDN().getAttributeNames().length, "'+' must not split the RDN");
    assertNotNull(conn.getEntry("uid=ann\\+sales@example.com,ou=people,dc=example,dc=com"));
    // backslash, semicolon, leading '#', leading space in values
    assertEquals(user("priya.raman@example.com"),
        find(Filter.createEqualityFilter("displayName", "Priya Raman (EXAMPLE\\praman)"), PEOPLE).getParsedDN());
    assertEquals(user("dana.whitfield@example.com"),
        find(Filter.createEqualityFilter("displayName", "Dana Whitfield; on leave"), PEOPLE).getParsedDN());
    assertEquals("#1 Account Executive (FY2024)",
        find(Filter.createEqualityFilter("title", "#1 Account Executive (FY2024)"), PEOPLE).getAttributeValue("title"));
    assertTrue(conn.getEntry(user("kai.brennan@example.com").toString()).getAttributeValue("description").startsWith("  "));
    // non-ASCII in values and DNs
    for (String[] c : new String[][] {
        {"cn", "王伟", "王伟@example.com"},
        {"cn", "Ольга Смирнова", "olga.smirnova@example.com"},
        {"cn", "Zoë Ångström", "zoë.ångström@example.com"},
        {"cn", "Søren Møller", "søren.møller@example.com"},
        {"cn", "Łukasz Wróbel", "łukasz.wróbel@example.com"},
        {"cn", "Íñigo Ñúñez", "inigo.nunez@example.com"},
        {"cn", "Lucía García", "lucia.garcia@example.com"},
        {"cn", "Björk Öberg", "bjork.oberg@example.com"},
        {"uid", "zoé.lefèvre@example.com", "zoé.lefèvre@example.com"}}) {
      assertEquals(user(c[2]), find(Filter.createEqualityFilter(c[0], c[1]), PEOPLE).getParsedDN(), c[1]);
    }
    // a disabled user
    assertEquals("000001010000Z",
        conn.getEntry(user("dana.whitfield@example.com").toString(), "pwdAccountLockedTime")
            .getAttributeValue("pwdAccountLockedTime"));
  }

  @Test
  void hardCaseGroupsAreFoundByEscapedEqualityFilters() throws Exception {
    String[][] cases = {
      {"R&D, Europe", "cn=R&D\\, Europe,ou=groups,dc=example,dc=com"},
      {"Sales+Marketing", "cn=Sales\\+Marketing,ou=groups,dc=example,dc=com"},
      {"The \"A\" Team", "cn=The \\\"A\\\" Team,ou=groups,dc=example,dc=com"},
      {"#general", "cn=\\#general,ou=groups,dc=example,dc=com"},
      {"Ops; On-Call", "cn=Ops\\; On-Call,ou=groups,dc=example,dc=com"},
      {"EXAMPLE\\IT Admins", "cn=EXAMPLE\\\\IT Admins,ou=groups,dc=example,dc=com"},
      {"<Interns>", "cn=\\<Interns\\>,ou=groups,dc=example,dc=com"},
      {"Équipe Produit", "cn=Équipe Produit,ou=groups,dc=example,dc=com"},
      {"Entwicklung München", "cn=Entwicklung München,ou=groups,dc=example,dc=com"},
      {"Coffee ☕ Club", "cn=Coffee ☕ Club,ou=groups,dc=example,dc=com"},
    };
    for (String[] c : cases) {
      SearchResultEntry g = find(Filter.createEqualityFilter("cn", c[0]), GROUPS);
      assertEquals(dn(c[1]), g.getParsedDN(), c[0]);
      assertEquals(group(c[0]), g.getParsedDN(), c[0]);
      assertEquals(c[0], g.getParsedDN().getRDN().getAttributeValues()[0], c[0]);
      assertNotNull(conn.getEntry(c[1]), c[1]);
      // and the group can be found from one of its members' DN
      String member = g.getAttributeValues("member")[0];
      assertTrue(conn.search(GROUPS.toString(), SearchScope.ONE, Filter.createEqualityFilter("member", member))
          .getSearchEntries().stream().anyMatch(e -> dn(e.getDN()).equals(dn(g.getDN()))), c[0]);
    }
  }

  @Test
  void ldifIsSevenBitOutsideComments() throws Exception {
    // RFC 2849: a value that is not a SAFE-STRING must be base64-encoded ("attr:: ...")
    try (BufferedReader r = new BufferedReader(new InputStreamReader(ldif(), StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      int base64 = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.startsWith("#")) {
          continue;
        }
        for (int i = 0; i < line.length(); i++) {
          assertTrue(line.charAt(i) < 0x80, "line " + n + " is not 7-bit: " + line);
        }
        if (line.contains(":: ")) {
          base64++;
        }
      }
      assertTrue(base64 > 100, "base64 values: " + base64);
    }
    // every entry the LDIF reader found is in the directory
    assertEquals(allDns.size(), ldifEntries.size());
  }

  private static SearchResultEntry find(Filter filter, DN base) {
    try {
      List<SearchResultEntry> found =
          conn.search(base.toString(), SearchScope.ONE, filter, "*").getSearchEntries();
      assertEquals(1, found.size(), filter + " matched " + found.size());
      return found.get(0);
    } catch (Exception e) {
      throw new AssertionError(filter.toString(), e);
    }
  }
}

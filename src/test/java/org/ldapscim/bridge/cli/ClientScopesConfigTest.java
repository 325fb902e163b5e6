package org.ldapscim.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ClientScopeConfig;
import org.ldapscim.bridge.config.ClientScopeConfig.Access;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.service.TypeScope;

/** {@code auth.clients[].scopes} is checked against the mappings at start-up, each mistake named by its key. */
class ClientScopesConfigTest {
    private static final List<ResourceMapping> MAPPINGS = Assembly.demoMappings();

    private static ClientConfig client(String type, ClientScopeConfig scope) {
        return new ClientConfig("scoped", List.of(), null, null, null, null, null, null, Map.of(type, scope));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "User  | write | ou=sales,ou=groups,dc=example,dc=com | name | auth.clients[1].scopes.User.baseDns[1]",
            "User  | write | not a dn                              | name | auth.clients[1].scopes.User.baseDns[1]",
            "User  | write | ou=sales,ou=people,dc=example,dc=com | meta | auth.clients[1].scopes.User.writableAttributes[0]",
            "User  | write | ou=sales,ou=people,dc=example,dc=com | name.[ | auth.clients[1].scopes.User.writableAttributes[0]",
            "User  | read  | ou=sales,ou=people,dc=example,dc=com | name | auth.clients[1].scopes.User.writableAttributes",
            "Robot | write | ou=sales,ou=people,dc=example,dc=com | name | auth.clients[1].scopes.Robot"})
    void aWrongScopeIsNamedByItsKey(String type, String access, String secondBase, String writable, String key) {
        ClientScopeConfig scope = new ClientScopeConfig(Access.valueOf(access),
                List.of("ou=people,dc=example,dc=com", secondBase), List.of(writable));
        List<ClientConfig> clients = List.of(new ClientConfig("full", List.of()), client(type, scope));
        ConfigException refused = assertThrows(ConfigException.class, () -> Assembly.clientScopes(MAPPINGS, clients));
        assertEquals(key, refused.keyPath(), refused.getMessage());
    }

    @Test
    void aBaseOutsideTheMappingsIsRefusedNamingThem() {
        ConfigException refused = assertThrows(ConfigException.class, () -> Assembly.clientScopes(MAPPINGS,
                List.of(client("User", new ClientScopeConfig(Access.read, List.of("dc=example,dc=com"), null)))));
        assertEquals("auth.clients[0].scopes.User.baseDns[0]", refused.keyPath());
        assertTrue(refused.hint().contains("ou=people,dc=example,dc=com"), refused.describe());
    }

    @Test
    void aScopedClientsNameIsItsOwn() {
        ConfigException refused = assertThrows(ConfigException.class, () -> Assembly.clientScopes(MAPPINGS,
                List.of(client("User", new ClientScopeConfig(Access.read, null, null)),
                        new ClientConfig("scoped", List.of()))));
        assertEquals("auth.clients[1].name", refused.keyPath());
    }

    @Test
    void aValidScopeNarrowsOnlyWhatItNames() throws Exception {
        var scopes = Assembly.clientScopes(MAPPINGS, List.of(new ClientConfig("full", List.of()),
                client("User", new ClientScopeConfig(Access.write, List.of("ou=sales,ou=people,dc=example,dc=com"),
                        List.of("name.givenName", "emails[type eq \"work\"].value", "active")))));
        assertEquals(List.of("scoped"), List.copyOf(scopes.keySet()));
        TypeScope users = scopes.get("scoped").get("User");
        assertEquals(TypeScope.Access.WRITE, users.access());
        assertEquals(List.of(new DN("ou=sales,ou=people,dc=example,dc=com")), users.baseDns());
        assertEquals(3, users.writableAttributes().size());
        assertNull(scopes.get("scoped").get("Group"));
    }

    @Test
    void aNarrowedMappingPutsNewEntriesUnderItsFirstBaseWhenTheParentLiesOutside() throws Exception {
        ResourceMapping users = MAPPINGS.get(0);
        DN sales = new DN("ou=sales,ou=people,dc=example,dc=com");
        ResourceMapping narrowed = users.narrowedTo(List.of(sales));
        assertEquals(sales, narrowed.parent());
        assertEquals(List.of(sales), narrowed.baseDns());
        assertEquals(users.parent(), users.narrowedTo(users.baseDns()).parent());
        assertFalse(narrowed.holds(new DN("uid=x,ou=people,dc=example,dc=com")));
    }
}

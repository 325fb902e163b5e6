package org.ldapscim.bridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.scim.profile.IdpProfiles;

/** Choosing the profile: the configured one for its client, detection for the rest. */
class ClientProfilesTest {

    @Test
    void aConfiguredProfileWinsOverDetection() {
        ClientProfiles profiles = ClientProfiles.of(List.of(new ClientConfig("idp", List.of("h"), "Strict"),
                new ClientConfig("other", List.of("h"))));
        assertEquals(IdpProfiles.STRICT, profiles.profileFor("idp", "Okta SCIM Client 1.0.0", null));
        assertEquals(IdpProfiles.OKTA, profiles.profileFor("other", "Okta SCIM Client 1.0.0", null));
        assertEquals(IdpProfiles.LENIENT, profiles.profileFor(null, null, null));
    }

    @Test
    void anUnknownProfileNamesItsKeyAndTheValidNames() {
        ConfigException e = assertThrows(ConfigException.class, () -> ClientProfiles.of(List.of(
                new ClientConfig("a", List.of("h"), "okta"), new ClientConfig("b", List.of("h"), "azure"))));
        assertEquals("auth.clients[1].profile", e.keyPath());
        assertTrue(e.getMessage().contains("azure"), e.getMessage());
        for (String name : IdpProfiles.names()) {
            assertTrue(e.hint().contains(name), e.hint());
        }
    }
}

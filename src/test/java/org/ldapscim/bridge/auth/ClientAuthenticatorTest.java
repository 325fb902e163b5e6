package org.ldapscim.bridge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ConfigException;

/**
 * {@code Authorization: Bearer} (RFC 6750 §2.1) against the configured clients' token hashes, and the checks of the
 * clients' configuration.
 */
class ClientAuthenticatorTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static final String ENTRA_TOKEN = "entra-token-0123456789";
    private static final String OKTA_OLD = "okta-old-token";
    private static final String OKTA_NEW = "okta-new-token";

    private static final ClientAuthenticator AUTHENTICATOR = new ClientAuthenticator(List.of(
            new ClientConfig("entra", List.of(TokenHash.of(ENTRA_TOKEN))),
            // Rotation: the old and the new token are both accepted until the old hash is removed.
            new ClientConfig("okta", List.of(TokenHash.of(OKTA_OLD), TokenHash.of(OKTA_NEW)))));

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"Bearer ", "bearer ", "BEARER ", "BeArEr ", "  Bearer  "})
    void theSchemeIsReadInAnyCase(String prefix) {
        assertEquals(Optional.of("entra"), clientOf(AUTHENTICATOR, prefix + ENTRA_TOKEN));
    }

    @Test
    void eachClientIsKnownByItsToken() {
        assertEquals(Optional.of("entra"), clientOf(AUTHENTICATOR, "Bearer " + ENTRA_TOKEN));
        assertEquals(Optional.of("okta"), clientOf(AUTHENTICATOR, "Bearer " + OKTA_NEW));
    }

    @Test
    void bothTokensOfARotationAreAccepted() {
        assertEquals(Optional.of("okta"), clientOf(AUTHENTICATOR, "Bearer " + OKTA_OLD));
        assertEquals(Optional.of("okta"), clientOf(AUTHENTICATOR, "Bearer " + OKTA_NEW));
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {
            "Bearer wrong-token",
            "Bearer " + ENTRA_TOKEN + "x",
            "Bearer " + "entra-token-012345678",
            "Bearer Bearer " + ENTRA_TOKEN,
            "Bearer " + ENTRA_TOKEN + " " + ENTRA_TOKEN,
            "Basic ZW50cmE6ZW50cmEtdG9rZW4tMDEyMzQ1Njc4OQ==",
            "Basic " + ENTRA_TOKEN,
            "Token " + ENTRA_TOKEN,
            "Bearer" + ENTRA_TOKEN,
            "Bearer\t" + ENTRA_TOKEN,
            ENTRA_TOKEN,
            "Bearer",
            "Bearer ",
            "   ",
    })
    void anythingElseIsRefused(String header) {
        assertEquals(Optional.empty(), clientOf(AUTHENTICATOR, header));
    }

    @Test
    void anOverlongTokenIsRefusedEvenWithItsHashConfigured() {
        String overlong = "a".repeat(16_385);
        ClientAuthenticator accepting = new ClientAuthenticator(
                List.of(new ClientConfig("huge", List.of(TokenHash.of(overlong)))));
        assertEquals(Optional.empty(), clientOf(accepting, "Bearer " + overlong));
        String longest = "b".repeat(16_384);
        ClientAuthenticator atTheLimit = new ClientAuthenticator(
                List.of(new ClientConfig("long", List.of(TokenHash.of(longest)))));
        assertEquals(Optional.of("long"), clientOf(atTheLimit, "Bearer " + longest));
    }

    @Test
    void aMalformedHashIsNamedByItsPlaceInTheConfiguration() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ClientAuthenticator(List.of(
                new ClientConfig("entra", List.of(TokenHash.of("a"))),
                new ClientConfig("okta", List.of(TokenHash.of("b"), "sha256:1234")))));
        assertEquals("auth.clients[1].tokenHashes[1]", e.keyPath());
        assertTrue(e.getMessage().contains("sha256:<64 hex digits>"), e.getMessage());
        assertTrue(e.hint().contains("hash-token"), e.hint());
    }

    @Test
    void aHashWithNonHexDigitsIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ClientAuthenticator(List.of(
                new ClientConfig("entra", List.of("sha256:" + "g".repeat(64))))));
        assertEquals("auth.clients[0].tokenHashes[0]", e.keyPath());
    }

    @Test
    void noClientsIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ClientAuthenticator(List.of()));
        assertEquals("auth.clients", e.keyPath());
    }

    @Test
    void aClientWithoutAnyCredentialIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ClientAuthenticator(List.of(new ClientConfig("entra", List.of()))));
        assertEquals("auth.clients[0]", e.keyPath());
        assertTrue(e.hint().contains("jwt"), e.hint());
        assertTrue(e.getMessage().contains("entra"), e.getMessage());
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void aClientWithoutANameIsRefused(String name) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ClientAuthenticator(List.of(new ClientConfig(name, List.of(TokenHash.of("a"))))));
        assertEquals("auth.clients[0].name", e.keyPath());
    }

    @Test
    void twoClientsOfOneNameAreRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ClientAuthenticator(List.of(
                new ClientConfig("entra", List.of(TokenHash.of("a"))),
                new ClientConfig("entra", List.of(TokenHash.of("b"))))));
        assertEquals("auth.clients[1].name", e.keyPath());
    }

    @Test
    void aMalformedAllowFromIsNamedByItsPlace() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ClientAuthenticator(List.of(
                new ClientConfig("entra", List.of(TokenHash.of("a")), null, null, null,
                        List.of("10.0.0.0/8", "gateway.example.com"), null, null, null))));
        assertEquals("auth.clients[0].allowFrom[1]", e.keyPath());
    }

    @Test
    void aValidTokenFromOutsideTheAllowListIsForbidden() {
        ClientAuthenticator authenticator = new ClientAuthenticator(List.of(
                new ClientConfig("entra", List.of(TokenHash.of(ENTRA_TOKEN)), null, null, null,
                        List.of("10.0.0.0/8"), null, null, null)));
        Authentication outside = authenticator.authenticate(
                new PresentedCredentials("Bearer " + ENTRA_TOKEN, List.of(), LOOPBACK));
        Authentication.Refused refused = assertInstanceOf(Authentication.Refused.class, outside);
        assertEquals(403, refused.status());
        assertEquals("entra", refused.client());
        assertEquals(CredentialKind.STATIC_TOKEN, refused.credential());
        Authentication inside = authenticator.authenticate(new PresentedCredentials("Bearer " + ENTRA_TOKEN,
                List.of(), AddressRange.literal("10.20.30.40").orElseThrow()));
        assertEquals(new Authentication.Authenticated("entra", CredentialKind.STATIC_TOKEN), inside);
    }

    private static Optional<String> clientOf(ClientAuthenticator authenticator, String header) {
        Authentication result = authenticator.authenticate(new PresentedCredentials(header, List.of(), LOOPBACK));
        return result instanceof Authentication.Authenticated authenticated
                ? Optional.of(authenticated.client()) : Optional.empty();
    }
}

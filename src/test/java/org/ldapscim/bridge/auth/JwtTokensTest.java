package org.ldapscim.bridge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.JwtCredentialConfig;

/** What a jwt credential must be configured with; the tokens themselves are tested in e2e/JwtAuthenticationIT. */
class JwtTokensTest {
    private static final String ISSUER = "https://sts.windows.net/tenant/";
    private static final String AUDIENCE = "api://ldap-scim-bridge";
    private static final String KEYS = "https://login.microsoftonline.com/tenant/discovery/v2.0/keys";

    @TempDir
    Path folder;

    @Test
    void aJwtCredentialIsACredentialOfItsOwn() {
        new ClientAuthenticator(List.of(client(new JwtCredentialConfig(ISSUER, AUDIENCE, null, KEYS, null, null))));
    }

    @Test
    void exactlyOneSourceOfKeysIsTaken() {
        assertEquals("auth.clients[0].jwt[0]", refused(new JwtCredentialConfig(ISSUER, AUDIENCE, null, null, null, null))
                .keyPath());
        assertEquals("auth.clients[0].jwt[0]", refused(new JwtCredentialConfig(ISSUER, AUDIENCE, "/etc/jwks.json", KEYS,
                null, null)).keyPath());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://login.example.com/keys", "ftp://login.example.com/keys", "keys.json", "https://"})
    void keysComeOverHttpsOnly(String url) {
        assertEquals("auth.clients[0].jwt[0].jwksUrl",
                refused(new JwtCredentialConfig(ISSUER, AUDIENCE, null, url, null, null)).keyPath());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://127.0.0.1:8081/keys", "http://localhost/keys", "http://[::1]:9000/keys"})
    void plainHttpIsTakenFromALoopbackAddress(String url) {
        new ClientAuthenticator(List.of(client(new JwtCredentialConfig(ISSUER, AUDIENCE, null, url, null, null))));
    }

    @Test
    void issuerAndAudienceAreRequired() {
        assertEquals("auth.clients[0].jwt[0].issuer",
                refused(new JwtCredentialConfig(null, AUDIENCE, null, KEYS, null, null)).keyPath());
        assertEquals("auth.clients[0].jwt[0].audience",
                refused(new JwtCredentialConfig(ISSUER, " ", null, KEYS, null, null)).keyPath());
    }

    @Test
    void aMissingOrMalformedKeyFileIsNamed() throws Exception {
        Path missing = folder.resolve("missing.json");
        assertEquals("auth.clients[0].jwt[0].jwksFile",
                refused(new JwtCredentialConfig(ISSUER, AUDIENCE, missing.toString(), null, null, null)).keyPath());
        Path garbage = Files.writeString(folder.resolve("garbage.json"), "{\"keys\": 7}");
        assertEquals("auth.clients[0].jwt[0].jwksFile",
                refused(new JwtCredentialConfig(ISSUER, AUDIENCE, garbage.toString(), null, null, null)).keyPath());
        Path empty = Files.writeString(folder.resolve("empty.json"), "{\"keys\": []}");
        assertTrue(refused(new JwtCredentialConfig(ISSUER, AUDIENCE, empty.toString(), null, null, null)).getMessage()
                .contains("no key"));
    }

    @Test
    void aKeyFileWithPrivateOrSharedKeysIsRefused() throws Exception {
        Path privateKeys = Files.writeString(folder.resolve("private.json"),
                new JWKSet(new RSAKeyGenerator(2048).keyID("k").generate()).toString(false));
        assertTrue(refused(new JwtCredentialConfig(ISSUER, AUDIENCE, privateKeys.toString(), null, null, null))
                .getMessage().contains("private"));
        Path shared = Files.writeString(folder.resolve("shared.json"),
                new JWKSet(new OctetSequenceKeyGenerator(256).keyID("s").generate()).toString(false));
        assertTrue(refused(new JwtCredentialConfig(ISSUER, AUDIENCE, shared.toString(), null, null, null))
                .getMessage().contains("symmetric"));
        Path publicKeys = Files.writeString(folder.resolve("public.json"),
                new JWKSet(new RSAKeyGenerator(2048).keyID("k").generate()).toString());
        new ClientAuthenticator(List.of(client(new JwtCredentialConfig(ISSUER, AUDIENCE, publicKeys.toString(), null,
                null, null))));
    }

    @Test
    void twoClientsATokenCannotTellApartAreRefused() {
        JwtCredentialConfig credential = new JwtCredentialConfig(ISSUER, AUDIENCE, null, KEYS, null, null);
        ConfigException e = assertThrows(ConfigException.class, () -> new ClientAuthenticator(List.of(
                client(credential), new ClientConfig("other", List.of(), null, null, List.of(credential), null, null, null, null))));
        assertEquals("auth.clients[1].jwt[0]", e.keyPath());
    }

    @Test
    void onlyACompactJwsLooksLikeOne() {
        assertTrue(JwtTokens.looksLikeJws("eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln"));
        assertTrue(JwtTokens.looksLikeJws("eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0."));
        assertFalse(JwtTokens.looksLikeJws(TokenHash.newToken()));
        assertFalse(JwtTokens.looksLikeJws("a.b.c"));
        assertFalse(JwtTokens.looksLikeJws(".eyJpc3MiOiJ4In0.c2ln"));
        assertFalse(JwtTokens.looksLikeJws("eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0"));
        assertFalse(JwtTokens.looksLikeJws("eyJhbGciOiJSUzI1NiJ9.e.y.J"));
    }

    private static ConfigException refused(JwtCredentialConfig credential) {
        return assertThrows(ConfigException.class, () -> new ClientAuthenticator(List.of(client(credential))));
    }

    private static ClientConfig client(JwtCredentialConfig credential) {
        return new ClientConfig("entra", List.of(), null, null, List.of(credential), null, null, null, null);
    }
}

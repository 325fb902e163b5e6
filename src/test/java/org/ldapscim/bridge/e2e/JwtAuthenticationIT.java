package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ldapscim.bridge.config.AuthConfig;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.JwtCredentialConfig;
import org.ldapscim.bridge.config.ServerConfig;
import org.ldapscim.bridge.journal.AuthFailureRecord;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;
import org.ldapscim.bridge.testsupport.Eventually;
import org.ldapscim.bridge.testsupport.ScimResponse;

/**
 * OAuth 2.0 access tokens through the real HTTP server: JWTs signed with RSA and EC keys made here, whose public
 * keys the bridge reads from a JWKS file or fetches from a JWKS URL served on 127.0.0.1, as Entra ID's are.
 */
class JwtAuthenticationIT {
    private static final String AUDIENCE = "api://ldap-scim-bridge";
    private static final String FILE_ISSUER = "https://sts.example.test/tenant-1/";
    private static final String URL_ISSUER = "https://login.example.test/url/v2.0";
    private static final String TENANT = "11111111-2222-3333-4444-555555555555";

    private static final RSAKey RSA = rsa("rsa-1");
    private static final RSAKey RSA_ROTATED = rsa("rsa-2");
    private static final RSAKey RSA_UNPUBLISHED = rsa("rsa-3");
    /** Another key under the published key's kid: a forger's. */
    private static final RSAKey RSA_FORGED = rsa("rsa-1");
    private static final ECKey EC = ec("ec-1");

    private static final AtomicReference<String> servedKeys = new AtomicReference<>();
    private static final AtomicInteger fetches = new AtomicInteger();
    private static final CountDownLatch endOfTests = new CountDownLatch(1);
    private static final HttpServer keyServer = keyServer();
    private static final int closedPort = closedPort();

    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest(new ServerConfig("127.0.0.1", 0, null, null, null, null),
            new AuthConfig(List.of(
                    jwtClient("entra-jwt", new JwtCredentialConfig(FILE_ISSUER, AUDIENCE, keyFile().toString(), null,
                            Map.of("tid", TENANT), null)),
                    jwtClient("okta-jwt", new JwtCredentialConfig(URL_ISSUER, AUDIENCE, null, keysUrl("/keys"),
                            null, null)),
                    jwtClient("unreachable-keys", new JwtCredentialConfig("https://down.example.test/", AUDIENCE, null,
                            "http://127.0.0.1:" + closedPort + "/keys", null, null)),
                    jwtClient("silent-keys", new JwtCredentialConfig("https://silent.example.test/", AUDIENCE, null,
                            keysUrl("/silent"), null, null)))));

    @BeforeEach
    void publishFirstKeys() {
        servedKeys.set(new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK())).toString());
        fetches.set(0);
    }

    @AfterAll
    static void stopKeyServer() {
        endOfTests.countDown();
        keyServer.stop(0);
    }

    @Test
    void rsaAndEcTokensOfAFileIssuerAreAccepted() {
        get(sign(RSA, JWSAlgorithm.RS256, valid(FILE_ISSUER))).expect(200);
        get(sign(RSA, JWSAlgorithm.PS384, valid(FILE_ISSUER))).expect(200);
        get(sign(EC, JWSAlgorithm.ES256, valid(FILE_ISSUER))).expect(200);
        assertEquals(List.of(), bridge.authFailures());
    }

    @Test
    void tokensOfAUrlIssuerAreAcceptedWithKeysFetchedOnce() {
        get(sign(RSA, JWSAlgorithm.RS256, valid(URL_ISSUER))).expect(200);
        get(sign(EC, JWSAlgorithm.ES256, valid(URL_ISSUER))).expect(200);
        get(sign(RSA, JWSAlgorithm.RS512, valid(URL_ISSUER))).expect(200);
        assertEquals(1, fetches.get());
    }

    @Test
    void theJournalNamesTheJwtClient() {
        String id = bridge.idOf(BridgeUnderTest.userDn("helena.marsh@example.com"));
        bridge.request("PATCH", "/Users/" + id).header("Authorization", "Bearer "
                        + sign(RSA, JWSAlgorithm.RS256, valid(FILE_ISSUER)))
                .body("""
                        {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations": [{"op": "replace", "path": "title", "value": "Surveyor"}]}""")
                .send().expect(200);
        assertEquals("entra-jwt", bridge.journalEntries().get(0).client());
    }

    @Test
    void anUnknownKidFetchesTheKeysAgainOnce() {
        get(sign(RSA, JWSAlgorithm.RS256, valid(URL_ISSUER))).expect(200);
        assertEquals(1, fetches.get());
        servedKeys.set(new JWKSet(List.of(RSA.toPublicJWK(), RSA_ROTATED.toPublicJWK())).toString());
        get(sign(RSA_ROTATED, JWSAlgorithm.RS256, valid(URL_ISSUER))).expect(200);
        assertEquals(2, fetches.get());
        get(sign(RSA_ROTATED, JWSAlgorithm.RS256, valid(URL_ISSUER))).expect(200);
        // A kid the issuer never published does not make the bridge fetch again and again.
        get(sign(RSA_UNPUBLISHED, JWSAlgorithm.RS256, valid(URL_ISSUER))).expectError(401, null);
        get(sign(RSA_UNPUBLISHED, JWSAlgorithm.RS256, valid(URL_ISSUER))).expectError(401, null);
        assertEquals(2, fetches.get());
    }

    static List<Object[]> refusedTokens() {
        Instant now = Instant.now();
        return List.of(
                refused("expired", sign(RSA, JWSAlgorithm.RS256, valid(FILE_ISSUER, c -> c
                        .expirationTime(Date.from(now.minusSeconds(600))))), "Expired"),
                refused("not yet valid", sign(RSA, JWSAlgorithm.RS256, valid(FILE_ISSUER, c -> c
                        .notBeforeTime(Date.from(now.plusSeconds(600))))), "before"),
                refused("without exp", sign(RSA, JWSAlgorithm.RS256, valid(FILE_ISSUER, c -> c.expirationTime(null))),
                        "exp"),
                refused("wrong issuer", sign(RSA, JWSAlgorithm.RS256, valid("https://evil.example.test/")), "issuer"),
                refused("wrong audience", sign(RSA, JWSAlgorithm.RS256, valid(FILE_ISSUER, c -> c
                        .audience("api://another-app"))), "audience"),
                refused("wrong key", sign(RSA_FORGED, JWSAlgorithm.RS256, valid(FILE_ISSUER)), "signature"),
                refused("key of another issuer's set", sign(RSA_ROTATED, JWSAlgorithm.RS256, valid(FILE_ISSUER)), "key"),
                refused("alg none", new PlainJWT(valid(FILE_ISSUER)).serialize(), "alg none"),
                refused("HS256 with the public key as secret", hmacWithPublicKey(valid(FILE_ISSUER)), "HS256"),
                refused("missing required claim", sign(RSA, JWSAlgorithm.RS256, valid(FILE_ISSUER, c -> c
                        .claim("tid", null))), "tid"),
                refused("wrong required claim", sign(RSA, JWSAlgorithm.RS256, valid(FILE_ISSUER, c -> c
                        .claim("tid", "99999999-0000-0000-0000-000000000000"))), "tid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aTokenThatFailsAnyCheckIsAnswered401AndJournaled(String why, String token, String reasonPart) {
        ScimResponse response = get(token);
        response.expectError(401, null);
        assertEquals("a valid bearer token is required", response.json().get("detail").asText());
        AuthFailureRecord failure = onlyFailure();
        assertEquals("UNAUTHENTICATED", failure.event());
        assertEquals("JWT", failure.credential());
        assertEquals("127.0.0.1", failure.sourceAddress());
        assertTrue(failure.reason().toLowerCase().contains(reasonPart.toLowerCase()), failure.reason());
        String[] parts = token.split("\\.");
        assertFalse(failure.toJson().toString().contains(parts[parts.length - 1]), "the journal holds no part of the token");
    }

    @Test
    void theIssuerATokenClaimsIsJournaled() {
        get(sign(RSA, JWSAlgorithm.RS256, valid("https://evil.example.test/"))).expectError(401, null);
        assertEquals("https://evil.example.test/", onlyFailure().issuer());
    }

    @Test
    void keysThatCannotBeFetchedRefuseTheTokenWith401() {
        get(sign(RSA, JWSAlgorithm.RS256, valid("https://down.example.test/"))).expectError(401, null);
        AuthFailureRecord failure = onlyFailure();
        assertEquals("unreachable-keys", failure.client());
        assertTrue(failure.reason().contains("cannot be fetched"), failure.reason());
    }

    @Test
    void keysThatDoNotComeInTimeRefuseTheTokenWith401() {
        get(sign(RSA, JWSAlgorithm.RS256, valid("https://silent.example.test/"))).expectError(401, null);
        assertTrue(onlyFailure().reason().contains("cannot be fetched"), onlyFailure().reason());
    }

    @Test
    void aStaticTokenIsStillTakenBesideJwtIssuers() {
        bridge.get("/Users?count=1").expect(200);
        bridge.request("GET", "/Users?count=1").header("Authorization", "Bearer not-a-token").send()
                .expectError(401, null);
        assertEquals("STATIC_TOKEN", onlyFailure().credential());
    }

    private static ScimResponse get(String token) {
        return bridge.request("GET", "/Users?count=1").header("Authorization", "Bearer " + token).send();
    }

    private static AuthFailureRecord onlyFailure() {
        Eventually.until(Duration.ofSeconds(10), "a failed authentication is journaled",
                () -> !bridge.authFailures().isEmpty());
        List<AuthFailureRecord> failures = bridge.authFailures();
        assertEquals(1, failures.size(), failures.toString());
        return failures.get(0);
    }

    private static Object[] refused(String why, String token, String reasonPart) {
        return new Object[] {why, token, reasonPart};
    }

    private static ClientConfig jwtClient(String name, JwtCredentialConfig jwt) {
        return new ClientConfig(name, List.of(), "lenient", null, List.of(jwt), null, null, null, null);
    }

    private static JWTClaimsSet valid(String issuer) {
        return valid(issuer, UnaryOperator.identity());
    }

    private static JWTClaimsSet valid(String issuer, UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        return change.apply(new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject("provisioning-service")
                .issueTime(Date.from(now.minusSeconds(60)))
                .notBeforeTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("tid", TENANT)).build();
    }

    private static String sign(JWK key, JWSAlgorithm algorithm, JWTClaimsSet claims) {
        try {
            JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Key confusion: an HMAC "signature" whose secret is the issuer's public RSA key, which anyone has. */
    private static String hmacWithPublicKey(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(RSA.getKeyID()).build(), claims);
            jwt.sign(new MACSigner(RSA.toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path keyFile() {
        try {
            Path file = Files.createTempFile("jwks", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK())).toString());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String keysUrl(String path) {
        return "http://127.0.0.1:" + keyServer.getAddress().getPort() + path;
    }

    /** Serves {@link #servedKeys} at /keys, counting fetches, and at /silent answers nothing until the tests end. */
    private static HttpServer keyServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/keys", exchange -> {
                fetches.incrementAndGet();
                byte[] body = servedKeys.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.createContext("/silent", exchange -> {
                try {
                    endOfTests.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on: connections to it are refused at once. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.ldapscim.bridge.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.JwtCredentialConfig;

/**
 * OAuth 2.0 access tokens that are signed JWTs (RFC 7519, RFC 9068), verified with Nimbus JOSE+JWT against each
 * client's configured issuers: signature by a key of the issuer's JWKS, {@code iss}, {@code aud}, {@code exp},
 * {@code nbf} and the required claims. Only asymmetric signatures are accepted: {@code alg: none} and the HMAC
 * algorithms are refused before any key is looked at, so a token "signed" with an issuer's public key as an HMAC
 * secret (key confusion) never verifies. Thread-safe.
 */
final class JwtTokens {
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    // Entra and Okta answer in well under a second; a JWKS that takes longer is treated as unreachable, so a
    // request waits at most about this long before its 401.
    private static final int CONNECT_TIMEOUT_MILLIS = 3_000;
    private static final int READ_TIMEOUT_MILLIS = 3_000;
    private static final int JWKS_SIZE_LIMIT = 512 * 1024;
    private static final long CACHE_TIME_TO_LIVE = Duration.ofMinutes(15).toMillis();
    private static final long CACHE_REFRESH_TIMEOUT = Duration.ofSeconds(7).toMillis();
    /** An unknown {@code kid} makes the JWKS be fetched again, at most once in this interval. */
    static final long MIN_REFRESH_INTERVAL = Duration.ofSeconds(30).toMillis();
    // Keys already fetched keep verifying while the issuer's endpoint is down for this long.
    private static final long OUTAGE_TOLERANCE = Duration.ofHours(6).toMillis();

    private record Issuer(String client, JwtCredentialConfig config, DefaultJWTProcessor<SecurityContext> processor) {
    }

    private final List<Issuer> issuers;

    JwtTokens(List<ClientConfig> clients) {
        List<Issuer> all = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        for (int i = 0; i < clients.size(); i++) {
            List<JwtCredentialConfig> credentials = clients.get(i).jwt();
            for (int j = 0; j < credentials.size(); j++) {
                String key = "auth.clients[" + i + "].jwt[" + j + "]";
                JwtCredentialConfig credential = credentials.get(j);
                require(credential.issuer(), key + ".issuer", "the iss claim exactly, e.g. https://sts.windows.net/<tenant-id>/");
                require(credential.audience(), key + ".audience", "the aud claim, e.g. api://ldap-scim-bridge");
                if (!seen.add(List.of(credential.issuer(), credential.audience(), credential.claims()))) {
                    throw new ConfigException(key, "another jwt credential has the same issuer, audience and claims, so"
                            + " a token would not tell the two clients apart", "require a claim that tells them apart");
                }
                all.add(new Issuer(clients.get(i).name(), credential, processor(credential, keys(credential, key))));
            }
        }
        this.issuers = List.copyOf(all);
    }

    /** A compact JWS: three dot-separated base64url parts, the first a JSON object. Static tokens never look so. */
    static boolean looksLikeJws(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty()) {
            return false;
        }
        try {
            return new Base64URL(parts[0]).decodeToString().stripLeading().startsWith("{");
        } catch (RuntimeException e) {
            return false;
        }
    }

    Authentication authenticate(String token) {
        JWT jwt;
        JWTClaimsSet unverified;
        try {
            jwt = JWTParser.parse(token);
            unverified = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return refused("the token is no well-formed JWT", null, null);
        }
        String issuer = unverified.getIssuer();
        if (!(jwt instanceof SignedJWT signed)) {
            return refused("an unsigned JWT (alg none) is refused", null, issuer);
        }
        JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(algorithm)) {
            return refused("algorithm " + algorithm + " is refused; only RSA and EC signatures are accepted", null, issuer);
        }
        List<Issuer> candidates = issuers.stream().filter(i -> i.config().issuer().equals(issuer)).toList();
        if (candidates.isEmpty()) {
            return refused("no client accepts tokens of this issuer", null, issuer);
        }
        List<String> audiences = unverified.getAudience();
        List<Issuer> addressed = candidates.stream().filter(i -> audiences.contains(i.config().audience())).toList();
        if (addressed.isEmpty()) {
            return refused("the token's audience is none a client of this issuer accepts", null, issuer);
        }
        Authentication refusal = null;
        for (Issuer candidate : addressed) {
            try {
                candidate.processor().process(signed, null);
                return new Authentication.Authenticated(candidate.client(), CredentialKind.JWT);
            } catch (BadJOSEException e) {
                refusal = refused(e.getMessage(), candidate.client(), issuer);
            } catch (KeySourceException e) {
                refusal = refused("the issuer's keys cannot be fetched from " + candidate.config().jwksUrl(),
                        candidate.client(), issuer);
            } catch (JOSEException e) {
                refusal = refused("the signature cannot be checked: " + e.getMessage(), candidate.client(), issuer);
            }
        }
        return refusal;
    }

    private static Authentication refused(String reason, String client, String issuer) {
        return new Authentication.Refused(401, CredentialKind.JWT, reason, client, issuer);
    }

    private static DefaultJWTProcessor<SecurityContext> processor(JwtCredentialConfig credential,
                                                                  JWKSource<SecurityContext> keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        // Entra and Okta send typ JWT, RFC 9068 issuers at+jwt; some send none.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder().issuer(credential.issuer());
        credential.claims().forEach(exact::claim);
        Set<String> required = new HashSet<>(credential.claims().keySet());
        required.add("exp");
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                Set.of(credential.audience()), exact.build(), required, null);
        claims.setMaxClockSkew(credential.clockSkewSeconds());
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
    }

    private static JWKSource<SecurityContext> keys(JwtCredentialConfig credential, String key) {
        boolean file = credential.jwksFile() != null && !credential.jwksFile().isBlank();
        boolean url = credential.jwksUrl() != null && !credential.jwksUrl().isBlank();
        if (file == url) {
            throw new ConfigException(key, "a jwt credential takes exactly one of jwksFile and jwksUrl",
                    "for Entra ID: jwksUrl: https://login.microsoftonline.com/<tenant-id>/discovery/v2.0/keys");
        }
        return file ? fileKeys(Path.of(credential.jwksFile()), key + ".jwksFile") : urlKeys(credential.jwksUrl(),
                key + ".jwksUrl");
    }

    private static JWKSource<SecurityContext> fileKeys(Path file, String key) {
        JWKSet keys;
        try {
            keys = JWKSet.parse(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException(key, "cannot read " + file + ": " + e.getClass().getSimpleName(),
                    "give the path of the issuer's JWKS file");
        } catch (ParseException e) {
            throw new ConfigException(key, file + " is no JSON Web Key Set: " + e.getMessage(),
                    "save the issuer's jwks_uri document as it is");
        }
        if (keys.getKeys().isEmpty()) {
            throw new ConfigException(key, file + " holds no key", "save the issuer's jwks_uri document as it is");
        }
        for (JWK jwk : keys.getKeys()) {
            if (jwk.isPrivate()) {
                // Only an issuer's public keys verify its tokens; a private or shared key here is one that leaked.
                throw new ConfigException(key, file + " holds a private or symmetric key (kid " + jwk.getKeyID() + ")",
                        "keep only the issuer's public keys in the file");
            }
        }
        return new ImmutableJWKSet<>(keys);
    }

    private static JWKSource<SecurityContext> urlKeys(String text, String key) {
        URL url;
        try {
            URI uri = new URI(text);
            url = uri.toURL();
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
        } catch (Exception e) {
            throw new ConfigException(key, "'" + text + "' is no URL", "e.g. https://login.microsoftonline.com/"
                    + "<tenant-id>/discovery/v2.0/keys");
        }
        if (!url.getProtocol().equals("https") && !(url.getProtocol().equals("http") && isLoopback(url.getHost()))) {
            throw new ConfigException(key, "the keys that decide who may call the bridge must come over https",
                    "use the issuer's https URL (http is taken for a loopback address only)");
        }
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS,
                JWKS_SIZE_LIMIT);
        return JWKSourceBuilder.create(url, retriever)
                .cache(CACHE_TIME_TO_LIVE, CACHE_REFRESH_TIMEOUT)
                .rateLimited(MIN_REFRESH_INTERVAL)
                .outageTolerant(OUTAGE_TOLERANCE)
                .build();
    }

    private static boolean isLoopback(String host) {
        return host.equalsIgnoreCase("localhost")
                || AddressRange.literal(host).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    private static void require(String value, String key, String hint) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, "is required", hint);
        }
    }
}

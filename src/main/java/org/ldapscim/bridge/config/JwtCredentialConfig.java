package org.ldapscim.bridge.config;

import java.util.Map;

/**
 * OAuth 2.0 access tokens of one issuer for one audience, as Entra ID or Okta send them: JWTs signed with a key
 * of the issuer's JSON Web Key Set.
 *
 * @param issuer   the {@code iss} claim, exactly, e.g. {@code https://sts.windows.net/<tenant-id>/}
 * @param audience a value the {@code aud} claim must hold, e.g. the application's identifier URI
 * @param jwksFile the issuer's public keys in a local JWKS file; exactly one of this and {@code jwksUrl}
 * @param jwksUrl  where the issuer publishes its JWKS, fetched over HTTPS
 * @param claims   further claims the token must carry with exactly these string values, e.g. {@code tid}
 * @param clockSkewSeconds how far {@code exp} and {@code nbf} may be off the bridge's clock
 */
public record JwtCredentialConfig(String issuer, String audience, String jwksFile, String jwksUrl,
                                  Map<String, String> claims, Integer clockSkewSeconds) {

    public JwtCredentialConfig {
        claims = claims == null ? Map.of() : Map.copyOf(claims);
        clockSkewSeconds = clockSkewSeconds == null ? 60 : clockSkewSeconds;
        if (clockSkewSeconds < 0 || clockSkewSeconds > 600) {
            throw new IllegalArgumentException("clockSkewSeconds must be between 0 and 600");
        }
    }
}

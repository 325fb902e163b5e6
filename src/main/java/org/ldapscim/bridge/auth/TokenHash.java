package org.ldapscim.bridge.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bearer tokens are stored only as {@code sha256:<hex>} of the token. Tokens are long random strings
 * ({@link #newToken}), so a fast hash suffices: there is no dictionary to guess from.
 */
public final class TokenHash {
    private static final String PREFIX = "sha256:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenHash() {
    }

    public static String of(String token) {
        return PREFIX + HexFormat.of().formatHex(digest(token));
    }

    /** A new token of 256 random bits, URL-safe. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The 32 digest bytes a configured hash names; IllegalArgumentException when it is malformed. */
    static byte[] parse(String hash) {
        if (hash == null || !hash.startsWith(PREFIX) || hash.length() != PREFIX.length() + 64) {
            throw new IllegalArgumentException("a token hash looks like sha256:<64 hex digits>; make one with hash-token");
        }
        return HexFormat.of().parseHex(hash.substring(PREFIX.length()));
    }

    static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

package org.ldapscim.bridge.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Token hashes as hash-token makes them and the configuration holds them. */
class TokenHashTest {
    /** SHA-256("abc"), FIPS 180-2 appendix B.1. */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void aHashIsSha256OfTheTokenInLowerCaseHex() {
        assertEquals("sha256:" + ABC, TokenHash.of("abc"));
    }

    @Test
    void aConfiguredHashParsesToItsDigest() {
        assertArrayEquals(HexFormat.of().parseHex(ABC), TokenHash.parse("sha256:" + ABC));
        assertArrayEquals(HexFormat.of().parseHex(ABC), TokenHash.parse("sha256:" + ABC.toUpperCase()));
        assertArrayEquals(TokenHash.digest("abc"), TokenHash.parse(TokenHash.of("abc")));
    }

    static Stream<String> malformedHashes() {
        return Stream.of(null, "", "sha256:", "sha256:0", "sha256:" + ABC + "0", "SHA256:" + ABC, "sha512:" + ABC, ABC,
                " sha256:" + ABC, "sha256:" + "zz" + "0".repeat(62), "sha256:" + "0".repeat(63) + " ");
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("malformedHashes")
    void aMalformedHashIsRefused(String hash) {
        assertThrows(IllegalArgumentException.class, () -> TokenHash.parse(hash));
    }

    @Test
    void newTokensAreLongUrlSafeAndDistinct() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String token = TokenHash.newToken();
            assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
            tokens.add(token);
        }
        assertEquals(50, tokens.size());
    }

    @Test
    void theHashOfAnotherTokenDiffers() {
        assertNotEquals(TokenHash.of("abc"), TokenHash.of("abd"));
        assertNotEquals(TokenHash.of("abc"), TokenHash.of("abc "));
    }
}

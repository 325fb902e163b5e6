package org.ldapscim.bridge.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.ldapscim.bridge.scim.ScimException;

/**
 * Refuses a query string whose percent-escapes are broken (RFC 3986 §2.1) or decode to bytes that are not
 * UTF-8. The servlet layer drops a broken parameter without a word, so
 * {@code filter=userName%20eq%20%22x%22%} would list every user instead of one, and it turns invalid UTF-8
 * ({@code %C3%28}) into replacement characters a filter would then search for.
 */
final class QueryStrings {
    private QueryStrings() {
    }

    static void requireWellFormed(String rawQuery) {
        if (rawQuery == null) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawQuery.length());
        for (int i = 0; i < rawQuery.length(); i++) {
            if (rawQuery.charAt(i) != '%') {
                int next = rawQuery.indexOf('%', i);
                int end = next < 0 ? rawQuery.length() : next;
                bytes.writeBytes(rawQuery.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
                continue;
            }
            if (i + 2 >= rawQuery.length() || !isHex(rawQuery.charAt(i + 1)) || !isHex(rawQuery.charAt(i + 2))) {
                throw ScimException.invalidSyntax("the query string has a '%' that is not followed by two hex digits");
            }
            bytes.write(Integer.parseInt(rawQuery.substring(i + 1, i + 3), 16));
            i += 2;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
        } catch (CharacterCodingException e) {
            throw ScimException.invalidSyntax("the query string's percent-escapes are not UTF-8");
        }
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}

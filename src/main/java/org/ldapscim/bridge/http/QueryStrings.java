package org.ldapscim.bridge.http;

import org.ldapscim.bridge.scim.ScimException;

/**
 * Refuses a query string whose percent-escapes are broken (RFC 3986 §2.1). The servlet layer drops such a
 * parameter without a word, so {@code filter=userName%20eq%20%22x%22%} would list every user instead of one.
 */
final class QueryStrings {
    private QueryStrings() {
    }

    static void requireWellFormed(String rawQuery) {
        if (rawQuery == null) {
            return;
        }
        for (int i = rawQuery.indexOf('%'); i >= 0; i = rawQuery.indexOf('%', i + 1)) {
            if (i + 2 >= rawQuery.length() || !isHex(rawQuery.charAt(i + 1)) || !isHex(rawQuery.charAt(i + 2))) {
                throw ScimException.invalidSyntax("the query string has a '%' that is not followed by two hex digits");
            }
        }
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}

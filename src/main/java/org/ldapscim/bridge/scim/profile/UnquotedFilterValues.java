package org.ldapscim.bridge.scim.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Quotes comparison values a filter leaves bare ({@code userName sw O}, {@code meta.created gt 2015-10-10T14:38:21Z}),
 * which RFC 7644 §3.4.2.2 writes as JSON strings. Microsoft's reference SCIM code and its test collection send
 * them so. A bare {@code true}, {@code false}, {@code null} or JSON number stays what it is; a quoted value, an
 * operator or a grouping is never touched, so a filter that is already valid comes out unchanged.
 */
final class UnquotedFilterValues {
    private static final Set<String> COMPARISONS = Set.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le");
    private static final Set<String> LITERALS = Set.of("true", "false", "null");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private UnquotedFilterValues() {
    }

    static String quoted(String filter) {
        List<String> tokens = tokens(filter);
        StringBuilder out = new StringBuilder(filter.length() + 8);
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            out.append(isBareValue(tokens, i) ? asValue(token) : token);
        }
        return out.toString();
    }

    /** A word right after "path op ", as in {@code [path, " ", op, " ", word]}. */
    private static boolean isBareValue(List<String> tokens, int i) {
        if (i < 4 || !isWord(tokens.get(i)) || !isSpace(tokens.get(i - 1)) || !isSpace(tokens.get(i - 3))) {
            return false;
        }
        String operator = tokens.get(i - 2).toLowerCase(Locale.ROOT);
        return COMPARISONS.contains(operator) && isWord(tokens.get(i - 4));
    }

    private static String asValue(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (LITERALS.contains(lower)) {
            return lower;
        }
        if (NUMBER.matcher(word).matches()) {
            return word;
        }
        return '"' + word.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Quoted strings, runs of blanks, single grouping characters, and words (everything else). */
    private static List<String> tokens(String filter) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < filter.length()) {
            char c = filter.charAt(i);
            int end;
            if (c == '"') {
                end = endOfString(filter, i);
            } else if (c == ' ') {
                end = i;
                while (end < filter.length() && filter.charAt(end) == ' ') {
                    end++;
                }
            } else if (isGrouping(c)) {
                end = i + 1;
            } else {
                end = i;
                while (end < filter.length() && filter.charAt(end) != ' ' && filter.charAt(end) != '"'
                        && !isGrouping(filter.charAt(end))) {
                    end++;
                }
            }
            tokens.add(filter.substring(i, end));
            i = end;
        }
        return tokens;
    }

    private static int endOfString(String filter, int open) {
        int i = open + 1;
        while (i < filter.length()) {
            char c = filter.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return filter.length();
    }

    private static boolean isGrouping(char c) {
        return c == '(' || c == ')' || c == '[' || c == ']';
    }

    private static boolean isSpace(String token) {
        return token.charAt(0) == ' ';
    }

    private static boolean isWord(String token) {
        char c = token.charAt(0);
        return c != ' ' && c != '"' && !isGrouping(c);
    }
}

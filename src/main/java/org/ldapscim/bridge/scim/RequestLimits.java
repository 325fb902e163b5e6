package org.ldapscim.bridge.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The size limits on what a request asks for, checked on the request text before it is parsed further or
 * reaches the directory, so that a hostile filter costs a string scan and not a deep parse or search.
 *
 * <p>Example: with {@code maxFilterDepth} 2, {@code ((userName eq "a"))} passes and
 * {@code (((userName eq "a")))} is 400 {@code invalidFilter}. Immutable and thread-safe.
 *
 * @param maxFilterLength the longest filter, in characters
 * @param maxFilterDepth how deeply {@code (}, {@code [} and {@code not} may nest
 * @param maxFilterClauses the most comparisons in one filter
 * @param maxPathLength the longest attribute path, in characters
 */
public record RequestLimits(int maxFilterLength, int maxFilterDepth, int maxFilterClauses, int maxPathLength) {

    /** Parses a filter within the limits; anything over them or unparsable is 400 {@code invalidFilter}. */
    public Filter parseFilter(String text) {
        if (text.length() > maxFilterLength) {
            throw ScimException.invalidFilter("filter is longer than " + maxFilterLength + " characters");
        }
        requireShallow(text);
        Filter filter = parse(text);
        requireFewClauses(filter);
        return filter;
    }

    /** An attribute path within {@code maxPathLength}, else 400 {@code invalidPath}. */
    public void requirePath(String path) {
        if (path != null && path.length() > maxPathLength) {
            throw ScimException.invalidPath("attribute path is longer than " + maxPathLength + " characters");
        }
    }

    /** Each path of a comma-separated {@code attributes} or {@code excludedAttributes} list. */
    public void requirePaths(String commaSeparated) {
        if (commaSeparated != null) {
            for (String path : commaSeparated.split(",")) {
                requirePath(path.trim());
            }
        }
    }

    /** The {@code path} of each operation of a PatchOp body; the body's shape is the PATCH parser's concern. */
    public void requirePatchPaths(JsonNode patchBody) {
        for (var field : patchBody.properties()) {
            if (field.getKey().equalsIgnoreCase("Operations") && field.getValue().isArray()) {
                for (JsonNode operation : field.getValue()) {
                    for (var member : operation.properties()) {
                        if (member.getKey().equalsIgnoreCase("path") && member.getValue().isTextual()) {
                            requirePath(member.getValue().textValue());
                        }
                    }
                }
            }
        }
    }

    /**
     * Counts nesting on the raw text, outside string literals, before the parser sees it: the scan is linear
     * and needs no stack, whatever the input. Brackets must balance and control characters are refused, both
     * of which the parser lets pass.
     */
    private void requireShallow(String text) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                // The parser skips a NUL as if it were not there, so userName\0 would read as userName.
                throw ScimException.invalidFilter("filter has a control character (U+%04X) at character %d"
                        .formatted((int) c, i + 1));
            }
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(' || c == '[') {
                depth++;
                if (depth > maxFilterDepth) {
                    throw ScimException.invalidFilter("filter nests deeper than " + maxFilterDepth + " levels");
                }
            } else if (c == ')' || c == ']') {
                if (depth == 0) {
                    throw ScimException.invalidFilter("filter has a '" + c + "' at character " + (i + 1)
                            + " that closes nothing");
                }
                depth--;
            }
        }
        if (depth > 0) {
            // The parser takes emails[type eq "work" as if its ']' were there.
            throw ScimException.invalidFilter("filter has a '(' or '[' that is never closed");
        }
    }

    private static Filter parse(String text) {
        try {
            return Filter.fromString(text);
        } catch (BadRequestException e) {
            throw ScimException.invalidFilter(FilterSyntaxErrors.describe(e.getScimError().getDetail()));
        } catch (RuntimeException e) {
            throw ScimException.invalidFilter("filter cannot be parsed");
        }
    }

    /** Walks the parsed tree without recursion: clauses, logical depth ({@code not} without parentheses) and paths. */
    private void requireFewClauses(Filter root) {
        Deque<Filter> pending = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        pending.push(root);
        depths.push(0);
        int clauses = 0;
        while (!pending.isEmpty()) {
            Filter filter = pending.pop();
            int depth = depths.pop();
            if (depth > maxFilterDepth) {
                throw ScimException.invalidFilter("filter nests deeper than " + maxFilterDepth + " levels");
            }
            if (filter.isCombiningFilter()) {
                for (Filter component : filter.getCombinedFilters()) {
                    pending.push(component);
                    depths.push(depth + 1);
                }
                continue;
            }
            if (filter.isNotFilter()) {
                pending.push(filter.getInvertedFilter());
                depths.push(depth + 1);
                continue;
            }
            requireFilterPath(filter.getAttributePath());
            if (filter.isComplexValueFilter()) {
                pending.push(filter.getValueFilter());
                depths.push(depth + 1);
                continue;
            }
            clauses++;
            if (clauses > maxFilterClauses) {
                throw ScimException.invalidFilter("filter has more than " + maxFilterClauses + " comparisons");
            }
        }
    }

    private void requireFilterPath(Path path) {
        if (path != null && path.toString().length() > maxPathLength) {
            throw ScimException.invalidFilter("attribute path is longer than " + maxPathLength + " characters");
        }
    }
}

package org.ldapscim.bridge.service;

import java.util.ArrayList;
import java.util.List;
import org.ldapscim.bridge.scim.ScimException;

/**
 * The {@code If-Match} and {@code If-None-Match} headers of a request (RFC 7644 §3.14, RFC 7232 §3), as lists
 * of entity tags or {@code *}; an absent header is an empty list.
 *
 * <p>Tags are compared weakly, ignoring {@code W/}: every {@code meta.version} the bridge issues is weak, and
 * RFC 7644 §3.14 has clients send exactly those back in {@code If-Match}, which RFC 7232's strong comparison
 * would never match.
 *
 * <pre>{@code
 * Preconditions.of("W/\"3694e05e9dff590\"", null).requireForWrite(mapping.version(entry));
 * }</pre>
 */
public record Preconditions(List<String> ifMatch, List<String> ifNoneMatch) {
    public static final Preconditions NONE = new Preconditions(List.of(), List.of());

    public Preconditions {
        ifMatch = List.copyOf(ifMatch);
        ifNoneMatch = List.copyOf(ifNoneMatch);
    }

    /** From the raw header values, either of which may be null. */
    public static Preconditions of(String ifMatch, String ifNoneMatch) {
        return new Preconditions(tags(ifMatch), tags(ifNoneMatch));
    }

    /** Whether the request is conditional at all. */
    public boolean any() {
        return !ifMatch.isEmpty() || !ifNoneMatch.isEmpty();
    }

    /** For GET: whether the client already holds this version, so the answer is 304 (RFC 7232 §3.2). */
    public boolean notModified(String version) {
        return matches(ifNoneMatch, version);
    }

    /** For PUT, PATCH and DELETE on a resource that exists: 412 unless the preconditions hold for its version. */
    public void requireForWrite(String version) {
        requireMatch(version);
        if (matches(ifNoneMatch, version)) {
            throw ScimException.preconditionFailed("If-None-Match matches the resource's current version");
        }
    }

    /** For any method on a resource that exists: 412 unless If-Match, when sent, holds (RFC 9110 §13.1.1). */
    public void requireMatch(String version) {
        if (!ifMatch.isEmpty() && !matches(ifMatch, version)) {
            throw ScimException.preconditionFailed("the resource has changed: its version is not the one in If-Match");
        }
    }

    private static boolean matches(List<String> tags, String version) {
        String opaque = opaque(version);
        return tags.stream().anyMatch(tag -> tag.equals("*") || opaque(tag).equals(opaque));
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /** The entity tags of a header: a comma-separated list whose quoted tags hold no commas (RFC 7232 §2.3). */
    private static List<String> tags(String header) {
        List<String> tags = new ArrayList<>();
        if (header == null) {
            return tags;
        }
        for (String part : header.split(",")) {
            String tag = part.trim();
            if (tag.isEmpty()) {
                continue;
            }
            if (!tag.equals("*") && !opaque(tag).matches("\"[^\"]*\"")) {
                throw ScimException.invalidValue("If-Match and If-None-Match take quoted entity tags or *");
            }
            tags.add(tag);
        }
        return tags;
    }
}

package org.ldapscim.bridge.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Text with SCIM values put in: {@code {userName}} takes that value, {@code {displayName|userName}} the first
 * of them that is present; everything else is literal. Example: {@code "{name.familyName|userName}"}.
 */
public final class ValueTemplate {
    private final String source;
    private final List<Object> parts;

    private ValueTemplate(String source, List<Object> parts) {
        this.source = source;
        this.parts = parts;
    }

    public static ValueTemplate parse(String source) {
        List<Object> parts = new ArrayList<>();
        int at = 0;
        while (at < source.length()) {
            int open = source.indexOf('{', at);
            if (open < 0) {
                parts.add(source.substring(at));
                break;
            }
            int close = source.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("'" + source + "' has a '{' without its '}'");
            }
            if (open > at) {
                parts.add(source.substring(at, open));
            }
            List<String> choices = List.of(source.substring(open + 1, close).split("\\|"));
            if (choices.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("'" + source + "' has an empty {} placeholder");
            }
            parts.add(choices);
            at = close + 1;
        }
        return new ValueTemplate(source, List.copyOf(parts));
    }

    /** Every SCIM path the template may read. */
    public List<String> paths() {
        List<String> paths = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof List<?> choices) {
                choices.forEach(choice -> paths.add((String) choice));
            }
        }
        return paths;
    }

    /** The path each placeholder takes its value from: the first choice with a value, else all its choices. */
    public List<String> pathsUsed(Function<String, String> lookup) {
        List<String> used = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof List<?> choices) {
                choices.stream().map(String.class::cast).filter(choice -> {
                    String value = lookup.apply(choice);
                    return value != null && !value.isEmpty();
                }).findFirst().ifPresentOrElse(used::add, () -> choices.forEach(c -> used.add((String) c)));
            }
        }
        return used;
    }

    /** The text, or null when a placeholder has no value among its choices. */
    public String render(Function<String, String> lookup) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof String literal) {
                out.append(literal);
                continue;
            }
            String value = null;
            for (Object choice : (List<?>) part) {
                value = lookup.apply((String) choice);
                if (value != null && !value.isEmpty()) {
                    break;
                }
            }
            if (value == null || value.isEmpty()) {
                return null;
            }
            out.append(value);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}

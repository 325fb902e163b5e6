package org.ldapscim.bridge.mapping;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.ldapscim.bridge.scim.ScimException;

/**
 * A short name an entry gets once, on create, from its SCIM values: Active Directory's sAMAccountName (at most
 * 20 characters, none of {@code "/\[]:;|=,+*?<>}, not ending in a period), or an OpenLDAP uid for POSIX logins.
 * The template is rendered, cut, cleaned and shortened here; whether a candidate is free is the directory's to
 * answer, through {@link #takenFilter} under {@link #uniqueUnder}. Immutable.
 */
public final class DerivedName {
    private final String attribute;
    private final ValueTemplate template;
    private final String cutAt;
    private final int maxLength;
    private final String forbidden;
    private final String trim;
    private final boolean lowercase;
    private final boolean ascii;
    private final List<DN> uniqueUnder;
    private final int attempts;

    /** @param uniqueUnder where no entry may hold the name already; empty when the name need not be unique */
    DerivedName(String attribute, ValueTemplate template, String cutAt, int maxLength, String forbidden,
                String trim, boolean lowercase, boolean ascii, List<DN> uniqueUnder, int attempts) {
        this.attribute = attribute;
        this.template = template;
        this.cutAt = cutAt;
        this.maxLength = maxLength;
        this.forbidden = forbidden;
        this.trim = trim;
        this.lowercase = lowercase;
        this.ascii = ascii;
        this.uniqueUnder = List.copyOf(uniqueUnder);
        this.attempts = attempts;
    }

    public String attribute() {
        return attribute;
    }

    public boolean unique() {
        return !uniqueUnder.isEmpty();
    }

    public List<DN> uniqueUnder() {
        return uniqueUnder;
    }

    ValueTemplate template() {
        return template;
    }

    /**
     * The names to try, best first: the cleaned value, then (when it must be unique) the same with 2, 3, ...
     * appended, each shortened so the whole stays within the length limit. 400 invalidValue when the values
     * it is made of are missing or nothing usable is left of them.
     */
    public List<String> candidates(Function<String, String> lookup) {
        String rendered = template.render(lookup);
        if (rendered == null) {
            throw ScimException.invalidValue("a value for " + String.join(" or ", template.paths())
                    + " is required: it makes the new entry's " + attribute);
        }
        String stem = clean(rendered);
        if (stem.isEmpty()) {
            throw ScimException.invalidValue("nothing usable for " + attribute + " is left of "
                    + String.join(" or ", template.paths()) + " once characters it cannot hold are removed");
        }
        List<String> names = new ArrayList<>();
        names.add(shorten(stem, maxLength));
        for (int counter = 2; names.size() < (unique() ? attempts : 1); counter++) {
            String suffix = Integer.toString(counter);
            String shortened = shorten(stem, maxLength - suffix.length());
            names.add(shortened + suffix);
        }
        return names;
    }

    /** An entry of any type that holds {@code name} already: an escaped equality assertion. */
    public Filter takenFilter(String name) {
        return Filter.createEqualityFilter(attribute, name);
    }

    /** The value cut at {@link #cutAt}, without forbidden, control and format characters, trimmed. */
    String clean(String value) {
        String text = value;
        if (cutAt != null && !cutAt.isEmpty()) {
            int at = text.indexOf(cutAt);
            text = at < 0 ? text : text.substring(0, at);
        }
        if (ascii) {
            text = Normalizer.normalize(text, Normalizer.Form.NFKD);
        }
        StringBuilder kept = new StringBuilder();
        text.codePoints().filter(this::allowed).forEach(kept::appendCodePoint);
        String cleaned = Normalizer.normalize(kept.toString(), Normalizer.Form.NFC);
        if (lowercase) {
            cleaned = cleaned.toLowerCase(Locale.ROOT);
        }
        return trimmed(cleaned);
    }

    private boolean allowed(int codePoint) {
        int type = Character.getType(codePoint);
        if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.UNASSIGNED || forbidden.indexOf(codePoint) >= 0) {
            return false;
        }
        // Folding leaves accents as combining marks; in ASCII mode they go, and so does all else beyond ASCII.
        return !ascii || codePoint >= 0x20 && codePoint < 0x7f;
    }

    /** At most {@code length} UTF-16 units, never half a surrogate pair, trimmed again at the new end. */
    private String shorten(String stem, int length) {
        if (stem.length() <= length) {
            return stem;
        }
        int end = Character.isLowSurrogate(stem.charAt(length)) ? length - 1 : length;
        return trimmed(stem.substring(0, end));
    }

    private String trimmed(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && trim.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && trim.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return attribute + " from " + template;
    }
}

package org.ldapscim.bridge.scim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The detail of a filter the SCIM SDK cannot parse, in the bridge's words: the SDK's text carries Jackson's
 * diagnostics ({@code Source: REDACTED (StreamReadFeature...)}), which say nothing to an IdP's administrator.
 * Only the position and the kind of mistake are taken from it.
 */
final class FilterSyntaxErrors {
    private static final Pattern POSITION = Pattern.compile("at position (\\d+)");

    private FilterSyntaxErrors() {
    }

    static String describe(String sdkDetail) {
        String text = sdkDetail == null ? "" : sdkDetail;
        Matcher position = POSITION.matcher(text);
        String where = position.find() ? " at character " + (Integer.parseInt(position.group(1)) + 1) : "";
        if (text.startsWith("Invalid comparison value")) {
            return "filter has a comparison value" + where + " that is not a string in double quotes, a number,"
                    + " true, false or null";
        }
        if (text.startsWith("Unrecognized attribute operator")) {
            return "filter has an unknown operator" + where + "; use eq, ne, co, sw, ew, pr, gt, ge, lt or le";
        }
        if (text.startsWith("Unexpected end of filter string")) {
            return "filter ends before it is complete: an attribute, operator, value or ')' is missing";
        }
        return "filter cannot be parsed" + where;
    }
}

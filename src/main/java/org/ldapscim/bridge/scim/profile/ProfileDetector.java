package org.ldapscim.bridge.scim.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.ldapscim.bridge.scim.JsonMembers;

/**
 * Guesses the profile of a client that none is configured for: first from its User-Agent, then from the
 * shape of the request (a capitalised PATCH op is Entra's), else {@link IdpProfiles#LENIENT}. Thread-safe.
 */
public final class ProfileDetector {
    private record Sign(String userAgentPart, IdpProfile profile) {
    }

    // Lower-case parts of the User-Agent each IdP sends; Okta documents "Okta SCIM Client 1.0.0" and
    // Google's provisioning sends "Google-Auto-Provisioning". Microsoft documents no User-Agent for its
    // provisioning service, so any Microsoft, Azure or Entra agent counts.
    private static final List<Sign> SIGNS = List.of(
            new Sign("okta", IdpProfiles.OKTA),
            new Sign("onelogin", IdpProfiles.ONELOGIN),
            new Sign("jumpcloud", IdpProfiles.JUMPCLOUD),
            new Sign("google", IdpProfiles.GOOGLE),
            new Sign("pingone", IdpProfiles.PINGONE),
            new Sign("ping identity", IdpProfiles.PINGONE),
            new Sign("microsoft", IdpProfiles.ENTRA),
            new Sign("azure", IdpProfiles.ENTRA),
            new Sign("entra", IdpProfiles.ENTRA));

    /**
     * @param userAgent the User-Agent header, or null
     * @param body      the request body, or null when there is none
     */
    public IdpProfile detect(String userAgent, JsonNode body) {
        if (userAgent != null) {
            String agent = userAgent.toLowerCase(Locale.ROOT);
            for (Sign sign : SIGNS) {
                if (agent.contains(sign.userAgentPart())) {
                    return sign.profile();
                }
            }
        }
        return hasCapitalisedOp(body) ? IdpProfiles.ENTRA : IdpProfiles.LENIENT;
    }

    private static boolean hasCapitalisedOp(JsonNode body) {
        JsonNode operations = body == null || !body.isObject() ? null : JsonMembers.get(body, "Operations");
        if (operations == null || !operations.isArray()) {
            return false;
        }
        for (JsonNode operation : operations) {
            String op = operation.isObject() ? JsonMembers.text(operation, "op") : null;
            if (op != null && List.of("Add", "Replace", "Remove").contains(op)) {
                return true;
            }
        }
        return false;
    }
}

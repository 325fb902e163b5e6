package org.ldapscim.bridge.service;

import java.util.Locale;

/**
 * Active Directory's refusal of a password by policy (Windows error 0x52D, ERROR_PASSWORD_RESTRICTION), which
 * arrives as constraintViolation or unwillingToPerform with a diagnostic starting {@code 0000052D}. It is the
 * client's to fix, so its reason goes back to the client. AD's diagnostic holds codes and the attribute name but
 * never the password; Samba adds a sentence such as "the password is too short".
 */
final class PasswordPolicyRefusal {
    private static final String CODE = "0000052d";
    private static final String SAMBA_REASON = "check_password_restrictions:";
    private static final int MAX_REASON = 300;

    private PasswordPolicyRefusal() {
    }

    /** The reason to show, or null when the diagnostic is not a password policy refusal. */
    static String reason(String diagnostic) {
        if (diagnostic == null || !diagnostic.strip().toLowerCase(Locale.ROOT).startsWith(CODE)) {
            return null;
        }
        String generic = "it does not meet the domain's length, complexity, history or age requirements (AD error 0000052D)";
        int sentence = diagnostic.indexOf(SAMBA_REASON);
        if (sentence < 0) {
            return generic;
        }
        String text = diagnostic.substring(sentence + SAMBA_REASON.length()).replaceAll("\\p{Cntrl}", " ").strip();
        if (text.isEmpty()) {
            return generic;
        }
        return (text.length() > MAX_REASON ? text.substring(0, MAX_REASON) : text) + " (AD error 0000052D)";
    }
}

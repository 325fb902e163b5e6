package org.ldapscim.bridge.scim.profile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The named profiles. Each lists only what its IdP is known to send (see the README's "IdP compatibility");
 * every one but {@link #STRICT} lowers capitalised ops, which costs nothing. {@link #LENIENT}, for a client
 * that cannot be recognised, absorbs every known shape.
 */
public final class IdpProfiles {
    private static final OperationNormaliser OP_CASE = new LowercaseOpName();
    private static final OperationNormaliser PATHLESS_KEYS = new PathlessKeysAsPaths();
    private static final OperationNormaliser REMOVE_LIST = new RemoveValueListAsFilters();
    private static final ValueNormaliser BOOLEANS = new BooleanFromString();
    private static final ValueNormaliser NUMBERS = new NumberFromString();
    private static final ValueNormaliser TEXT = new TextFromNumber();
    private static final ValueNormaliser BARE_VALUE = new BareStringAsValue();

    /** RFC 7643 and RFC 7644 as written: every shape above is refused with the error the RFC implies. */
    public static final IdpProfile STRICT = new IdpProfile("strict", List.of(), List.of(), false, PatchReply.RESOURCE,
            false, false, true);

    /**
     * Entra ID, with or without aadOptscim062020: capitalised ops, "False" for booleans, the manager's bare id,
     * remove with a value list (default job), dotted and URN-qualified path-less keys (both), replace of a typed
     * element that is not there yet. Microsoft's validator and docs expect 204 for PATCH; its reference code and
     * test collection leave filter values unquoted and send attributes an application does not define (dropped).
     */
    public static final IdpProfile ENTRA = new IdpProfile("entra", List.of(OP_CASE, PATHLESS_KEYS, REMOVE_LIST),
            List.of(BOOLEANS, BARE_VALUE, TEXT), true, PatchReply.NO_CONTENT, true, true, false);

    /**
     * Okta, PATCH and PUT apps: RFC shapes; custom attributes may carry booleans and integers as text and numbers
     * for strings. Okta requires the resource after every PATCH.
     */
    public static final IdpProfile OKTA = new IdpProfile("okta", List.of(OP_CASE), List.of(BOOLEANS, NUMBERS, TEXT),
            false, PatchReply.RESOURCE, false, false, false);

    /** OneLogin: member removal by value list; booleans and integers as text, numbers for strings. */
    public static final IdpProfile ONELOGIN = new IdpProfile("onelogin", List.of(OP_CASE, REMOVE_LIST),
            List.of(BOOLEANS, NUMBERS, TEXT), false, PatchReply.RESOURCE, false, false, false);

    /** JumpCloud: Entra's member removal by value list; booleans as text, numbers for strings. */
    public static final IdpProfile JUMPCLOUD = new IdpProfile("jumpcloud", List.of(OP_CASE, REMOVE_LIST),
            List.of(BOOLEANS, TEXT), false, PatchReply.RESOURCE, false, false, false);

    /** Google Workspace auto-provisioning: RFC shapes; booleans as text, numbers for strings. */
    public static final IdpProfile GOOGLE = new IdpProfile("google", List.of(OP_CASE), List.of(BOOLEANS, TEXT),
            false, PatchReply.RESOURCE, false, false, false);

    /** PingOne: RFC shapes; booleans and integers as text, numbers for strings. */
    public static final IdpProfile PINGONE = new IdpProfile("pingone", List.of(OP_CASE),
            List.of(BOOLEANS, NUMBERS, TEXT), false, PatchReply.RESOURCE, false, false, false);

    /**
     * Every known shape absorbed, answering PATCH with the resource: for clients nobody pinned or recognised. A
     * malformed filter or an attribute no schema defines is still refused: guessing there would hide mistakes.
     */
    public static final IdpProfile LENIENT = new IdpProfile("lenient", List.of(OP_CASE, PATHLESS_KEYS, REMOVE_LIST),
            List.of(BOOLEANS, NUMBERS, TEXT, BARE_VALUE), true, PatchReply.RESOURCE, false, false, false);

    private static final List<IdpProfile> ALL = List.of(ENTRA, OKTA, ONELOGIN, JUMPCLOUD, GOOGLE, PINGONE, STRICT,
            LENIENT);

    private IdpProfiles() {
    }

    public static List<IdpProfile> all() {
        return ALL;
    }

    /** The profile of that name, in any case. */
    public static Optional<IdpProfile> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(p -> p.name().equals(wanted)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(IdpProfile::name).toList();
    }
}

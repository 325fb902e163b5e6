package org.ldapscim.bridge.scim;

/** The {@code scimType} values of RFC 7644 §3.12, spelled as the RFC spells them on the wire. */
public enum ScimType {
    invalidFilter,
    tooMany,
    uniqueness,
    mutability,
    invalidSyntax,
    invalidPath,
    noTarget,
    invalidValue,
    invalidVers,
    sensitive
}

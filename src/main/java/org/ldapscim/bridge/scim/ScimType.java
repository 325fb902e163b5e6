package org.ldapscim.bridge.scim;

/**
 * The {@code scimType} values of RFC 7644 §3.12 and of RFC 9865 §2.3 (cursors), spelled as the RFCs spell
 * them on the wire.
 */
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
    sensitive,
    invalidCursor,
    expiredCursor
}

package org.ldapscim.bridge.config;

/**
 * One SCIM attribute path mapped onto one LDAP attribute.
 *
 * @param scim the SCIM path: {@code userName}, {@code name.givenName}, {@code emails[type eq "work"].value},
 *             or URN-qualified for an extension ({@code urn:...:enterprise:2.0:User:department})
 * @param ldap the LDAP attribute (not needed by {@code memberSearch})
 * @param writable false to serve the value but never write it
 * @param searchable false to refuse filters on it (e.g. an unindexed attribute)
 * @param primary for a value-filtered multi-valued path, marks its value as the primary one
 * @param transform how values convert; when absent it follows the SCIM type
 */
public record AttributeMappingConfig(String scim, String ldap, Boolean writable, Boolean searchable,
                                     Boolean primary, TransformConfig transform) {

    public AttributeMappingConfig {
        writable = writable == null || writable;
        searchable = searchable == null || searchable;
        primary = primary != null && primary;
    }
}

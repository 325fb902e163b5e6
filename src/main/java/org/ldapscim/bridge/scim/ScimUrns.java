package org.ldapscim.bridge.scim;

/** Schema and message URNs of RFC 7643 and RFC 7644, and the bridge's own extension. */
public final class ScimUrns {
    public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    public static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    public static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
    public static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public static final String SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    public static final String BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
    /** The bridge's extension of ServiceProviderConfig: the request limits RFC 7643 §5 has no field for. */
    public static final String LIMITS_EXTENSION = "urn:ldap-scim-bridge:params:scim:schemas:extension:limits:1.0";

    /**
     * The bridge's extension marking a tombstone: a resource deleted since the instant of a
     * {@code meta.lastModified gt} filter, answered from the journal with {@code "deleted": true}.
     */
    public static final String DELETED_EXTENSION = "urn:ldap-scim-bridge:params:scim:schemas:extension:2.0:Deleted";

    private ScimUrns() {
    }
}

package org.ldapscim.bridge.scim.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.types.AttributeDefinition;

/**
 * Turns one value an IdP sends with the wrong JSON type into the type its schema attribute declares
 * (RFC 7643 §2.3). A value it does not recognise comes back unchanged, for the type check to judge.
 */
public interface ValueNormaliser {

    JsonNode normalise(AttributeDefinition definition, JsonNode value);
}

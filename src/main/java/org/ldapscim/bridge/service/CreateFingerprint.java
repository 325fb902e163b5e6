package org.ldapscim.bridge.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import org.ldapscim.bridge.mapping.AttributeMapper;
import org.ldapscim.bridge.mapping.PasswordMapper;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.scim.ScimException;

/**
 * What identifies a create when the client sends it again: the SHA-256 of the resource type and the body as the
 * IdP profile normalised it, members in key order, passwords left out. The body and not the entry made of it,
 * because a derived name taken by the first attempt would give the second a different entry. The password is
 * left out so that the journal holds nothing derived from it.
 */
final class CreateFingerprint {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CreateFingerprint() {
    }

    static String of(JsonNode body, ResourceMapping mapping) {
        ObjectNode copy = body.deepCopy();
        String core = mapping.coreSchema().urn();
        removeIgnoringCase(copy, "password");
        for (AttributeMapper mapper : mapping.mappers()) {
            if (!(mapper instanceof PasswordMapper password)) {
                continue;
            }
            String urn = password.path().schemaUrn();
            if (urn.equalsIgnoreCase(core)) {
                removeIgnoringCase(copy, password.path().attribute());
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> members = copy.fields(); members.hasNext(); ) {
                    Map.Entry<String, JsonNode> member = members.next();
                    if (member.getKey().equalsIgnoreCase(urn) && member.getValue() instanceof ObjectNode extension) {
                        removeIgnoringCase(extension, password.path().attribute());
                    }
                }
            }
        }
        try {
            String canonical = CANONICAL.writeValueAsString(CANONICAL.treeToValue(copy, Object.class));
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(mapping.name().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            return HexFormat.of().formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw ScimException.internal("cannot fingerprint the request", e);
        }
    }

    private static void removeIgnoringCase(ObjectNode object, String name) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            if (names.next().equalsIgnoreCase(name)) {
                names.remove();
            }
        }
    }
}

package org.ldapscim.bridge.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimUrns;

/** Reads request bodies and writes {@code application/scim+json} responses (RFC 7644 §3.1, §8.1). */
public final class ScimJson {
    static final String MEDIA_TYPE = "application/scim+json";
    private static final String RENDERED = "bridge.rendered";

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                            .maxStringLength(1_000_000).maxNumberLength(100).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS.mappedFeature())
            .build();

    private ScimJson() {
    }

    /** The request body as JSON; a body that is not JSON is 400 invalidSyntax. */
    static JsonNode body(Context ctx) {
        requireJsonContentType(ctx);
        return parse(ctx.bodyAsBytes());
    }

    /** A request body as JSON, read as a request's is; one that is not JSON is 400 invalidSyntax. */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ScimException.invalidSyntax("the request has no body");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's own message names its internals; the location is what helps the sender.
            var location = e.getLocation();
            throw ScimException.invalidSyntax(location == null ? "the body is not valid JSON"
                    : "the body is not valid JSON: the error is near line " + location.getLineNr() + ", column "
                    + location.getColumnNr());
        } catch (java.io.IOException e) {
            throw ScimException.invalidSyntax("the body cannot be read");
        }
    }

    private static void requireJsonContentType(Context ctx) {
        String type = ctx.header("Content-Type");
        if (type == null) {
            return;
        }
        String media = type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!media.equals(MEDIA_TYPE) && !media.equals("application/json")) {
            throw new ScimException(415, null, "send application/scim+json or application/json");
        }
    }

    /** A SCIM Error (RFC 7644 §3.12), {@code status} as a string; {@code scimType} null for none. */
    public static ObjectNode error(int status, String scimType, String detail) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.putArray("schemas").add(ScimUrns.ERROR);
        error.put("status", Integer.toString(status));
        if (scimType != null) {
            error.put("scimType", scimType);
        }
        error.put("detail", detail);
        return error;
    }

    /** Whether a SCIM document was already written, so a status handler must not replace it. */
    static boolean rendered(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(RENDERED));
    }

    /** A ListResponse (RFC 7644 §3.4.2): the numbers are JSON integers, the page under "Resources". */
    static void sendList(Context ctx, int totalResults, int startIndex, List<? extends JsonNode> page) {
        sendList(ctx, totalResults, startIndex, null, page);
    }

    /**
     * A ListResponse that may be a cursor page (RFC 9865 §2.2): {@code nextCursor} when there is a next page;
     * no {@code startIndex} on cursor pages, and no {@code totalResults} when the directory cannot count.
     */
    static void sendList(Context ctx, Integer totalResults, Integer startIndex, String nextCursor,
                         List<? extends JsonNode> page) {
        ObjectNode list = MAPPER.createObjectNode();
        list.putArray("schemas").add(ScimUrns.LIST_RESPONSE);
        if (totalResults != null) {
            list.put("totalResults", totalResults);
        }
        if (startIndex != null) {
            list.put("startIndex", startIndex);
        }
        if (nextCursor != null) {
            list.put("nextCursor", nextCursor);
        }
        list.put("itemsPerPage", page.size());
        list.putArray("Resources").addAll(page);
        send(ctx, 200, list);
    }

    static void send(Context ctx, int status, JsonNode document) {
        ctx.attribute(RENDERED, true);
        try {
            ctx.status(status).contentType(MEDIA_TYPE).result(MAPPER.writeValueAsBytes(document));
        } catch (JsonProcessingException e) {
            throw ScimException.internal("response cannot be written", e);
        }
    }
}

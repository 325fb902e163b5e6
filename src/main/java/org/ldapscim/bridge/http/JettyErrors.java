package org.ldapscim.bridge.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.ldapscim.bridge.scim.ScimUrns;

/**
 * Errors Jetty answers before a request reaches Javalin (a URI or header too long, a malformed URI,
 * an idle body): a SCIM Error body like every other, instead of Jetty's HTML page.
 */
final class JettyErrors extends ErrorHandler {

    /** Jetty writes error bodies for GET, POST and HEAD only; SCIM clients PUT, PATCH and DELETE as well. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ScimJson.MEDIA_TYPE);
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, ScimJson.MEDIA_TYPE));
        return ByteBuffer.wrap(body(status));
    }

    private static byte[] body(int code) {
        // RFC 7644 §3.12: invalidSyntax is the scimType of a request that could not be parsed.
        String scimType = code == HttpStatus.BAD_REQUEST_400 ? ",\"scimType\":\"invalidSyntax\"" : "";
        return ("{\"schemas\":[\"" + ScimUrns.ERROR + "\"],\"status\":\"" + code + "\"" + scimType
                + ",\"detail\":\"" + detail(code) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String detail(int code) {
        return switch (code) {
            case HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 ->
                    "the request's header fields are larger than the server accepts; send shorter headers";
            case HttpStatus.URI_TOO_LONG_414 -> "the request URI is longer than the server accepts";
            case HttpStatus.BAD_REQUEST_400 -> "the request could not be read: its URI or a header is malformed"
                    + " (an encoded control character or an ambiguous path segment, for instance)";
            default -> HttpStatus.getMessage(code);
        };
    }
}

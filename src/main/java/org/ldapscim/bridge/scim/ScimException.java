package org.ldapscim.bridge.scim;

/**
 * A failure the client is told about as a SCIM Error response (RFC 7644 §3.12).
 *
 * <p>The detail is written for the client: it never carries directory diagnostics, stack traces or
 * secrets. Unchecked because it crosses visitors and lambdas. Example:
 * {@code throw ScimException.invalidFilter("unknown attribute 'foo'")}.
 */
public final class ScimException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final ScimType scimType;
    private final transient Integer retryAfterSeconds;

    public ScimException(int status, ScimType scimType, String detail) {
        this(status, scimType, detail, null, null);
    }

    private ScimException(int status, ScimType scimType, String detail, Integer retryAfterSeconds, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.scimType = scimType;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    /** The scimType, or null where the RFC defines none for this status. */
    public ScimType scimType() {
        return scimType;
    }

    public String detail() {
        return getMessage();
    }

    /** Seconds for a Retry-After header, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ScimException invalidFilter(String detail) {
        return new ScimException(400, ScimType.invalidFilter, detail);
    }

    public static ScimException invalidPath(String detail) {
        return new ScimException(400, ScimType.invalidPath, detail);
    }

    public static ScimException invalidSyntax(String detail) {
        return new ScimException(400, ScimType.invalidSyntax, detail);
    }

    public static ScimException invalidValue(String detail) {
        return new ScimException(400, ScimType.invalidValue, detail);
    }

    public static ScimException noTarget(String detail) {
        return new ScimException(400, ScimType.noTarget, detail);
    }

    public static ScimException mutability(String detail) {
        return new ScimException(400, ScimType.mutability, detail);
    }

    public static ScimException tooMany(String detail) {
        return new ScimException(400, ScimType.tooMany, detail);
    }

    public static ScimException uniqueness(String detail) {
        return new ScimException(409, ScimType.uniqueness, detail);
    }

    /** 412: an If-Match or If-None-Match precondition does not hold (RFC 7644 §3.14). */
    public static ScimException preconditionFailed(String detail) {
        return new ScimException(412, null, detail);
    }

    /**
     * 403: the client is known but its scope, or its allow-list, does not let it do this. RFC 7644 §3.12 allows any HTTP status in an
     * error and defines no scimType for a refusal by authorization, so none is sent.
     */
    public static ScimException forbidden(String detail) {
        return new ScimException(403, null, detail);
    }

    public static ScimException notFound(String resourceType, String id) {
        return new ScimException(404, null, resourceType + " " + id + " not found");
    }

    public static ScimException unauthorized(String detail) {
        return new ScimException(401, null, detail);
    }

    /**
     * 429 Too Many Requests (RFC 6585), which RFC 7644 §3.12 does not list. It carries no scimType: {@code tooMany}
     * means a filter matching too many results, a 400 the client must change its request for, whereas Entra ID and
     * Okta take a 429 as throttling and retry the same request after {@code Retry-After}.
     */
    public static ScimException tooManyRequests(String detail, int retryAfterSeconds) {
        return new ScimException(429, null, detail, retryAfterSeconds, null);
    }

    public static ScimException notImplemented(String detail) {
        return new ScimException(501, null, detail);
    }

    public static ScimException unavailable(String detail, int retryAfterSeconds, Throwable cause) {
        return new ScimException(503, null, detail, retryAfterSeconds, cause);
    }

    public static ScimException internal(String detail, Throwable cause) {
        return new ScimException(500, null, detail, null, cause);
    }

    /** Adopts an exception of the SCIM 2 SDK (its parsers and PATCH code throw those). */
    public static ScimException fromSdk(com.unboundid.scim2.common.exceptions.ScimException e) {
        var error = e.getScimError();
        ScimType type = null;
        if (error.getScimType() != null) {
            for (ScimType candidate : ScimType.values()) {
                if (candidate.name().equalsIgnoreCase(error.getScimType())) {
                    type = candidate;
                }
            }
        }
        int status = error.getStatus() == null ? 400 : error.getStatus();
        if (status >= 500) {
            return internal("internal error", e);
        }
        return new ScimException(status, type, error.getDetail() == null ? "invalid request" : error.getDetail(), null, e);
    }
}

-- Failed authentications and lockouts, for administrators to see who knocked (`journal --auth-failures`). The
-- credential presented is never stored: only what kind it was, and the client or issuer it claimed.
CREATE TABLE IF NOT EXISTS auth_failure (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    occurred_at    DATETIME(6)   NOT NULL,
    -- UNAUTHENTICATED (401), FORBIDDEN (403: a valid credential from outside allowFrom), LOCKED_OUT (too many
    -- failures: requests refused unchecked with 429 until it ends), LOCKOUT_ENDED
    event          VARCHAR(16)   NOT NULL,
    -- The address the request came from, after trusted proxies: IPv4 or IPv6, as text.
    source_address VARCHAR(45)   NOT NULL,
    -- NONE, STATIC_TOKEN, JWT or another kind of credential; null for lockout events.
    credential     VARCHAR(16)   NULL,
    client         VARCHAR(128)  NULL,
    issuer         VARCHAR(255)  NULL,
    reason         VARCHAR(512)  NOT NULL,
    -- LOCKED_OUT: the failures that started it; LOCKOUT_ENDED: the requests refused while it lasted.
    request_count  BIGINT        NULL,
    PRIMARY KEY (id),
    INDEX auth_failure_time (occurred_at, id),
    INDEX auth_failure_client (client, id)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

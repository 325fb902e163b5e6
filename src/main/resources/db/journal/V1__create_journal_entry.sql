-- MariaDB commits DDL implicitly, so a failure after this statement leaves the table without a
-- history row; IF NOT EXISTS lets Flyway apply the script again over the half-finished state.
CREATE TABLE IF NOT EXISTS journal_entry (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    -- Both times are written by the bridge as UTC, independent of the session time zone.
    occurred_at   DATETIME(6)   NOT NULL,
    request_id    VARCHAR(64)   NOT NULL,
    client        VARCHAR(128)  NOT NULL,
    operation     VARCHAR(16)   NOT NULL,
    resource_type VARCHAR(64)   NOT NULL,
    -- Unknown until a create succeeds.
    resource_id   VARCHAR(128)  NULL,
    dn            VARCHAR(1024) NULL,
    -- Attribute name -> {"before": [...], "after": [...]}.
    changes       LONGTEXT      NOT NULL,
    outcome       VARCHAR(16)   NOT NULL,
    detail        VARCHAR(1024) NULL,
    completed_at  DATETIME(6)   NULL,
    PRIMARY KEY (id),
    INDEX journal_entry_resource (resource_id, id),
    INDEX journal_entry_occurred (occurred_at),
    CONSTRAINT journal_entry_changes_json CHECK (JSON_VALID(changes)),
    CONSTRAINT journal_entry_operation CHECK (operation IN ('CREATE', 'REPLACE', 'PATCH', 'DELETE')),
    CONSTRAINT journal_entry_outcome CHECK (outcome IN ('PENDING', 'SUCCEEDED', 'FAILED'))
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

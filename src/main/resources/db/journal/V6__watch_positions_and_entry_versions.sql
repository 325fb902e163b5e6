-- The entry's version (its meta.version) as the write left it: the bridge records it after each write it
-- made, the watcher with each change it saw. A change the watcher finds whose version is already recorded
-- for the resource is one the journal knows, so the bridge's own writes are never journaled twice.
ALTER TABLE journal_entry ADD COLUMN IF NOT EXISTS entry_version VARCHAR(64) NULL AFTER dn;
-- Deletions since an instant answer meta.lastModified filters with tombstones.
ALTER TABLE journal_entry ADD INDEX IF NOT EXISTS journal_entry_deletions (resource_type, operation, completed_at);

-- Where the watcher stopped reading a directory's changes, per directory and resource type, so that a
-- restart resumes there: a change number, a USN or a GeneralizedTime, as the mechanism counts.
CREATE TABLE IF NOT EXISTS watch_position (
    directory     VARCHAR(255)  NOT NULL,
    resource_type VARCHAR(64)   NOT NULL,
    mechanism     VARCHAR(16)   NOT NULL,
    position      VARCHAR(64)   NOT NULL,
    -- JSON array: the versions already handled at exactly this position, where positions repeat
    -- (modifyTimestamp counts whole seconds, so later changes can share the last one seen).
    handled       LONGTEXT      NOT NULL,
    updated_at    DATETIME(6)   NOT NULL,
    PRIMARY KEY (directory, resource_type),
    CONSTRAINT watch_position_handled_json CHECK (JSON_VALID(handled)),
    CONSTRAINT watch_position_mechanism CHECK (mechanism IN ('CHANGELOG', 'USN', 'TIMESTAMP'))
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

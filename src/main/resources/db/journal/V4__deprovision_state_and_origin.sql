-- Where a change came from: BRIDGE for SCIM requests and the bridge's own jobs, DIRECTORY for a change the
-- watcher saw made in the directory behind the bridge's back, OPERATOR for a decision taken on the command line.
ALTER TABLE journal_entry ADD COLUMN IF NOT EXISTS origin VARCHAR(16) NOT NULL DEFAULT 'BRIDGE'
    CHECK (origin IN ('BRIDGE', 'DIRECTORY', 'OPERATOR')) AFTER profile;

-- Offboarding steps and the purge are journaled as operations of their own; MODIFY and RENAME name the
-- directory-side changes that are not SCIM operations.
ALTER TABLE journal_entry DROP CONSTRAINT IF EXISTS journal_entry_operation;
ALTER TABLE journal_entry
    ADD CONSTRAINT journal_entry_operation CHECK (operation IN ('CREATE', 'REPLACE', 'PATCH', 'DELETE',
        'DEPROVISION', 'REACTIVATE', 'PURGE', 'MODIFY', 'RENAME'));
ALTER TABLE journal_entry ADD INDEX IF NOT EXISTS journal_entry_type_resource (resource_type, resource_id, id);

-- One row per offboarding of an account: what was done, what it undid, and where it stands. A row stays
-- until the account is purged or reactivated, so that the offboarding can be reversed and audited.
CREATE TABLE IF NOT EXISTS deprovision_state (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    resource_type    VARCHAR(64)   NOT NULL,
    resource_id      VARCHAR(128)  NOT NULL,
    client           VARCHAR(128)  NOT NULL,
    request_id       VARCHAR(64)   NOT NULL,
    -- DELETE or DEACTIVATE: what the client asked for.
    trigger_kind     VARCHAR(16)   NOT NULL,
    policy           VARCHAR(64)   NOT NULL,
    -- HELD (waiting for an operator past the mass-change brake), DEPROVISIONED, REACTIVATED, PURGED, REJECTED.
    state            VARCHAR(16)   NOT NULL,
    -- What a returning account is matched by.
    user_name        VARCHAR(256)  NULL,
    external_id      VARCHAR(256)  NULL,
    dn_before        VARCHAR(1024) NOT NULL,
    dn_now           VARCHAR(1024) NOT NULL,
    -- JSON array: each step applied, with what it undid (groups left, the DN moved from, previous values).
    steps            LONGTEXT      NOT NULL,
    -- The request a HELD row would apply once approved, as JSON.
    held_request     LONGTEXT      NULL,
    -- All times UTC, written by the bridge.
    requested_at     DATETIME(6)   NOT NULL,
    deprovisioned_at DATETIME(6)   NULL,
    purge_after      DATETIME(6)   NULL,
    -- When the row reached REACTIVATED, PURGED or REJECTED.
    closed_at        DATETIME(6)   NULL,
    PRIMARY KEY (id),
    INDEX deprovision_state_resource (resource_type, resource_id),
    INDEX deprovision_state_purge (state, purge_after),
    INDEX deprovision_state_client (client, requested_at),
    INDEX deprovision_state_user_name (resource_type, user_name),
    INDEX deprovision_state_external_id (resource_type, external_id),
    CONSTRAINT deprovision_state_steps_json CHECK (JSON_VALID(steps)),
    CONSTRAINT deprovision_state_trigger CHECK (trigger_kind IN ('DELETE', 'DEACTIVATE')),
    CONSTRAINT deprovision_state_state CHECK (state IN ('HELD', 'DEPROVISIONED', 'REACTIVATED', 'PURGED', 'REJECTED'))
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

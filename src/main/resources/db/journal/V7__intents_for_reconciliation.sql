-- What reconciliation and retried creates need of an entry. The intended change itself goes into `changes` at
-- begin (the entry a create adds, the modifications, the rename, the deleted entry), secrets left out.

-- The bridge process that wrote the entry. Each process holds the MariaDB named lock
-- 'ldap-scim-bridge-instance-<instance_id>' while it runs, so a PENDING entry whose lock is free was left by a
-- process that stopped mid-write, and one whose lock is held is another running bridge's write in flight.
ALTER TABLE journal_entry ADD COLUMN IF NOT EXISTS instance_id CHAR(36) NULL;
-- A create's request as the client sent it, normalised and without secrets, hashed (SHA-256, hex): a create
-- repeated within the retry window finds the one it repeats by it.
ALTER TABLE journal_entry ADD COLUMN IF NOT EXISTS body_hash CHAR(64) NULL;
-- The request id the client itself sent (X-Request-Id or client-request-id); null when the bridge made one up.
ALTER TABLE journal_entry ADD COLUMN IF NOT EXISTS client_request_id VARCHAR(64) NULL;

ALTER TABLE journal_entry ADD INDEX IF NOT EXISTS journal_entry_unfinished (outcome, id);
ALTER TABLE journal_entry ADD INDEX IF NOT EXISTS journal_entry_body_hash (body_hash, id);
ALTER TABLE journal_entry ADD INDEX IF NOT EXISTS journal_entry_client_request (client_request_id, id);

-- A write whose connection broke after it was sent may or may not have been applied: UNKNOWN says so, where
-- FAILED would claim the directory refused it.
ALTER TABLE journal_entry DROP CONSTRAINT IF EXISTS journal_entry_outcome;
ALTER TABLE journal_entry
    ADD CONSTRAINT journal_entry_outcome CHECK (outcome IN ('PENDING', 'SUCCEEDED', 'FAILED', 'UNKNOWN'));

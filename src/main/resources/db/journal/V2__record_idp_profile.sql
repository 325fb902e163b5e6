-- The IdP profile that shaped each request (configured for the client or detected from it), so that a
-- change can be traced to the leniency that let it in. Entries written before this version have none.
ALTER TABLE journal_entry ADD COLUMN IF NOT EXISTS profile VARCHAR(32) NULL AFTER client;

-- The export audit trail becomes a hash chain (audit/audit_chain.h): each row gets its place
-- in the chain (seq, unique), the hash of the row before it (prev_hash) and its own hash over
-- both and its content (row_hash), so an edited, deleted or slipped-in row shows on verify.
--
-- Rows written before this migration are numbered here, oldest first (created_at, then id),
-- in portable SQL. Their hashes need SHA-256, which SQLite has no SQL function for, so code
-- chains them: the first append or verify after this migration finds a chain without a
-- single hash and seals those rows in seq order (seal_unhashed_chain in
-- audit/audit_chain.cpp). That one-time sealing is the only UPDATE Dossier makes to the table.

ALTER TABLE export_audit_log ADD COLUMN seq BIGINT;

ALTER TABLE export_audit_log ADD COLUMN prev_hash TEXT;

ALTER TABLE export_audit_log ADD COLUMN row_hash TEXT;

UPDATE export_audit_log SET seq = numbered.n
    FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY created_at, id) AS n FROM export_audit_log) AS numbered
    WHERE export_audit_log.id = numbered.id;

-- Also what makes reading the chain's head (ORDER BY seq DESC LIMIT 1) cheap.
CREATE UNIQUE INDEX idx_audit_seq ON export_audit_log(seq);

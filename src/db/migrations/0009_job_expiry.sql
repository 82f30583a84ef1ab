-- The cleanup pass deletes an export's file once it passes expires_at and records when it did
-- so here. The job keeps status 'completed' (the export did complete) and shows as 'expired'
-- in the API from then on; a download gets 410. A column rather than a new status value:
-- SQLite can only change a CHECK constraint by rebuilding the table every audit row
-- references.

ALTER TABLE export_jobs ADD COLUMN expired_at {timestamp};

CREATE INDEX idx_jobs_expiry ON export_jobs(expires_at);

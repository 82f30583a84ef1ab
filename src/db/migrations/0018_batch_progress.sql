-- A batch export (export_type 'batch') renders one document per patient into one ZIP; while it
-- runs, and after, it shows how far it got: {"done": n, "total": m}. NULL for every other job.
ALTER TABLE export_jobs ADD COLUMN progress {json};

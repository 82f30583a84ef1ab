-- What the document engine ignored while rendering a job (remote images, unsupported
-- schemes), shown to the job's creator. A JSON array of short notes, never content.
ALTER TABLE export_jobs ADD COLUMN render_notes {json};

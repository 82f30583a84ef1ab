-- FHIR Bulk Data exports ($export) write one stored file per job holding one NDJSON file per
-- resource type, back to back. Which slice is which type is kept here, with the export's
-- transaction time: {"transaction_time": "...", "output": [{"type", "offset", "length",
-- "count"}]}, offsets and lengths in bytes of the stored file's plaintext. NULL for every
-- other export, which is one file served whole.
ALTER TABLE export_jobs ADD COLUMN file_parts {json};

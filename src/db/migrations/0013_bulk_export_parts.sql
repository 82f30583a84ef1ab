-- FHIR Bulk Data exports ($export) write one stored file per job holding one NDJSON file per
-- resource type, back to back. Which slice is which type is kept here, with the export's
-- transaction time: {"transaction_time": "...", "output": [{"type", "offset", "length",
-- "count"}]}, offsets and lengths in bytes of the stored file's plaintext. NULL for every
-- other export, which is one file served whole.
ALTER TABLE export_jobs ADD COLUMN file_parts {json};

-- Every export reads a patient's goals and goal measurements by patient_id; without these
-- each read scanned the whole table, so exporting a whole practice grew with its square.
CREATE INDEX idx_goals_patient ON goals(patient_id);
CREATE INDEX idx_goal_measurements_patient ON goal_measurements(patient_id);

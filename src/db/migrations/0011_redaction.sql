-- The redaction profile a template's exports get when the request names none (NULL: the
-- export type's default, redact/profile.h).
ALTER TABLE export_templates ADD COLUMN redaction_profile TEXT;
-- What redaction removed from a job's export, counted by kind and section; never content.
ALTER TABLE export_jobs ADD COLUMN redaction_report {json};

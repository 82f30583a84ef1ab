-- The audit trail records more than the spec's four examples (created, downloaded, deleted,
-- shared): workers add 'completed' and 'failed', and later stages add their own. The list of
-- actions is kept in code (audit/audit_log.h), where each one is documented, so the CHECK
-- constraint goes; SQLite can only drop a constraint by rebuilding the table.

CREATE TABLE export_audit_log_next (
    id {uuid} PRIMARY KEY,
    export_job_id {uuid} REFERENCES export_jobs(id),
    user_id {uuid} REFERENCES users(id),
    patient_id {uuid} REFERENCES patients(id),
    action VARCHAR(50) NOT NULL,
    ip_address VARCHAR(45),
    user_agent TEXT,
    metadata {json},
    created_at {timestamp} NOT NULL
);

INSERT INTO export_audit_log_next (id, export_job_id, user_id, patient_id, action, ip_address, user_agent, metadata, created_at)
    SELECT id, export_job_id, user_id, patient_id, action, ip_address, user_agent, metadata, created_at FROM export_audit_log;

DROP TABLE export_audit_log;

ALTER TABLE export_audit_log_next RENAME TO export_audit_log;

CREATE INDEX idx_audit_created ON export_audit_log(created_at);

CREATE INDEX idx_audit_patient ON export_audit_log(patient_id);

CREATE INDEX idx_audit_job ON export_audit_log(export_job_id);

CREATE INDEX idx_audit_action ON export_audit_log(action, export_job_id);

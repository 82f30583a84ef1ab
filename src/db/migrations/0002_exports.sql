-- Export machinery, as the spec's schema, plus the queue's lease columns on export_jobs.

CREATE TABLE export_templates (
    id {uuid} PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    description TEXT,
    export_type VARCHAR(50) NOT NULL,
    format VARCHAR(20) NOT NULL,
    template_content TEXT,
    include_sections {json},
    is_system {bool} NOT NULL DEFAULT 0,
    created_by {uuid} REFERENCES users(id),
    created_at {timestamp} NOT NULL,
    updated_at {timestamp} NOT NULL
);

CREATE TABLE export_jobs (
    id {uuid} PRIMARY KEY,
    user_id {uuid} NOT NULL REFERENCES users(id),
    patient_id {uuid} REFERENCES patients(id),
    template_id {uuid} REFERENCES export_templates(id),
    export_type VARCHAR(50) NOT NULL,
    format VARCHAR(20) NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    parameters {json},
    file_path VARCHAR(500),
    file_size_bytes BIGINT,
    file_sha256 TEXT,
    error_message TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_expires_at {timestamp},
    started_at {timestamp},
    completed_at {timestamp},
    expires_at {timestamp},
    deleted_at {timestamp},
    created_at {timestamp} NOT NULL
);

CREATE TABLE export_audit_log (
    id {uuid} PRIMARY KEY,
    export_job_id {uuid} REFERENCES export_jobs(id),
    user_id {uuid} REFERENCES users(id),
    patient_id {uuid} REFERENCES patients(id),
    action VARCHAR(50) NOT NULL CHECK (action IN ('created', 'downloaded', 'deleted', 'shared')),
    ip_address VARCHAR(45),
    user_agent TEXT,
    metadata {json},
    created_at {timestamp} NOT NULL
);

CREATE TABLE scheduled_reports (
    id {uuid} PRIMARY KEY,
    user_id {uuid} NOT NULL REFERENCES users(id),
    template_id {uuid} REFERENCES export_templates(id),
    patient_id {uuid} REFERENCES patients(id),
    schedule_type VARCHAR(20) NOT NULL CHECK (schedule_type IN ('daily', 'weekly', 'monthly')),
    schedule_config {json},
    parameters {json},
    delivery_method VARCHAR(20) CHECK (delivery_method IN ('email', 'storage')),
    is_active {bool} NOT NULL DEFAULT 1,
    last_run_at {timestamp},
    next_run_at {timestamp},
    created_at {timestamp} NOT NULL
);

CREATE INDEX idx_jobs_queue ON export_jobs(status, created_at);
CREATE INDEX idx_jobs_user ON export_jobs(user_id, created_at);
CREATE INDEX idx_jobs_patient ON export_jobs(patient_id);
CREATE INDEX idx_audit_created ON export_audit_log(created_at);
CREATE INDEX idx_audit_patient ON export_audit_log(patient_id);
CREATE INDEX idx_audit_job ON export_audit_log(export_job_id);

-- The clients whose records a many-client job wrote into its file (a batch export), each
-- with the single export made of them: its type, format and settled request. Written with the
-- job's completion, so that each client's accounting of disclosures (45 CFR 164.528) lists a
-- batch that carried their record as it lists a single export.
CREATE TABLE job_patients (
    job_id {uuid} NOT NULL REFERENCES export_jobs(id),
    patient_id {uuid} NOT NULL REFERENCES patients(id),
    export_type VARCHAR(50) NOT NULL,
    format VARCHAR(20) NOT NULL,
    parameters {json} NOT NULL,
    PRIMARY KEY (job_id, patient_id)
);
CREATE INDEX idx_job_patients_patient ON job_patients(patient_id);

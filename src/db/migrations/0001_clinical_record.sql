-- The clinical record of one practice. Portable SQL with type tokens that each backend maps:
-- {uuid} {timestamp} {date} {json} {bool} {blob}. Money is integer cents. Ids are UUIDv7 text on
-- every backend, so they compare with text parameters and sort by creation everywhere.

CREATE TABLE practice (
    id {uuid} PRIMARY KEY,
    name TEXT NOT NULL,
    address_line1 TEXT,
    address_line2 TEXT,
    city TEXT,
    state TEXT,
    postal_code TEXT,
    phone TEXT,
    tax_id TEXT,
    npi TEXT,
    taxonomy TEXT,
    created_at {timestamp} NOT NULL,
    updated_at {timestamp} NOT NULL
);

CREATE TABLE users (
    id {uuid} PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('therapist', 'admin', 'biller')),
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    credentials TEXT,
    npi TEXT,
    license_number TEXT,
    license_state TEXT,
    taxonomy TEXT,
    email TEXT,
    is_active {bool} NOT NULL DEFAULT 1,
    created_at {timestamp} NOT NULL,
    updated_at {timestamp} NOT NULL
);

CREATE TABLE api_tokens (
    id {uuid} PRIMARY KEY,
    user_id {uuid} NOT NULL REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    label TEXT,
    created_at {timestamp} NOT NULL,
    revoked_at {timestamp}
);

CREATE TABLE patients (
    id {uuid} PRIMARY KEY,
    mrn TEXT NOT NULL UNIQUE,
    given_name TEXT NOT NULL,
    middle_name TEXT,
    family_name TEXT NOT NULL,
    preferred_name TEXT,
    birth_date {date} NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('female', 'male', 'unknown')),
    gender_identity TEXT,
    pronouns TEXT,
    address_line1 TEXT,
    address_line2 TEXT,
    city TEXT,
    state TEXT,
    postal_code TEXT,
    phone TEXT,
    email TEXT,
    preferred_language TEXT,
    emergency_contact_name TEXT,
    emergency_contact_relationship TEXT,
    emergency_contact_phone TEXT,
    substance_use_sensitive {bool} NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'discharged')),
    created_at {timestamp} NOT NULL,
    updated_at {timestamp} NOT NULL
);

CREATE TABLE care_team (
    patient_id {uuid} NOT NULL REFERENCES patients(id),
    user_id {uuid} NOT NULL REFERENCES users(id),
    role TEXT NOT NULL DEFAULT 'primary' CHECK (role IN ('primary', 'secondary')),
    assigned_at {timestamp} NOT NULL,
    PRIMARY KEY (patient_id, user_id)
);

CREATE TABLE coverage (
    id {uuid} PRIMARY KEY,
    patient_id {uuid} NOT NULL REFERENCES patients(id),
    priority TEXT NOT NULL DEFAULT 'primary' CHECK (priority IN ('primary', 'secondary', 'tertiary')),
    payer_name TEXT NOT NULL,
    payer_id TEXT NOT NULL,
    plan_name TEXT,
    member_id TEXT NOT NULL,
    group_number TEXT,
    subscriber_relationship TEXT NOT NULL CHECK (subscriber_relationship IN ('self', 'spouse', 'child', 'other')),
    subscriber_given_name TEXT,
    subscriber_family_name TEXT,
    subscriber_birth_date {date},
    subscriber_sex TEXT,
    start_date {date},
    end_date {date},
    created_at {timestamp} NOT NULL,
    updated_at {timestamp} NOT NULL
);

CREATE TABLE diagnoses (
    id {uuid} PRIMARY KEY,
    patient_id {uuid} NOT NULL REFERENCES patients(id),
    icd10_code TEXT NOT NULL,
    description TEXT NOT NULL,
    onset_date {date},
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'resolved', 'inactive')),
    is_primary {bool} NOT NULL DEFAULT 0,
    created_at {timestamp} NOT NULL,
    updated_at {timestamp} NOT NULL
);

CREATE TABLE treatment_plans (
    id {uuid} PRIMARY KEY,
    patient_id {uuid} NOT NULL REFERENCES patients(id),
    therapist_id {uuid} NOT NULL REFERENCES users(id),
    problem TEXT NOT NULL,
    modality TEXT,
    frequency TEXT,
    interventions {json} NOT NULL DEFAULT '[]',
    start_date {date} NOT NULL,
    review_date {date},
    next_review_date {date},
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('draft', 'active', 'completed', 'revoked')),
    created_at {timestamp} NOT NULL,
    updated_at {timestamp} NOT NULL
);

CREATE TABLE goals (
    id {uuid} PRIMARY KEY,
    treatment_plan_id {uuid} NOT NULL REFERENCES treatment_plans(id),
    patient_id {uuid} NOT NULL REFERENCES patients(id),
    description TEXT NOT NULL,
    measure TEXT NOT NULL,
    baseline_value DOUBLE PRECISION NOT NULL,
    target_value DOUBLE PRECISION NOT NULL,
    due_date {date},
    status TEXT NOT NULL DEFAULT 'in_progress' CHECK (status IN ('proposed', 'in_progress', 'achieved', 'not_achieved', 'cancelled')),
    created_at {timestamp} NOT NULL,
    updated_at {timestamp} NOT NULL
);

CREATE TABLE goal_measurements (
    id {uuid} PRIMARY KEY,
    goal_id {uuid} NOT NULL REFERENCES goals(id),
    patient_id {uuid} NOT NULL REFERENCES patients(id),
    measured_on {date} NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    note TEXT,
    created_at {timestamp} NOT NULL
);

CREATE TABLE sessions (
    id {uuid} PRIMARY KEY,
    patient_id {uuid} NOT NULL REFERENCES patients(id),
    therapist_id {uuid} NOT NULL REFERENCES users(id),
    start_time {timestamp} NOT NULL,
    end_time {timestamp} NOT NULL,
    duration_minutes INTEGER NOT NULL,
    cpt_code TEXT NOT NULL,
    modifiers {json} NOT NULL DEFAULT '[]',
    place_of_service TEXT NOT NULL,
    telehealth {bool} NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('kept', 'no_show', 'cancelled')),
    fee_cents BIGINT NOT NULL DEFAULT 0,
    amount_paid_cents BIGINT NOT NULL DEFAULT 0,
    created_at {timestamp} NOT NULL,
    updated_at {timestamp} NOT NULL
);

CREATE TABLE session_notes (
    id {uuid} PRIMARY KEY,
    session_id {uuid} NOT NULL REFERENCES sessions(id),
    patient_id {uuid} NOT NULL REFERENCES patients(id),
    author_id {uuid} NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL CHECK (kind IN ('progress_note', 'psychotherapy_note')),
    format TEXT NOT NULL CHECK (format IN ('soap', 'dap', 'birp', 'free')),
    sections {json} NOT NULL,
    ai_drafted {bool} NOT NULL DEFAULT 0,
    transcript TEXT,
    action_items {json} NOT NULL DEFAULT '[]',
    signed_by {uuid} REFERENCES users(id),
    signed_at {timestamp},
    created_at {timestamp} NOT NULL,
    updated_at {timestamp} NOT NULL
);

CREATE TABLE assessments (
    id {uuid} PRIMARY KEY,
    patient_id {uuid} NOT NULL REFERENCES patients(id),
    session_id {uuid} REFERENCES sessions(id),
    instrument TEXT NOT NULL CHECK (instrument IN ('PHQ-9', 'GAD-7')),
    administered_on {date} NOT NULL,
    item_answers {json} NOT NULL,
    total_score INTEGER NOT NULL,
    severity TEXT NOT NULL,
    created_at {timestamp} NOT NULL
);

CREATE TABLE attachments (
    id {uuid} PRIMARY KEY,
    patient_id {uuid} NOT NULL REFERENCES patients(id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    description TEXT,
    content {blob} NOT NULL,
    created_at {timestamp} NOT NULL
);

CREATE INDEX idx_care_team_user ON care_team(user_id);
CREATE INDEX idx_coverage_patient ON coverage(patient_id);
CREATE INDEX idx_diagnoses_patient ON diagnoses(patient_id);
CREATE INDEX idx_plans_patient ON treatment_plans(patient_id);
CREATE INDEX idx_goals_plan ON goals(treatment_plan_id);
CREATE INDEX idx_goal_measurements_goal ON goal_measurements(goal_id);
CREATE INDEX idx_sessions_patient_start ON sessions(patient_id, start_time);
CREATE INDEX idx_notes_session ON session_notes(session_id);
CREATE INDEX idx_notes_patient ON session_notes(patient_id);
CREATE INDEX idx_assessments_patient ON assessments(patient_id, administered_on);
CREATE INDEX idx_attachments_patient ON attachments(patient_id);

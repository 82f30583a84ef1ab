-- Scheduled reports as the service runs them (issue 9). The spec's table gains what a run
-- needs: the export it makes (type and format; a template may give both), where the file goes
-- beyond the owner's job list, what happens to slots missed while the service was down, and
-- cancellation (a cancelled schedule keeps its rows for the record of its runs).
ALTER TABLE scheduled_reports ADD COLUMN export_type VARCHAR(50);
ALTER TABLE scheduled_reports ADD COLUMN format VARCHAR(20);
ALTER TABLE scheduled_reports ADD COLUMN delivery {json};
ALTER TABLE scheduled_reports ADD COLUMN missed_runs VARCHAR(20) NOT NULL DEFAULT 'catch_up';
ALTER TABLE scheduled_reports ADD COLUMN updated_at {timestamp};
ALTER TABLE scheduled_reports ADD COLUMN cancelled_at {timestamp};

CREATE INDEX idx_schedules_due ON scheduled_reports(next_run_at);
CREATE INDEX idx_schedules_user ON scheduled_reports(user_id, created_at);

-- One row per slot a schedule ran (or skipped): the UNIQUE pair is what makes a slot run
-- once however many servers share the database. Delivery state lives here too, so a failed
-- email is retried with backoff and its last error shows on the run.
CREATE TABLE schedule_runs (
    id {uuid} PRIMARY KEY,
    schedule_id {uuid} NOT NULL REFERENCES scheduled_reports(id),
    slot_at {timestamp} NOT NULL,
    started_at {timestamp} NOT NULL,
    export_job_id {uuid} REFERENCES export_jobs(id),
    status VARCHAR(20) NOT NULL,
    error TEXT,
    delivery_attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at {timestamp},
    finished_at {timestamp},
    UNIQUE (schedule_id, slot_at)
);

CREATE INDEX idx_schedule_runs_status ON schedule_runs(status, next_attempt_at);

-- Every export reads a patient's goals and goal measurements by patient_id; without an index
-- that is a scan of the whole practice's rows for each patient, so exporting every patient
-- grew with the square of the practice.
CREATE INDEX idx_goals_patient ON goals(patient_id);
CREATE INDEX idx_goal_measurements_patient ON goal_measurements(patient_id);

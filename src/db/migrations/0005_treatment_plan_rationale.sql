-- Why the plan's modality was chosen, in the clinician's words: payers look for "modality
-- and why" among the medical-necessity elements of a treatment summary. Optional; plans
-- from before have none.
ALTER TABLE treatment_plans ADD COLUMN modality_rationale TEXT;

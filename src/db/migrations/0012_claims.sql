-- Insurance claims (X12 837P and CMS-1500).
--
-- A payer's telehealth coding, kept on the coverage rows that name the payer: the modifier it
-- takes for a video visit ('95', or 'GT' for payers that still ask for it; NULL is 95) and
-- the place of service it wants for telehealth (NULL: as recorded on the session, 02 or 10 —
-- some payers want 11 with the modifier instead).
ALTER TABLE coverage ADD COLUMN telehealth_modifier TEXT;
ALTER TABLE coverage ADD COLUMN telehealth_place_of_service TEXT;

-- One interchange control number per 837P export (ISA13, GS06 and ST02 carry it): unique
-- across every export of the practice, handed out once per job and kept, so a clearinghouse's
-- acknowledgement (TA1, 999) can be matched to the job that wrote the file, and a job that is
-- run again after a crash writes the same number.
CREATE TABLE claim_interchanges (
    control_number BIGINT PRIMARY KEY,
    job_id {uuid} NOT NULL UNIQUE REFERENCES export_jobs(id),
    created_at {timestamp} NOT NULL
);

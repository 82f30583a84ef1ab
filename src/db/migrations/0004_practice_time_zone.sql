-- The practice's time zone, an IANA name ("America/New_York"): documents print times in it,
-- while stored timestamps stay UTC. A practice from before keeps UTC, the zone its documents
-- have been printed in so far.
ALTER TABLE practice ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';

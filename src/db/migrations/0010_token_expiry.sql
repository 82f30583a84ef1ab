-- API tokens get an expiry: authenticate refuses a token at or past expires_at as it refuses a
-- revoked one (revoked_at is in 0001). NULL means the token never expires: tokens issued
-- before this migration, and the demo practice's tokens. `dossier token` sets 90 days unless
-- told otherwise.
--
-- The audit actions this adds (access_refused, previewed) need no schema change: 0007 moved
-- the list of actions into code.

ALTER TABLE api_tokens ADD COLUMN expires_at {timestamp};

-- Signing in to the web pages (issue 11). Credentials live beside the users table rather than
-- in it: the users table is part of a client's full-record export (who wrote a note), and a
-- password hash must never travel with it.
--
-- user_credentials: one row per user who may sign in. Usernames are stored lower-case, so
-- "Admin" and "admin" are one name; password_hash is libsodium's Argon2id string
-- ("$argon2id$v=19$m=…"), which carries its own salt and cost.
CREATE TABLE user_credentials (
    user_id {uuid} PRIMARY KEY REFERENCES users(id),
    username VARCHAR(64) NOT NULL UNIQUE,
    password_hash TEXT,
    password_changed_at {timestamp},
    created_at {timestamp} NOT NULL
);

-- Server-side web sessions. The cookie carries a random secret; only its SHA-256 is kept, so a
-- copy of the database does not sign anyone in. A session ends at expires_at (its absolute
-- lifetime) or when last_seen_at is older than the idle timeout, whichever comes first; the
-- timeout is a serve option, so it is checked in code, not stored.
CREATE TABLE web_sessions (
    id {uuid} PRIMARY KEY,
    user_id {uuid} NOT NULL REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    csrf_token TEXT NOT NULL,
    created_at {timestamp} NOT NULL,
    last_seen_at {timestamp} NOT NULL,
    expires_at {timestamp} NOT NULL
);

CREATE INDEX idx_web_sessions_user ON web_sessions(user_id);

-- Every sign-in attempt, for throttling by username and by address. The username is kept only
-- as a SHA-256 of its lower-case form: a failed attempt's "username" is sometimes a password
-- typed into the wrong box.
CREATE TABLE sign_in_attempts (
    id {uuid} PRIMARY KEY,
    username_hash TEXT NOT NULL,
    ip_address VARCHAR(45) NOT NULL,
    succeeded {bool} NOT NULL,
    created_at {timestamp} NOT NULL
);

CREATE INDEX idx_sign_in_attempts_username ON sign_in_attempts(username_hash, created_at);

CREATE INDEX idx_sign_in_attempts_address ON sign_in_attempts(ip_address, created_at);

-- The audit actions sign-in adds (signed_in, sign_in_failed, signed_out) need no schema
-- change: 0007 moved the list of actions into code (audit/audit_log.h).

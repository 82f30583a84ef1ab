-- The password an email schedule's owner set for the encrypted PDF attached to each message
-- (issue 9), sealed under the practice's master key (storage/sealed_secret.h): never stored
-- in the clear, never shown by the API. NULL: the messages carry a link only.
ALTER TABLE scheduled_reports ADD COLUMN attachment_password TEXT;

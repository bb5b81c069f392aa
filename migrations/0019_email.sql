-- E-mail copies of notifications (issue 13: optional e-mail through SMTP
-- when configured). Each user may give an address; each notification
-- records when it was mailed, so that a copy goes out once however many
-- servers run the mailer.
ALTER TABLE users
    ADD COLUMN email text CONSTRAINT users_email CHECK (email IS NULL OR (length(email) <= 254 AND email ~ '^[^@\s]+@[^@\s]+$'));
ALTER TABLE notifications ADD COLUMN emailed_at timestamptz;
-- The mailer's scan: recent notifications not mailed yet.
CREATE INDEX notifications_unmailed_idx ON notifications (created_at) WHERE emailed_at IS NULL;

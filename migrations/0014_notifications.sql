-- Notifications (issue 13): what a user is told in the app's bell, per
-- recipient. Changes of state (a score returned, an objection answered, a
-- visit returned) write theirs in the transaction that makes the change, so
-- a rolled-back change tells nobody; reminders before a window closes are
-- written by the scheduled job (server/notify).
CREATE TABLE notifications (
    id         bigserial PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind IN ('SCORE_RETURNED', 'OBJECTION_ANSWERED', 'VISIT_RETURNED',
                                             'ENTRY_CLOSING', 'PUBLICITY_ENDING')),
    title      text NOT NULL CHECK (btrim(title) <> ''),
    body       text NOT NULL DEFAULT '',
    -- The SPA route the notification opens (/plans/3/scoring?period=5).
    link       text NOT NULL,
    -- Reminders: one per user and window (kind, period, the window's last
    -- day), so running the job again, or on two servers at once, adds
    -- nothing. A window moved to another day is a new window. NULL for
    -- changes of state, each of which is its own notification.
    dedupe_key text,
    created_at timestamptz NOT NULL,
    read_at    timestamptz,
    CONSTRAINT notifications_dedupe_key UNIQUE (user_id, dedupe_key)
);
-- The bell: a user's latest, and the unread count.
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

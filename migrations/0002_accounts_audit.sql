-- Accounts, sessions and the audit trail (等保 2.0 三级: identity, access
-- control, security audit).

CREATE TABLE users (
    id                      bigserial PRIMARY KEY,
    username                text NOT NULL CHECK (username ~ '^[[:alnum:]_.-]{3,64}$'),
    display_name            text NOT NULL CHECK (btrim(display_name) <> ''),
    unit_id                 bigint REFERENCES units (id) ON DELETE RESTRICT,
    password_hash           text NOT NULL,
    password_changed_at     timestamptz NOT NULL DEFAULT now(),
    must_change_password    boolean NOT NULL DEFAULT true,
    enabled                 boolean NOT NULL DEFAULT true,
    locked_until            timestamptz,
    totp_secret             text,
    totp_enabled            boolean NOT NULL DEFAULT false,
    -- A secret being enrolled; it replaces totp_secret only once confirmed
    -- with a code, so starting an enrollment never switches 2FA off.
    totp_pending_secret     text,
    -- The last accepted TOTP time step, so a code cannot be replayed.
    totp_last_step          bigint NOT NULL DEFAULT 0,
    last_login_at           timestamptz,
    version                 integer NOT NULL DEFAULT 1,
    created_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_username_key UNIQUE (username)
);

CREATE TABLE user_roles (
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    text NOT NULL CHECK (role IN ('ADMIN', 'TASK_FORCE', 'LEAD_SCORER', 'EVALUATEE_CONTACT',
                                          'INSPECTOR', 'LEADER', 'ANALYST', 'AUDITOR')),
    PRIMARY KEY (user_id, role)
);

-- The last passwords of a user, so none of the last five is reused.
CREATE TABLE password_history (
    id              bigserial PRIMARY KEY,
    user_id         bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    password_hash   text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_history_user_idx ON password_history (user_id, id DESC);

-- Server-side sessions: the cookie holds a random token, the table only its
-- SHA-256, so a leaked table does not leak sessions.
CREATE TABLE sessions (
    token_hash      text PRIMARY KEY,
    user_id         bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL,
    last_seen_at    timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    client_addr     text NOT NULL DEFAULT '',
    user_agent      text NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Every login attempt, for lockout (per user) and throttling (per address).
CREATE TABLE login_attempts (
    id          bigserial PRIMARY KEY,
    username    text NOT NULL,
    client_addr text NOT NULL,
    success     boolean NOT NULL,
    at          timestamptz NOT NULL
);
CREATE INDEX login_attempts_username_idx ON login_attempts (username, at DESC);
CREATE INDEX login_attempts_addr_idx ON login_attempts (client_addr, at DESC);

-- The audit log is append-only: a trigger refuses UPDATE, DELETE and
-- TRUNCATE for every role, and each record carries the SHA-256 of its
-- content and of the previous record, so an edit made by someone who
-- disabled the trigger, or a removed record, is detected by `audit verify`.
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    user_id     bigint,
    username    text NOT NULL DEFAULT '',
    roles       text[] NOT NULL DEFAULT '{}',
    unit_id     bigint,
    unit_name   text,
    client_addr text NOT NULL DEFAULT '',
    request_id  text NOT NULL DEFAULT '',
    operation   text NOT NULL,
    outcome     text NOT NULL CHECK (outcome IN ('OK', 'DENIED', 'FAILED')),
    object_type text,
    object_id   text,
    before      jsonb,
    after       jsonb,
    detail      text,
    prev_hash   text NOT NULL DEFAULT '',
    hash        text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_user_idx ON audit_log (username, at);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id);

-- The content a record's hash covers. jsonb's text form is canonical (keys
-- sorted), and the time is in microseconds, independent of the TimeZone
-- setting of the session that reads it.
CREATE FUNCTION audit_record_hash(prev text, r audit_log) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(prev || jsonb_build_object(
        'id', r.id,
        'at', (extract(epoch FROM r.at) * 1000000)::bigint,
        'user_id', r.user_id, 'username', r.username, 'roles', r.roles,
        'unit_id', r.unit_id, 'unit_name', r.unit_name,
        'client_addr', r.client_addr, 'request_id', r.request_id,
        'operation', r.operation, 'outcome', r.outcome,
        'object_type', r.object_type, 'object_id', r.object_id,
        'before', r.before, 'after', r.after, 'detail', r.detail)::text, 'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    prev text;
BEGIN
    -- One writer at a time until commit, so ids, commit order and the chain agree.
    PERFORM pg_advisory_xact_lock(7402318115);
    SELECT hash INTO prev FROM audit_log ORDER BY id DESC LIMIT 1;
    NEW.prev_hash := coalesce(prev, '');
    NEW.hash := audit_record_hash(NEW.prev_hash, NEW);
    RETURN NEW;
END;
$$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Field visits (实地调研, DESIGN §2.5): a visit to one evaluatee in one
-- period by one or more inspectors, with a checklist of tasks, one finding
-- per checklist item, photos, the receiving official's signature and the
-- 专班's review. Accepted visits feed the 实地调研 component.

CREATE TABLE field_visits (
    id               bigserial PRIMARY KEY,
    period_id        bigint NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    evaluatee_id     bigint NOT NULL REFERENCES evaluatees (id) ON DELETE CASCADE,
    visit_date       date NOT NULL,
    status           text NOT NULL CHECK (status IN ('PLANNED', 'SUBMITTED', 'ACCEPTED', 'RETURNED')),
    review_note      text,
    reviewed_by      bigint REFERENCES users (id),
    reviewed_by_name text,
    reviewed_at      timestamptz,
    submitted_at     timestamptz,
    signed_by        text,
    signature_sha256 text REFERENCES files (sha256),
    created_by       bigint REFERENCES users (id),
    created_by_name  text NOT NULL,
    created_at       timestamptz NOT NULL,
    version          integer NOT NULL DEFAULT 1,
    -- A submitted visit carries the signature of the official who received it.
    CONSTRAINT field_visits_signed CHECK (status NOT IN ('SUBMITTED', 'ACCEPTED') OR signature_sha256 IS NOT NULL)
);
CREATE INDEX field_visits_period_idx ON field_visits (period_id, evaluatee_id);

CREATE TABLE field_visit_inspectors (
    visit_id bigint NOT NULL REFERENCES field_visits (id) ON DELETE CASCADE,
    user_id  bigint NOT NULL REFERENCES users (id),
    PRIMARY KEY (visit_id, user_id)
);
CREATE INDEX field_visit_inspectors_user_idx ON field_visit_inspectors (user_id);

-- The checklist, fixed when the visit is planned: later changes to the
-- assignment matrix do not change what the inspectors were sent to verify.
CREATE TABLE field_visit_items (
    visit_id bigint NOT NULL REFERENCES field_visits (id) ON DELETE CASCADE,
    task_id  bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    PRIMARY KEY (visit_id, task_id)
);

CREATE TABLE field_findings (
    id               bigserial PRIMARY KEY,
    visit_id         bigint NOT NULL,
    task_id          bigint NOT NULL,
    judgement        text NOT NULL CHECK (judgement IN ('DONE', 'PARTIAL', 'NOT_DONE', 'NA')),
    note             text NOT NULL DEFAULT '',
    observed_at      timestamptz NOT NULL,
    -- Position is data about the finding, not a figure of the formula:
    -- degrees and metres as the Geolocation API reports them.
    latitude         double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude        double precision CHECK (longitude BETWEEN -180 AND 180),
    accuracy_m       double precision CHECK (accuracy_m >= 0),
    recorded_by      bigint REFERENCES users (id),
    recorded_by_name text NOT NULL,
    updated_at       timestamptz NOT NULL,
    version          integer NOT NULL DEFAULT 1,
    CONSTRAINT field_findings_item_key UNIQUE (visit_id, task_id),
    CONSTRAINT field_findings_item_fkey FOREIGN KEY (visit_id, task_id) REFERENCES field_visit_items (visit_id, task_id) ON DELETE CASCADE,
    CONSTRAINT field_findings_place CHECK ((latitude IS NULL) = (longitude IS NULL))
);

-- Every write a phone sends carries a UUID it made; a replay of the same
-- write (a retry after a lost answer) is recognised here and stored once.
-- A write id belongs to the user who first sent it.
CREATE TABLE field_sync_writes (
    client_id  uuid PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id),
    visit_id   bigint NOT NULL REFERENCES field_visits (id) ON DELETE CASCADE,
    task_id    bigint NOT NULL,
    outcome    text NOT NULL CHECK (outcome IN ('APPLIED', 'CONFLICT')),
    -- The finding's version the write started from and the one it made:
    -- a phone's later edit based on the same version as its own earlier
    -- write (whose answer it never got) supersedes it instead of
    -- conflicting with its own author.
    base_version   integer NOT NULL DEFAULT 0,
    result_version integer,
    at         timestamptz NOT NULL
);
CREATE INDEX field_sync_writes_item_idx ON field_sync_writes (visit_id, task_id, result_version);

-- Photos belong to a checklist item, not to a finding row, so a photo that
-- reaches the server before its finding still has a place.
CREATE TABLE field_photos (
    id               bigserial PRIMARY KEY,
    client_id        uuid NOT NULL,
    visit_id         bigint NOT NULL,
    task_id          bigint NOT NULL,
    file_sha256      text NOT NULL REFERENCES files (sha256),
    uploaded_by      bigint NOT NULL REFERENCES users (id),
    uploaded_by_name text NOT NULL,
    uploaded_at      timestamptz NOT NULL,
    CONSTRAINT field_photos_client_key UNIQUE (client_id),
    CONSTRAINT field_photos_item_fkey FOREIGN KEY (visit_id, task_id) REFERENCES field_visit_items (visit_id, task_id) ON DELETE CASCADE
);
CREATE INDEX field_photos_item_idx ON field_photos (visit_id, task_id);

-- Status changes with who and why (return note, reopening reason).
CREATE TABLE field_visit_events (
    id          bigserial PRIMARY KEY,
    visit_id    bigint NOT NULL REFERENCES field_visits (id) ON DELETE CASCADE,
    from_status text NOT NULL,
    to_status   text NOT NULL,
    reason      text,
    user_id     bigint REFERENCES users (id),
    username    text NOT NULL,
    at          timestamptz NOT NULL
);
CREATE INDEX field_visit_events_visit_idx ON field_visit_events (visit_id, id);

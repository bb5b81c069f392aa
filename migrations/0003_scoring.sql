-- Scoring: progress reports with evidence, lead-unit scores with their full
-- history, 民意调查/第三方评估 values, period workflow events, and frozen
-- publications of results.

ALTER TABLE periods ADD COLUMN published_at timestamptz;

CREATE TABLE period_events (
    id          bigserial PRIMARY KEY,
    period_id   bigint NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    from_state  text NOT NULL,
    to_state    text NOT NULL,
    reason      text,
    user_id     bigint REFERENCES users (id),
    username    text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX period_events_period_idx ON period_events (period_id, id);

CREATE TABLE progress_reports (
    id              bigserial PRIMARY KEY,
    period_id       bigint NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    evaluatee_id    bigint NOT NULL REFERENCES evaluatees (id) ON DELETE CASCADE,
    task_id         bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    state           text NOT NULL CHECK (state IN ('NOT_STARTED', 'IN_PROGRESS', 'STAGED_RESULTS', 'NOTABLE_RESULTS', 'COMPLETED')),
    narrative       text NOT NULL DEFAULT '',
    updated_by      bigint REFERENCES users (id),
    updated_by_name text NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         integer NOT NULL DEFAULT 1,
    CONSTRAINT progress_reports_key UNIQUE (period_id, evaluatee_id, task_id)
);
CREATE INDEX progress_reports_task_idx ON progress_reports (period_id, task_id);

-- File contents are stored once per SHA-256; evidence rows point at them.
CREATE TABLE files (
    sha256          text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content_type    text NOT NULL,
    size            bigint NOT NULL CHECK (size >= 0),
    content         bytea NOT NULL
);

CREATE TABLE evidence (
    id              bigserial PRIMARY KEY,
    report_id       bigint NOT NULL REFERENCES progress_reports (id) ON DELETE CASCADE,
    file_sha256     text NOT NULL REFERENCES files (sha256),
    filename        text NOT NULL CHECK (btrim(filename) <> ''),
    uploaded_by     bigint REFERENCES users (id),
    uploaded_by_name text NOT NULL,
    uploaded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evidence_report_idx ON evidence (report_id);

CREATE TABLE scores (
    id              bigserial PRIMARY KEY,
    period_id       bigint NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    evaluatee_id    bigint NOT NULL REFERENCES evaluatees (id) ON DELETE CASCADE,
    task_id         bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    lead_unit_id    bigint NOT NULL REFERENCES units (id),
    value           numeric(7, 2) NOT NULL CHECK (value >= 0),
    comment         text NOT NULL DEFAULT '',
    status          text NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'VERIFIED', 'RETURNED')),
    entered_by      bigint REFERENCES users (id),
    entered_by_name text NOT NULL,
    entered_at      timestamptz NOT NULL,
    verified_by     bigint REFERENCES users (id),
    verified_by_name text,
    verified_at     timestamptz,
    original_value  numeric(7, 2),
    review_reason   text,
    version         integer NOT NULL DEFAULT 1,
    CONSTRAINT scores_key UNIQUE (period_id, evaluatee_id, task_id, lead_unit_id),
    -- Nobody verifies a score they entered themselves.
    CONSTRAINT scores_four_eyes CHECK (verified_by IS NULL OR entered_by IS NULL OR verified_by <> entered_by)
);
CREATE INDEX scores_period_status_idx ON scores (period_id, status);
CREATE INDEX scores_period_evaluatee_idx ON scores (period_id, evaluatee_id);
CREATE INDEX scores_period_lead_idx ON scores (period_id, lead_unit_id);

-- Every change to a score, so the current value is explained by its history.
CREATE TABLE score_history (
    id          bigserial PRIMARY KEY,
    score_id    bigint NOT NULL REFERENCES scores (id) ON DELETE CASCADE,
    at          timestamptz NOT NULL,
    user_id     bigint REFERENCES users (id),
    username    text NOT NULL,
    action      text NOT NULL CHECK (action IN ('SAVE', 'SUBMIT', 'ACCEPT', 'ADJUST', 'RETURN', 'IMPORT')),
    old_value   numeric(7, 2),
    new_value   numeric(7, 2),
    old_status  text,
    new_status  text NOT NULL,
    reason      text
);
CREATE INDEX score_history_score_idx ON score_history (score_id, id);

CREATE TABLE source_values (
    id              bigserial PRIMARY KEY,
    period_id       bigint NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    evaluatee_id    bigint NOT NULL REFERENCES evaluatees (id) ON DELETE CASCADE,
    method          text NOT NULL CHECK (method IN ('PUBLIC_OPINION', 'THIRD_PARTY')),
    source          text NOT NULL CHECK (btrim(source) <> ''),
    value           numeric(5, 2) NOT NULL CHECK (value BETWEEN 0 AND 100),
    weight          numeric(7, 2) NOT NULL DEFAULT 1 CHECK (weight > 0),
    imported_by_name text NOT NULL,
    imported_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT source_values_key UNIQUE (period_id, evaluatee_id, method, source)
);

-- A publication freezes a period's results when it enters 公示: later
-- changes to the plan or scores do not change what was published. Reopening
-- starts a new publication number; old ones stay for the record.
CREATE TABLE publications (
    id              bigserial PRIMARY KEY,
    period_id       bigint NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    number          integer NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by_name text NOT NULL,
    superseded_at   timestamptz,
    CONSTRAINT publications_key UNIQUE (period_id, number)
);

CREATE TABLE published_results (
    publication_id  bigint NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
    evaluatee_id    bigint NOT NULL REFERENCES evaluatees (id) ON DELETE CASCADE,
    ranking_group   text NOT NULL,
    rank            integer NOT NULL,
    score           numeric(5, 2),
    exact           text,
    missing_scores  integer NOT NULL DEFAULT 0,
    -- What a ranking row shows (components, dimension scores), kept apart
    -- so a ranking of thousands never reads the full breakdowns.
    summary         jsonb NOT NULL,
    -- The whole breakdown as shown (components, dimensions, tasks with who
    -- entered and verified each score, formula steps), frozen.
    breakdown       jsonb NOT NULL,
    PRIMARY KEY (publication_id, evaluatee_id)
);
CREATE INDEX published_results_group_idx ON published_results (publication_id, ranking_group, rank);

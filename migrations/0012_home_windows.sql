-- Windows of a period (issue 13): the day 填报 closes and the day 公示 ends,
-- as calendar days in Asia/Shanghai (the last day on which the work may still
-- be done). Both are optional: a period without them simply has no deadline
-- to remind anyone of. The home page counts down to them.
ALTER TABLE periods
    ADD COLUMN entry_closes_on date,
    ADD COLUMN publicity_ends_on date;

-- The home page of a lead-unit scorer counts, per period, the cells of its
-- unit; the join from its unit to the tasks it leads is indexed already
-- (task_lead_units_unit_idx), scores by (period_id, lead_unit_id).
-- The auditor's home lists recent refused operations.
CREATE INDEX audit_log_refused_idx ON audit_log (at) WHERE outcome = 'DENIED';

-- Objections (异议) during 公示: an evaluatee's contact objects to its result
-- for one task (task_id) or overall (task_id NULL), with a reason and
-- evidence; the 专班 upholds (the scores are corrected and the period is
-- re-frozen as a new publication) or rejects it, with a reason either way.
CREATE TABLE objections (
    id               bigserial PRIMARY KEY,
    period_id        bigint NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    evaluatee_id     bigint NOT NULL REFERENCES evaluatees (id) ON DELETE CASCADE,
    task_id          bigint REFERENCES tasks (id) ON DELETE CASCADE,
    -- The publication the objection was filed against.
    publication_id   bigint REFERENCES publications (id),
    reason           text NOT NULL CHECK (btrim(reason) <> ''),
    status           text NOT NULL CHECK (status IN ('OPEN', 'UPHELD', 'REJECTED')),
    filed_by         bigint REFERENCES users (id),
    filed_by_name    text NOT NULL,
    filed_at         timestamptz NOT NULL,
    answer           text,
    answered_by      bigint REFERENCES users (id),
    answered_by_name text,
    answered_at      timestamptz,
    -- What an upheld answer changed (任务3: 8.00 → 9.50), for the record.
    correction       text,
    version          integer NOT NULL DEFAULT 1,
    CONSTRAINT objections_answered CHECK ((status = 'OPEN') = (answer IS NULL))
);
CREATE INDEX objections_period_idx ON objections (period_id, status);
CREATE INDEX objections_evaluatee_idx ON objections (evaluatee_id);

CREATE TABLE objection_evidence (
    id               bigserial PRIMARY KEY,
    objection_id     bigint NOT NULL REFERENCES objections (id) ON DELETE CASCADE,
    file_sha256      text NOT NULL REFERENCES files (sha256),
    filename         text NOT NULL CHECK (btrim(filename) <> ''),
    uploaded_by      bigint REFERENCES users (id),
    uploaded_by_name text NOT NULL,
    uploaded_at      timestamptz NOT NULL
);
CREATE INDEX objection_evidence_objection_idx ON objection_evidence (objection_id);

-- Why a publication was made when it is not the first of its 公示: the
-- objection whose upheld answer re-froze the results.
ALTER TABLE publications ADD COLUMN note text;

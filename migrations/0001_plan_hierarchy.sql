-- The plan hierarchy: plans → periods, dimensions → indicators → tasks, the
-- units that lead tasks and are evaluated, and who carries which task.
-- Rules that protect the numbers live here as constraints, not only in Go.

CREATE TABLE units (
    id          bigserial PRIMARY KEY,
    name        text NOT NULL CHECK (btrim(name) <> ''),
    kind        text NOT NULL CHECK (kind IN ('DISTRICT', 'DEV_ZONE', 'DEPARTMENT')),
    aliases     text[] NOT NULL DEFAULT '{}',
    sort_key    integer NOT NULL DEFAULT 0 CHECK (sort_key >= 0),
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT units_name_key UNIQUE (name)
);

CREATE TABLE plans (
    id              bigserial PRIMARY KEY,
    name            text NOT NULL CHECK (btrim(name) <> ''),
    year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    total_points    numeric(7, 2) NOT NULL DEFAULT 100 CHECK (total_points > 0),
    -- The four method weights in percent (DESIGN R4); stored per plan.
    weight_dm       numeric(5, 2) NOT NULL DEFAULT 60 CHECK (weight_dm >= 0),
    weight_fv       numeric(5, 2) NOT NULL DEFAULT 20 CHECK (weight_fv >= 0),
    weight_po       numeric(5, 2) NOT NULL DEFAULT 10 CHECK (weight_po >= 0),
    weight_tp       numeric(5, 2) NOT NULL DEFAULT 10 CHECK (weight_tp >= 0),
    missing_rule    text NOT NULL DEFAULT 'REDISTRIBUTE' CHECK (missing_rule IN ('REDISTRIBUTE', 'ZERO')),
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT plans_weights_sum_check CHECK (weight_dm + weight_fv + weight_po + weight_tp = 100)
);

CREATE TABLE periods (
    id          bigserial PRIMARY KEY,
    plan_id     bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    half        smallint NOT NULL CHECK (half IN (1, 2)),
    name        text NOT NULL,
    state       text NOT NULL DEFAULT 'DRAFT'
                CHECK (state IN ('DRAFT', 'OPEN', 'REVIEW', 'PUBLICITY', 'PUBLISHED')),
    version     integer NOT NULL DEFAULT 1,
    CONSTRAINT periods_plan_half_key UNIQUE (plan_id, half)
);

CREATE TABLE dimensions (
    id          bigserial PRIMARY KEY,
    plan_id     bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    number      integer NOT NULL CHECK (number > 0),
    name        text NOT NULL CHECK (btrim(name) <> ''),
    points      numeric(7, 2) NOT NULL CHECK (points >= 0),
    version     integer NOT NULL DEFAULT 1,
    CONSTRAINT dimensions_plan_number_key UNIQUE (plan_id, number)
);

CREATE TABLE indicators (
    id              bigserial PRIMARY KEY,
    dimension_id    bigint NOT NULL REFERENCES dimensions (id) ON DELETE CASCADE,
    number          integer NOT NULL CHECK (number > 0),
    name            text NOT NULL CHECK (btrim(name) <> ''),
    points          numeric(7, 2) NOT NULL CHECK (points >= 0),
    version         integer NOT NULL DEFAULT 1,
    CONSTRAINT indicators_dimension_number_key UNIQUE (dimension_id, number)
);

CREATE TABLE tasks (
    id                  bigserial PRIMARY KEY,
    indicator_id        bigint NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    number              integer NOT NULL CHECK (number > 0),
    text                text NOT NULL CHECK (btrim(text) <> ''),
    -- NULL: the task shares what its indicator has left (DESIGN §2.1).
    points              numeric(7, 2) CHECK (points >= 0),
    deadline_phrase     text NOT NULL DEFAULT '',
    deadline_month      smallint CHECK (deadline_month BETWEEN 1 AND 12),
    deadline_state      text CHECK (deadline_state IN ('COMPLETED', 'STAGED_RESULTS', 'NOTABLE_RESULTS', 'ONGOING')),
    deadline_continuing boolean NOT NULL DEFAULT false,
    version             integer NOT NULL DEFAULT 1,
    CONSTRAINT tasks_indicator_number_key UNIQUE (indicator_id, number)
);

CREATE TABLE task_lead_units (
    task_id     bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    unit_id     bigint NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
    PRIMARY KEY (task_id, unit_id)
);
CREATE INDEX task_lead_units_unit_idx ON task_lead_units (unit_id);

CREATE TABLE evaluatees (
    id          bigserial PRIMARY KEY,
    plan_id     bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    unit_id     bigint NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
    ranking_group text NOT NULL CHECK (ranking_group IN ('DISTRICTS', 'DEPARTMENTS')),
    version     integer NOT NULL DEFAULT 1,
    CONSTRAINT evaluatees_plan_unit_key UNIQUE (plan_id, unit_id)
);
CREATE INDEX evaluatees_unit_idx ON evaluatees (unit_id);

-- The assignment matrix: evaluatee e carries task t (A(e,t) in DESIGN §2).
CREATE TABLE assignments (
    evaluatee_id    bigint NOT NULL REFERENCES evaluatees (id) ON DELETE CASCADE,
    task_id         bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    PRIMARY KEY (evaluatee_id, task_id)
);
CREATE INDEX assignments_task_idx ON assignments (task_id);

-- An evaluatee may only carry tasks of its own plan. A trigger, because the
-- plan of a task is two joins away and cannot be a foreign key.
CREATE FUNCTION assignments_same_plan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (
        SELECT 1
        FROM evaluatees e
        JOIN tasks t ON t.id = NEW.task_id
        JOIN indicators i ON i.id = t.indicator_id
        JOIN dimensions d ON d.id = i.dimension_id
        WHERE e.id = NEW.evaluatee_id AND d.plan_id = e.plan_id
    ) THEN
        RAISE EXCEPTION 'evaluatee % and task % belong to different plans', NEW.evaluatee_id, NEW.task_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'assignments_same_plan';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER assignments_same_plan BEFORE INSERT OR UPDATE ON assignments
    FOR EACH ROW EXECUTE FUNCTION assignments_same_plan();

-- Roll-ups of the daily-monitoring sums (issue 9 §1): a live preview ranking
-- reads a few rows per evaluatee instead of every score of the plan.
--
-- One row per period × evaluatee × indicator × variant (drafts: false counts
-- verified scores only, true counts every entered score) × counted, the
-- number of counted lead scores of a task. The formula (server/scoring)
-- scores a carried task as the mean of its counted entries, so tasks are
-- grouped by that count: Σ_t s_t = Σ_c (entered_c + full_shares_c · share) / c,
-- exact. A share is the fraction rest/open of the indicator (DESIGN §2.1),
-- which numeric cannot hold, so full marks on shares are counted, not summed;
-- the reader multiplies them by the share it computes from the plan.
--
-- Only carried tasks with at least one lead unit are rolled up (a task
-- nobody leads cannot be scored), and only scores of the task's lead units.
--
-- The roll-ups are kept by triggers on every table they are computed from,
-- so no write path (score entry, verification, import, COPY, restore, plan
-- edits) can forget them. Triggers recompute the affected keys from raw rows
-- rather than add deltas: a task's mean depends on its other lead scores, so
-- a delta would need them anyway.
CREATE TABLE score_rollups (
    period_id       bigint NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    evaluatee_id    bigint NOT NULL REFERENCES evaluatees (id) ON DELETE CASCADE,
    indicator_id    bigint NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    drafts          boolean NOT NULL,
    counted         integer NOT NULL CHECK (counted >= 0),
    tasks           integer NOT NULL CHECK (tasks > 0),
    -- Σ P_t of the tasks with points of their own.
    explicit_points numeric NOT NULL,
    -- Tasks sharing the indicator's remainder.
    shared_tasks    integer NOT NULL,
    -- Σ counted entries, each as CountedEntry, except full marks on shares.
    entered         numeric NOT NULL,
    -- Counted entries at full marks (MaxEntry) on shared tasks.
    full_shares     integer NOT NULL,
    -- Lead units without a counted score.
    missing         integer NOT NULL,
    PRIMARY KEY (period_id, evaluatee_id, drafts, indicator_id, counted)
);
CREATE INDEX score_rollups_indicator_idx ON score_rollups (indicator_id);
CREATE INDEX score_rollups_evaluatee_idx ON score_rollups (evaluatee_id);

-- score_rollups_of computes the roll-up rows of the given keys from raw rows:
-- period × evaluatee × indicator, indicator NULL for all of them. The
-- refresh below stores it; `kaoping results verify` compares it with what is
-- stored.
CREATE FUNCTION score_rollups_of(p_periods bigint[], p_evaluatees bigint[], p_indicators bigint[])
RETURNS TABLE (period_id bigint, evaluatee_id bigint, indicator_id bigint, drafts boolean, counted integer,
               tasks integer, explicit_points numeric, shared_tasks integer, entered numeric,
               full_shares integer, missing integer)
LANGUAGE sql STABLE AS $$
WITH keys AS (
    SELECT DISTINCT k.p, k.e, k.i FROM unnest(p_periods, p_evaluatees, p_indicators) AS k(p, e, i)
),
carried AS (
    SELECT DISTINCT k.p, k.e, t.id AS task_id, t.indicator_id, t.points,
           (SELECT count(*) FROM task_lead_units l WHERE l.task_id = t.id)::int AS leads
    FROM keys k
    JOIN periods pe ON pe.id = k.p
    JOIN evaluatees ev ON ev.id = k.e AND ev.plan_id = pe.plan_id
    JOIN assignments a ON a.evaluatee_id = k.e
    JOIN tasks t ON t.id = a.task_id AND (k.i IS NULL OR t.indicator_id = k.i)
),
shares AS (
    SELECT i.id AS indicator_id, greatest(i.points - coalesce(sum(t.points), 0), 0) AS rest,
           (count(*) FILTER (WHERE t.points IS NULL))::int AS open
    FROM indicators i
    JOIN tasks t ON t.indicator_id = i.id
    WHERE i.id IN (SELECT c.indicator_id FROM carried c)
    GROUP BY i.id, i.points
),
entries AS (
    -- full: the entry is MaxEntry of the share, i.e. rest/open rounds half
    -- up to it: open·(v − 0.005) ≤ rest < open·(v + 0.005), exactly.
    SELECT c.p, c.e, c.task_id, c.indicator_id, c.points, c.leads, v.drafts, s.value,
           s.id IS NOT NULL AND (v.drafts OR s.status = 'VERIFIED') AS counts,
           c.points IS NULL AND s.id IS NOT NULL
               AND sh.open * (s.value - 0.005) <= sh.rest AND sh.rest < sh.open * (s.value + 0.005) AS full_share
    FROM carried c
    CROSS JOIN (VALUES (false), (true)) AS v(drafts)
    JOIN shares sh ON sh.indicator_id = c.indicator_id
    LEFT JOIN scores s ON s.period_id = c.p AND s.evaluatee_id = c.e AND s.task_id = c.task_id
        AND EXISTS (SELECT 1 FROM task_lead_units l WHERE l.task_id = c.task_id AND l.unit_id = s.lead_unit_id)
    WHERE c.leads > 0
),
per_task AS (
    SELECT p, e, task_id, indicator_id, points, leads, drafts,
           (count(*) FILTER (WHERE counts))::int AS counted,
           -- Full marks on a task with points of its own count as its exact points.
           coalesce(sum(CASE WHEN points IS NOT NULL AND value = round(points, 2) THEN points ELSE value END)
                    FILTER (WHERE counts AND NOT full_share), 0) AS entered,
           (count(*) FILTER (WHERE counts AND full_share))::int AS full_shares
    FROM entries
    GROUP BY p, e, task_id, indicator_id, points, leads, drafts
)
SELECT p, e, indicator_id, drafts, counted, count(*)::int, coalesce(sum(points), 0),
       (count(*) FILTER (WHERE points IS NULL))::int, sum(entered), sum(full_shares)::int, sum(leads - counted)::int
FROM per_task
GROUP BY p, e, indicator_id, drafts, counted
$$;

-- score_rollups_refresh recomputes the given keys. Writers lock each
-- period × evaluatee first, in one order (no crosswise waits between two
-- refreshes); under READ COMMITTED the statements after the lock see what
-- the previous holder committed, so two concurrent saves to one evaluatee
-- leave roll-ups that count both.
CREATE FUNCTION score_rollups_refresh(p_periods bigint[], p_evaluatees bigint[], p_indicators bigint[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(cardinality(p_periods), 0) = 0 THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(k.p::int, k.e::int)
    FROM (SELECT DISTINCT u.p, u.e FROM unnest(p_periods, p_evaluatees) AS u(p, e) ORDER BY u.p, u.e) k;
    DELETE FROM score_rollups r
    USING unnest(p_periods, p_evaluatees, p_indicators) AS u(p, e, i)
    WHERE r.period_id = u.p AND r.evaluatee_id = u.e AND (u.i IS NULL OR r.indicator_id = u.i);
    INSERT INTO score_rollups SELECT * FROM score_rollups_of(p_periods, p_evaluatees, p_indicators);
END $$;

-- score_rollups_refresh_indicators recomputes every evaluatee that carries a
-- task of the indicators (their shares, hence full marks, may have changed)
-- or still has a row for them (its task was removed).
CREATE FUNCTION score_rollups_refresh_indicators(p_indicators bigint[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE ps bigint[]; es bigint[]; xs bigint[];
BEGIN
    SELECT array_agg(k.p), array_agg(k.e), array_agg(k.i) INTO ps, es, xs FROM (
        SELECT pe.id AS p, a.evaluatee_id AS e, t.indicator_id AS i
        FROM tasks t
        JOIN assignments a ON a.task_id = t.id
        JOIN evaluatees ev ON ev.id = a.evaluatee_id
        JOIN periods pe ON pe.plan_id = ev.plan_id
        WHERE t.indicator_id = ANY (p_indicators)
        UNION
        SELECT r.period_id, r.evaluatee_id, r.indicator_id
        FROM score_rollups r
        WHERE r.indicator_id = ANY (p_indicators)
    ) k;
    PERFORM score_rollups_refresh(ps, es, xs);
END $$;

CREATE FUNCTION score_rollups_after_scores() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ps bigint[]; es bigint[]; xs bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(k.period_id), array_agg(k.evaluatee_id), array_agg(k.indicator_id) INTO ps, es, xs
        FROM (SELECT DISTINCT n.period_id, n.evaluatee_id, t.indicator_id FROM new_rows n JOIN tasks t ON t.id = n.task_id) k;
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT array_agg(k.period_id), array_agg(k.evaluatee_id), array_agg(k.indicator_id) INTO ps, es, xs
        FROM (SELECT DISTINCT x.period_id, x.evaluatee_id, t.indicator_id
              FROM (SELECT period_id, evaluatee_id, task_id FROM new_rows
                    UNION SELECT period_id, evaluatee_id, task_id FROM old_rows) x
              JOIN tasks t ON t.id = x.task_id) k;
    ELSE
        -- A task deleted with its scores is handled by the tasks trigger.
        SELECT array_agg(k.period_id), array_agg(k.evaluatee_id), array_agg(k.indicator_id) INTO ps, es, xs
        FROM (SELECT DISTINCT o.period_id, o.evaluatee_id, t.indicator_id FROM old_rows o JOIN tasks t ON t.id = o.task_id) k;
    END IF;
    PERFORM score_rollups_refresh(ps, es, xs);
    RETURN NULL;
END $$;

CREATE TRIGGER score_rollups_scores_insert AFTER INSERT ON scores
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION score_rollups_after_scores();
CREATE TRIGGER score_rollups_scores_update AFTER UPDATE ON scores
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION score_rollups_after_scores();
CREATE TRIGGER score_rollups_scores_delete AFTER DELETE ON scores
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION score_rollups_after_scores();

-- The assignment matrix: the evaluatee × task's indicator, in every period.
CREATE FUNCTION score_rollups_after_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ps bigint[]; es bigint[]; xs bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(k.p), array_agg(k.e), array_agg(k.i) INTO ps, es, xs FROM (
            SELECT DISTINCT pe.id AS p, n.evaluatee_id AS e, t.indicator_id AS i
            FROM new_rows n JOIN tasks t ON t.id = n.task_id
            JOIN evaluatees ev ON ev.id = n.evaluatee_id JOIN periods pe ON pe.plan_id = ev.plan_id) k;
    ELSE
        SELECT array_agg(k.p), array_agg(k.e), array_agg(k.i) INTO ps, es, xs FROM (
            SELECT DISTINCT r.period_id AS p, r.evaluatee_id AS e, r.indicator_id AS i
            FROM score_rollups r JOIN (SELECT DISTINCT evaluatee_id FROM old_rows) o ON o.evaluatee_id = r.evaluatee_id) k;
    END IF;
    PERFORM score_rollups_refresh(ps, es, xs);
    RETURN NULL;
END $$;

CREATE TRIGGER score_rollups_assignments_insert AFTER INSERT ON assignments
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION score_rollups_after_assignments();
CREATE TRIGGER score_rollups_assignments_delete AFTER DELETE ON assignments
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION score_rollups_after_assignments();

-- Lead units decide which tasks count and how many scores each expects.
CREATE FUNCTION score_rollups_after_lead_units() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE xs bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT t.indicator_id) INTO xs FROM new_rows n JOIN tasks t ON t.id = n.task_id;
    ELSE
        SELECT array_agg(DISTINCT t.indicator_id) INTO xs FROM old_rows o JOIN tasks t ON t.id = o.task_id;
    END IF;
    IF xs IS NOT NULL THEN
        PERFORM score_rollups_refresh_indicators(xs);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER score_rollups_lead_units_insert AFTER INSERT ON task_lead_units
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION score_rollups_after_lead_units();
CREATE TRIGGER score_rollups_lead_units_delete AFTER DELETE ON task_lead_units
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION score_rollups_after_lead_units();

-- Task points and the indicator's points decide P_t and the shares; only a
-- change of points or of indicator matters (a task's text does not).
CREATE FUNCTION score_rollups_after_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE xs bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT n.indicator_id) INTO xs FROM new_rows n;
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT array_agg(DISTINCT x.i) INTO xs FROM (
            SELECT n.indicator_id AS i FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE n.points IS DISTINCT FROM o.points OR n.indicator_id <> o.indicator_id
            UNION
            SELECT o.indicator_id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE n.points IS DISTINCT FROM o.points OR n.indicator_id <> o.indicator_id) x;
    ELSE
        SELECT array_agg(DISTINCT o.indicator_id) INTO xs FROM old_rows o;
    END IF;
    IF xs IS NOT NULL THEN
        PERFORM score_rollups_refresh_indicators(xs);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER score_rollups_tasks_insert AFTER INSERT ON tasks
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION score_rollups_after_tasks();
CREATE TRIGGER score_rollups_tasks_update AFTER UPDATE ON tasks
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION score_rollups_after_tasks();
CREATE TRIGGER score_rollups_tasks_delete AFTER DELETE ON tasks
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION score_rollups_after_tasks();

CREATE FUNCTION score_rollups_after_indicators() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE xs bigint[];
BEGIN
    SELECT array_agg(n.id) INTO xs FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.points <> o.points;
    IF xs IS NOT NULL THEN
        PERFORM score_rollups_refresh_indicators(xs);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER score_rollups_indicators_update AFTER UPDATE ON indicators
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION score_rollups_after_indicators();

-- A new period starts with every evaluatee's carried points and no scores.
CREATE FUNCTION score_rollups_after_periods() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ps bigint[]; es bigint[]; xs bigint[];
BEGIN
    SELECT array_agg(n.id), array_agg(ev.id), array_agg(NULL::bigint) INTO ps, es, xs
    FROM new_rows n JOIN evaluatees ev ON ev.plan_id = n.plan_id;
    PERFORM score_rollups_refresh(ps, es, xs);
    RETURN NULL;
END $$;

CREATE TRIGGER score_rollups_periods_insert AFTER INSERT ON periods
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION score_rollups_after_periods();

-- score_rollups_rebuild recomputes every roll-up, for data loaded with
-- triggers off (session_replication_role = replica: the province fixture's
-- COPY). The table lock, not one advisory lock per key, keeps concurrent
-- refreshes out: they wait for it after their advisory lock, and this
-- takes no advisory lock, so neither waits for the other crosswise.
CREATE FUNCTION score_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE score_rollups IN EXCLUSIVE MODE;
    DELETE FROM score_rollups;
    INSERT INTO score_rollups
    SELECT * FROM score_rollups_of(
        (SELECT array_agg(pe.id ORDER BY pe.id, ev.id) FROM periods pe JOIN evaluatees ev ON ev.plan_id = pe.plan_id),
        (SELECT array_agg(ev.id ORDER BY pe.id, ev.id) FROM periods pe JOIN evaluatees ev ON ev.plan_id = pe.plan_id),
        (SELECT array_agg(NULL::bigint) FROM periods pe JOIN evaluatees ev ON ev.plan_id = pe.plan_id));
END $$;

-- Roll up what is already there.
SELECT score_rollups_rebuild();

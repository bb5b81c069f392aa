-- Dimension roll-ups (issue 9): a live preview ranking reads one row per
-- evaluatee × dimension instead of one per indicator × counted (0007's
-- score_rollups: at province scale 622 k rows for 660 k scores, as coarse
-- as the scores themselves).
--
-- One row per period × evaluatee × dimension × variant (drafts as in 0007)
-- holding what daily monitoring needs of the dimension (DESIGN §2.3), exact:
--   tasks        carried tasks with a lead unit,
--   points / denominator = Σ P_t over them,
--   earned / denominator = Σ s_t over them,
--   missing      lead units without a counted score.
-- P_t of a shared task is rest/open of its indicator and s_t is a mean over
-- the counted lead scores, so the sums are fractions; over the common
-- denominator (the lcm of each term's open × counted) both are exact
-- numerics. server/scoring divides them back into fractions.
--
-- The rows are computed from score_rollups (plus each indicator's rest and
-- open from the plan), so the per-indicator refresh that every trigger of
-- 0007 already calls keeps them too: score_rollups_refresh now ends by
-- refreshing the dimensions of its keys. `kaoping results verify` checks
-- score_rollups against raw rows and these against score_rollups.
CREATE TABLE dimension_rollups (
    period_id    bigint NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    evaluatee_id bigint NOT NULL REFERENCES evaluatees (id) ON DELETE CASCADE,
    dimension_id bigint NOT NULL REFERENCES dimensions (id) ON DELETE CASCADE,
    drafts       boolean NOT NULL,
    tasks        integer NOT NULL CHECK (tasks > 0),
    denominator  numeric NOT NULL CHECK (denominator > 0),
    points       numeric NOT NULL,
    earned       numeric NOT NULL,
    missing      integer NOT NULL,
    PRIMARY KEY (period_id, drafts, evaluatee_id, dimension_id)
);
CREATE INDEX dimension_rollups_evaluatee_idx ON dimension_rollups (evaluatee_id);
CREATE INDEX dimension_rollups_dimension_idx ON dimension_rollups (dimension_id);

-- The common denominator of a group of terms.
CREATE AGGREGATE dimension_rollups_lcm (numeric) (SFUNC = lcm, STYPE = numeric, INITCOND = '1');

-- dimension_rollups_of computes the rows of the given keys (period ×
-- evaluatee × dimension, dimension NULL for all of them) from score_rollups.
CREATE FUNCTION dimension_rollups_of(p_periods bigint[], p_evaluatees bigint[], p_dimensions bigint[])
RETURNS TABLE (period_id bigint, evaluatee_id bigint, dimension_id bigint, drafts boolean, tasks integer,
               denominator numeric, points numeric, earned numeric, missing integer)
LANGUAGE sql STABLE AS $$
WITH keys AS (
    SELECT DISTINCT k.p, k.e, k.d FROM unnest(p_periods, p_evaluatees, p_dimensions) AS k(p, e, d)
),
ind_rows AS (
    SELECT DISTINCT r.period_id, r.evaluatee_id, i.dimension_id, r.indicator_id, r.drafts, r.counted,
           r.tasks, r.explicit_points, r.shared_tasks, r.entered, r.full_shares, r.missing
    FROM keys k
    JOIN score_rollups r ON r.period_id = k.p AND r.evaluatee_id = k.e
    JOIN indicators i ON i.id = r.indicator_id AND (k.d IS NULL OR i.dimension_id = k.d)
),
shares AS (
    SELECT i.id AS indicator_id, greatest(i.points - coalesce(sum(t.points), 0), 0) AS rest,
           greatest((count(*) FILTER (WHERE t.points IS NULL))::numeric, 1) AS open
    FROM indicators i
    JOIN tasks t ON t.indicator_id = i.id
    WHERE i.id IN (SELECT DISTINCT indicator_id FROM ind_rows)
    GROUP BY i.id, i.points
),
-- Each row's Σ P_t and Σ s_t over den = open × counted:
--   Σ P_t · den = (explicit · open + shared · rest) · counted
--   Σ s_t · den = entered · open + full_shares · rest
-- (a task's s_t is (Σ entries + full shares · rest/open) / counted).
terms AS (
    SELECT r.period_id, r.evaluatee_id, r.dimension_id, r.drafts, r.tasks, r.missing,
           sh.open * greatest(r.counted, 1) AS den,
           (r.explicit_points * sh.open + r.shared_tasks * sh.rest) * greatest(r.counted, 1) AS pnum,
           r.entered * sh.open + r.full_shares * sh.rest AS earned_num
    FROM ind_rows r JOIN shares sh ON sh.indicator_id = r.indicator_id
),
common AS (
    SELECT t.*, dimension_rollups_lcm(t.den) OVER (PARTITION BY t.period_id, t.evaluatee_id, t.dimension_id, t.drafts) AS d
    FROM terms t
)
SELECT c.period_id, c.evaluatee_id, c.dimension_id, c.drafts, sum(c.tasks)::int, max(c.d),
       sum(c.pnum * div(c.d, c.den)), sum(c.earned_num * div(c.d, c.den)), sum(c.missing)::int
FROM common c
GROUP BY c.period_id, c.evaluatee_id, c.dimension_id, c.drafts
$$;

-- dimension_rollups_refresh recomputes the dimensions of score_rollups
-- keys (period × evaluatee × indicator; an indicator NULL or gone stands for
-- every dimension). The caller holds the keys' advisory locks.
CREATE FUNCTION dimension_rollups_refresh(p_periods bigint[], p_evaluatees bigint[], p_indicators bigint[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE ps bigint[]; es bigint[]; ds bigint[];
BEGIN
    SELECT array_agg(k.p), array_agg(k.e), array_agg(k.d) INTO ps, es, ds FROM (
        SELECT DISTINCT u.p, u.e, i.dimension_id AS d
        FROM unnest(p_periods, p_evaluatees, p_indicators) AS u(p, e, x)
        LEFT JOIN indicators i ON i.id = u.x) k;
    IF ps IS NULL THEN
        RETURN;
    END IF;
    DELETE FROM dimension_rollups r
    USING unnest(ps, es, ds) AS u(p, e, d)
    WHERE r.period_id = u.p AND r.evaluatee_id = u.e AND (u.d IS NULL OR r.dimension_id = u.d);
    INSERT INTO dimension_rollups SELECT * FROM dimension_rollups_of(ps, es, ds);
END $$;

-- 0007's refresh, now also refreshing the dimensions.
CREATE OR REPLACE FUNCTION score_rollups_refresh(p_periods bigint[], p_evaluatees bigint[], p_indicators bigint[])
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
    PERFORM dimension_rollups_refresh(p_periods, p_evaluatees, p_indicators);
END $$;

-- An indicator moved to another dimension leaves one dimension and joins
-- another: both are refreshed for every evaluatee of the plan.
CREATE OR REPLACE FUNCTION score_rollups_after_indicators() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE xs bigint[]; ps bigint[]; es bigint[]; ds bigint[];
BEGIN
    SELECT array_agg(n.id) INTO xs FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.points <> o.points;
    IF xs IS NOT NULL THEN
        PERFORM score_rollups_refresh_indicators(xs);
    END IF;
    SELECT array_agg(k.p), array_agg(k.e), array_agg(k.d) INTO ps, es, ds FROM (
        SELECT DISTINCT pe.id AS p, ev.id AS e, x.d
        FROM (SELECT n.dimension_id AS d FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.dimension_id <> o.dimension_id
              UNION SELECT o.dimension_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.dimension_id <> o.dimension_id) x
        JOIN dimensions dm ON dm.id = x.d
        JOIN periods pe ON pe.plan_id = dm.plan_id
        JOIN evaluatees ev ON ev.plan_id = dm.plan_id
        ORDER BY 1, 2) k;
    IF ps IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(k.p::int, k.e::int)
        FROM (SELECT DISTINCT u.p, u.e FROM unnest(ps, es) AS u(p, e) ORDER BY u.p, u.e) k;
        DELETE FROM dimension_rollups r USING unnest(ps, es, ds) AS u(p, e, d)
        WHERE r.period_id = u.p AND r.evaluatee_id = u.e AND r.dimension_id = u.d;
        INSERT INTO dimension_rollups SELECT * FROM dimension_rollups_of(ps, es, ds);
    END IF;
    RETURN NULL;
END $$;

-- The rebuild (data loaded with triggers off) rebuilds both levels, set
-- based: score_rollups_of and dimension_rollups_of join their key arrays
-- row by row, which suits a trigger's few keys and took minutes for a
-- province's 4,000. These are the same two computations over every key
-- (the rollups test rebuilds and compares with them).
CREATE OR REPLACE FUNCTION score_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE score_rollups IN EXCLUSIVE MODE;
    LOCK TABLE dimension_rollups IN EXCLUSIVE MODE;
    DELETE FROM dimension_rollups;
    DELETE FROM score_rollups;
    INSERT INTO score_rollups
    WITH leads AS (
        SELECT l.task_id, count(*)::int AS leads FROM task_lead_units l GROUP BY l.task_id
    ),
    shares AS (
        SELECT i.id AS indicator_id, greatest(i.points - coalesce(sum(t.points), 0), 0) AS rest,
               (count(*) FILTER (WHERE t.points IS NULL))::int AS open
        FROM indicators i JOIN tasks t ON t.indicator_id = i.id
        GROUP BY i.id, i.points
    ),
    carried AS (
        SELECT pe.id AS p, a.evaluatee_id AS e, t.id AS task_id, t.indicator_id, t.points, l.leads
        FROM assignments a
        JOIN evaluatees ev ON ev.id = a.evaluatee_id
        JOIN periods pe ON pe.plan_id = ev.plan_id
        JOIN tasks t ON t.id = a.task_id
        JOIN leads l ON l.task_id = t.id
    ),
    lead_scores AS (
        SELECT s.period_id, s.evaluatee_id, s.task_id, s.value, s.status
        FROM scores s JOIN task_lead_units l ON l.task_id = s.task_id AND l.unit_id = s.lead_unit_id
    ),
    entries AS (
        SELECT c.p, c.e, c.task_id, c.indicator_id, c.points, c.leads, v.drafts, s.value,
               s.task_id IS NOT NULL AND (v.drafts OR s.status = 'VERIFIED') AS counts,
               c.points IS NULL AND s.task_id IS NOT NULL
                   AND sh.open * (s.value - 0.005) <= sh.rest AND sh.rest < sh.open * (s.value + 0.005) AS full_share
        FROM carried c
        CROSS JOIN (VALUES (false), (true)) AS v(drafts)
        JOIN shares sh ON sh.indicator_id = c.indicator_id
        LEFT JOIN lead_scores s ON s.period_id = c.p AND s.evaluatee_id = c.e AND s.task_id = c.task_id
    ),
    per_task AS (
        SELECT p, e, task_id, indicator_id, points, leads, drafts,
               (count(*) FILTER (WHERE counts))::int AS counted,
               coalesce(sum(CASE WHEN points IS NOT NULL AND value = round(points, 2) THEN points ELSE value END)
                        FILTER (WHERE counts AND NOT full_share), 0) AS entered,
               (count(*) FILTER (WHERE counts AND full_share))::int AS full_shares
        FROM entries
        GROUP BY p, e, task_id, indicator_id, points, leads, drafts
    )
    SELECT p, e, indicator_id, drafts, counted, count(*)::int, coalesce(sum(points), 0),
           (count(*) FILTER (WHERE points IS NULL))::int, sum(entered), sum(full_shares)::int, sum(leads - counted)::int
    FROM per_task
    GROUP BY p, e, indicator_id, drafts, counted;

    INSERT INTO dimension_rollups
    WITH shares AS (
        SELECT i.id AS indicator_id, greatest(i.points - coalesce(sum(t.points), 0), 0) AS rest,
               greatest((count(*) FILTER (WHERE t.points IS NULL))::numeric, 1) AS open
        FROM indicators i JOIN tasks t ON t.indicator_id = i.id
        GROUP BY i.id, i.points
    ),
    terms AS (
        SELECT r.period_id, r.evaluatee_id, i.dimension_id, r.drafts, r.tasks, r.missing,
               sh.open * greatest(r.counted, 1) AS den,
               (r.explicit_points * sh.open + r.shared_tasks * sh.rest) * greatest(r.counted, 1) AS pnum,
               r.entered * sh.open + r.full_shares * sh.rest AS earned_num
        FROM score_rollups r
        JOIN indicators i ON i.id = r.indicator_id
        JOIN shares sh ON sh.indicator_id = r.indicator_id
    ),
    common AS (
        SELECT t.*, dimension_rollups_lcm(t.den) OVER (PARTITION BY t.period_id, t.evaluatee_id, t.dimension_id, t.drafts) AS d
        FROM terms t
    )
    SELECT c.period_id, c.evaluatee_id, c.dimension_id, c.drafts, sum(c.tasks)::int, max(c.d),
           sum(c.pnum * div(c.d, c.den)), sum(c.earned_num * div(c.d, c.den)), sum(c.missing)::int
    FROM common c
    GROUP BY c.period_id, c.evaluatee_id, c.dimension_id, c.drafts;
END $$;

-- Roll up what is already there.
SELECT score_rollups_rebuild();

-- The roll-up rebuild (issue 9: the province fixture in ≤ 30 s, of which
-- this took ~81 s) as one LANGUAGE sql function, set based in fewer passes.
--
-- 0016's plpgsql rebuild crossed every carried task with both variants
-- (drafts false and true) before joining the scores and grouped those
-- 1.5 M rows by seven columns, numeric points among them: with the default
-- work_mem every sort spilled. Here each lead score is classified once
-- (counts without drafts, counts with drafts, full marks on a share) and the
-- scores are summed per period × evaluatee × task for both variants in one
-- aggregation; carried tasks join those sums and only then split into the
-- two variants, which the final grouping by indicator and counted needs.
-- The numbers are those of score_rollups_of and dimension_rollups_of (the
-- roll-up tests rebuild and compare; `kaoping results verify` checks any
-- database), only computed over every key at once.
--
-- The caller (store.ReplaceScoreRollups) runs it in one transaction with
-- SET LOCAL work_mem and jit = off: JIT compiling these few big statements
-- cost seconds and saved none.
CREATE OR REPLACE FUNCTION score_rollups_rebuild() RETURNS void LANGUAGE sql AS $$
LOCK TABLE score_rollups, dimension_rollups IN EXCLUSIVE MODE;
DELETE FROM dimension_rollups;
DELETE FROM score_rollups;
WITH leads AS (
    SELECT l.task_id, count(*)::int AS leads FROM task_lead_units l GROUP BY l.task_id
),
shares AS (
    SELECT i.id AS indicator_id, greatest(i.points - coalesce(sum(t.points), 0), 0) AS rest,
           (count(*) FILTER (WHERE t.points IS NULL))::int AS open
    FROM indicators i JOIN tasks t ON t.indicator_id = i.id
    GROUP BY i.id, i.points
),
-- Each lead score once: what it adds to entered (full marks on a task with
-- points of their own count as those exact points) unless it is full marks
-- on a share (rest/open rounds half up to it), which is counted instead.
lead_scores AS (
    SELECT s.period_id, s.evaluatee_id, s.task_id, s.status = 'VERIFIED' AS verified,
           t.points IS NULL AND sh.open * (s.value - 0.005) <= sh.rest AND sh.rest < sh.open * (s.value + 0.005) AS full_share,
           CASE WHEN t.points IS NOT NULL AND s.value = round(t.points, 2) THEN t.points ELSE s.value END AS entry
    FROM scores s
    JOIN task_lead_units l ON l.task_id = s.task_id AND l.unit_id = s.lead_unit_id
    JOIN tasks t ON t.id = s.task_id
    JOIN shares sh ON sh.indicator_id = t.indicator_id
),
-- Both variants' sums per task in one pass.
task_sums AS (
    SELECT period_id, evaluatee_id, task_id,
           count(*) FILTER (WHERE verified)::int AS counted_v,
           count(*)::int AS counted_d,
           coalesce(sum(entry) FILTER (WHERE verified AND NOT full_share), 0) AS entered_v,
           coalesce(sum(entry) FILTER (WHERE NOT full_share), 0) AS entered_d,
           count(*) FILTER (WHERE verified AND full_share)::int AS full_v,
           count(*) FILTER (WHERE full_share)::int AS full_d
    FROM lead_scores
    GROUP BY period_id, evaluatee_id, task_id
),
carried AS (
    SELECT pe.id AS p, a.evaluatee_id AS e, t.id AS task_id, t.indicator_id, t.points, l.leads
    FROM assignments a
    JOIN evaluatees ev ON ev.id = a.evaluatee_id
    JOIN periods pe ON pe.plan_id = ev.plan_id
    JOIN tasks t ON t.id = a.task_id
    JOIN leads l ON l.task_id = t.id
),
per_task AS (
    SELECT c.p, c.e, c.indicator_id, c.points, c.leads, v.drafts,
           CASE WHEN v.drafts THEN coalesce(s.counted_d, 0) ELSE coalesce(s.counted_v, 0) END AS counted,
           CASE WHEN v.drafts THEN coalesce(s.entered_d, 0) ELSE coalesce(s.entered_v, 0) END AS entered,
           CASE WHEN v.drafts THEN coalesce(s.full_d, 0) ELSE coalesce(s.full_v, 0) END AS full_shares
    FROM carried c
    LEFT JOIN task_sums s ON s.period_id = c.p AND s.evaluatee_id = c.e AND s.task_id = c.task_id
    CROSS JOIN (VALUES (false), (true)) AS v(drafts)
),
-- The score roll-ups, stored and handed on to the dimension sums in the
-- same statement: a later statement would be planned, as a LANGUAGE sql
-- function plans its statements, before the table had any rows.
stored AS (
    INSERT INTO score_rollups
    SELECT p, e, indicator_id, drafts, counted, count(*)::int, coalesce(sum(points), 0),
           (count(*) FILTER (WHERE points IS NULL))::int, sum(entered), sum(full_shares)::int, sum(leads - counted)::int
    FROM per_task
    GROUP BY p, e, indicator_id, drafts, counted
    RETURNING *
),
dim_shares AS (
    SELECT i.id AS indicator_id, i.dimension_id, sh.rest, greatest(sh.open::numeric, 1) AS open
    FROM indicators i JOIN shares sh ON sh.indicator_id = i.id
),
terms AS (
    SELECT r.period_id, r.evaluatee_id, sh.dimension_id, r.drafts, r.tasks, r.missing,
           sh.open * greatest(r.counted, 1) AS den,
           (r.explicit_points * sh.open + r.shared_tasks * sh.rest) * greatest(r.counted, 1) AS pnum,
           r.entered * sh.open + r.full_shares * sh.rest AS earned_num
    FROM stored r
    JOIN dim_shares sh ON sh.indicator_id = r.indicator_id
),
-- The common denominator once per group, not once per row as a window.
dens AS (
    SELECT period_id, evaluatee_id, dimension_id, drafts, dimension_rollups_lcm(den) AS d
    FROM (SELECT DISTINCT period_id, evaluatee_id, dimension_id, drafts, den FROM terms) x
    GROUP BY period_id, evaluatee_id, dimension_id, drafts
)
INSERT INTO dimension_rollups
SELECT t.period_id, t.evaluatee_id, t.dimension_id, t.drafts, sum(t.tasks)::int, max(d.d),
       sum(t.pnum * div(d.d, t.den)), sum(t.earned_num * div(d.d, t.den)), sum(t.missing)::int
FROM terms t
JOIN dens d ON d.period_id = t.period_id AND d.evaluatee_id = t.evaluatee_id AND d.dimension_id = t.dimension_id
    AND d.drafts = t.drafts
GROUP BY t.period_id, t.evaluatee_id, t.dimension_id, t.drafts;
$$;

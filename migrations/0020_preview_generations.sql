-- Preview generations (issue 9: a live preview ranking's rowsJson within
-- 2× the published one's). A preview ranking is computed from the rows
-- below on every request; server/results keeps the encoded answer in
-- memory under the period's generation, and a generation names one state
-- of everything a preview ranking reads, so an answer kept under the
-- generation a reader finds is the answer it would compute.
--
-- Every write that can change a preview ranking gives the periods it
-- touches a new random generation, in the writing transaction, at commit:
-- the triggers below note the periods in preview_pending and a deferred
-- constraint trigger bumps them all in one statement in period order just
-- before COMMIT. So the generation row's lock is held only for the commit
-- itself (concurrent score saves of one period queue only there, not for
-- their whole transaction, and never wait crosswise: every transaction
-- locks its generation rows last and in one order). Random, not a counter:
-- a restore or a clone brings back a generation together with the very
-- rows it names, so one value never names two states.
--
-- What a preview ranking reads (server/results rankFromRollups): the
-- period; the plan's weights and missing-component rule; dimensions,
-- indicators, tasks; the group's evaluatees and their units' names and sort
-- keys; dimension_rollups (kept from scores, assignments, lead units and
-- points by the triggers of 0007/0016, so a score save bumps through
-- them); accepted field visits' findings on carried, led tasks; source
-- values. Plan-level tables bump every period of the plan. A missing row
-- (periods loaded with triggers off) is the zero generation; the set-based
-- rebuild, which runs with triggers off, bumps every period itself.
CREATE TABLE preview_generations (
    period_id  bigint PRIMARY KEY REFERENCES periods (id) ON DELETE CASCADE,
    generation uuid NOT NULL DEFAULT gen_random_uuid()
);
INSERT INTO preview_generations (period_id) SELECT id FROM periods;

-- The periods a transaction has touched and not yet bumped: its own rows
-- only (others' are uncommitted, hence invisible, and are gone by their
-- commit). Unlogged: after a crash there is nothing pending.
CREATE UNLOGGED TABLE preview_pending (
    xact      xid8 NOT NULL DEFAULT pg_current_xact_id(),
    period_id bigint NOT NULL
);

-- preview_bump gives the periods new generations, locking their rows in
-- period order in one statement.
CREATE FUNCTION preview_bump(p_periods bigint[]) RETURNS void LANGUAGE sql AS $$
INSERT INTO preview_generations (period_id, generation)
SELECT pe.id, gen_random_uuid() FROM periods pe WHERE pe.id = ANY (p_periods) ORDER BY pe.id
ON CONFLICT (period_id) DO UPDATE SET generation = excluded.generation
$$;

-- preview_touch notes periods for the bump at commit, once each.
CREATE FUNCTION preview_touch(p_periods bigint[]) RETURNS void LANGUAGE sql AS $$
INSERT INTO preview_pending (period_id)
SELECT DISTINCT u.p FROM unnest(p_periods) AS u(p)
WHERE u.p IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM preview_pending x WHERE x.xact = pg_current_xact_id() AND x.period_id = u.p)
$$;

CREATE FUNCTION preview_touch_plans(p_plans bigint[]) RETURNS void LANGUAGE sql AS $$
SELECT preview_touch(array(SELECT pe.id FROM periods pe WHERE pe.plan_id = ANY (p_plans)))
$$;

-- At commit (the first pending row's deferred event; the others find
-- nothing left): bump everything the transaction touched.
CREATE FUNCTION preview_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ps bigint[];
BEGIN
    WITH gone AS (DELETE FROM preview_pending WHERE xact = pg_current_xact_id() RETURNING period_id)
    SELECT array_agg(DISTINCT period_id) INTO ps FROM gone;
    IF ps IS NOT NULL THEN
        PERFORM preview_bump(ps);
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER preview_pending_flush AFTER INSERT ON preview_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION preview_flush();

-- Tables with a period_id of their own: the rows' periods.
CREATE FUNCTION preview_after_period_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM preview_touch(array(SELECT DISTINCT n.period_id FROM new_rows n));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM preview_touch(array(SELECT n.period_id FROM new_rows n UNION SELECT o.period_id FROM old_rows o));
    ELSE
        PERFORM preview_touch(array(SELECT DISTINCT o.period_id FROM old_rows o));
    END IF;
    RETURN NULL;
END $$;

-- Tables with a plan_id of their own (dimensions, evaluatees): every
-- period of the rows' plans.
CREATE FUNCTION preview_after_plan_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM preview_touch_plans(array(SELECT DISTINCT n.plan_id FROM new_rows n));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM preview_touch_plans(array(SELECT n.plan_id FROM new_rows n UNION SELECT o.plan_id FROM old_rows o));
    ELSE
        PERFORM preview_touch_plans(array(SELECT DISTINCT o.plan_id FROM old_rows o));
    END IF;
    RETURN NULL;
END $$;

-- Only accepted visits count, so a visit that is accepted neither before
-- nor after a write changes no ranking (planning, sync, submission).
CREATE FUNCTION preview_after_field_visits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM preview_touch(array(SELECT DISTINCT n.period_id FROM new_rows n WHERE n.status = 'ACCEPTED'));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM preview_touch(array(SELECT n.period_id FROM new_rows n WHERE n.status = 'ACCEPTED'
                                    UNION SELECT o.period_id FROM old_rows o WHERE o.status = 'ACCEPTED'));
    ELSE
        PERFORM preview_touch(array(SELECT DISTINCT o.period_id FROM old_rows o WHERE o.status = 'ACCEPTED'));
    END IF;
    RETURN NULL;
END $$;

-- A finding counts while its visit is accepted; a visit's status change is
-- the visit trigger's, and findings deleted with their visit go with it.
CREATE FUNCTION preview_after_field_findings() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE vs bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        vs := array(SELECT n.visit_id FROM new_rows n);
    ELSIF TG_OP = 'UPDATE' THEN
        vs := array(SELECT n.visit_id FROM new_rows n UNION SELECT o.visit_id FROM old_rows o);
    ELSE
        vs := array(SELECT o.visit_id FROM old_rows o);
    END IF;
    PERFORM preview_touch(array(SELECT DISTINCT v.period_id FROM field_visits v WHERE v.id = ANY (vs) AND v.status = 'ACCEPTED'));
    RETURN NULL;
END $$;

-- Assignments: the evaluatee's plan (rows deleted with their evaluatee or
-- task are the evaluatees' or tasks' trigger's).
CREATE FUNCTION preview_after_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE es bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        es := array(SELECT n.evaluatee_id FROM new_rows n);
    ELSIF TG_OP = 'UPDATE' THEN
        es := array(SELECT n.evaluatee_id FROM new_rows n UNION SELECT o.evaluatee_id FROM old_rows o);
    ELSE
        es := array(SELECT o.evaluatee_id FROM old_rows o);
    END IF;
    PERFORM preview_touch_plans(array(SELECT DISTINCT ev.plan_id FROM evaluatees ev WHERE ev.id = ANY (es)));
    RETURN NULL;
END $$;

-- Lead units: the task's plan.
CREATE FUNCTION preview_after_lead_units() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ts bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        ts := array(SELECT n.task_id FROM new_rows n);
    ELSIF TG_OP = 'UPDATE' THEN
        ts := array(SELECT n.task_id FROM new_rows n UNION SELECT o.task_id FROM old_rows o);
    ELSE
        ts := array(SELECT o.task_id FROM old_rows o);
    END IF;
    PERFORM preview_touch_plans(array(
        SELECT DISTINCT d.plan_id FROM tasks t JOIN indicators i ON i.id = t.indicator_id JOIN dimensions d ON d.id = i.dimension_id
        WHERE t.id = ANY (ts)));
    RETURN NULL;
END $$;

-- Tasks: the indicator's plan (tasks deleted with their indicator are the
-- indicators' trigger's).
CREATE FUNCTION preview_after_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE xs bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        xs := array(SELECT n.indicator_id FROM new_rows n);
    ELSIF TG_OP = 'UPDATE' THEN
        xs := array(SELECT n.indicator_id FROM new_rows n UNION SELECT o.indicator_id FROM old_rows o);
    ELSE
        xs := array(SELECT o.indicator_id FROM old_rows o);
    END IF;
    PERFORM preview_touch_plans(array(
        SELECT DISTINCT d.plan_id FROM indicators i JOIN dimensions d ON d.id = i.dimension_id WHERE i.id = ANY (xs)));
    RETURN NULL;
END $$;

-- Indicators: the dimension's plan.
CREATE FUNCTION preview_after_indicators() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ds bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        ds := array(SELECT n.dimension_id FROM new_rows n);
    ELSIF TG_OP = 'UPDATE' THEN
        ds := array(SELECT n.dimension_id FROM new_rows n UNION SELECT o.dimension_id FROM old_rows o);
    ELSE
        ds := array(SELECT o.dimension_id FROM old_rows o);
    END IF;
    PERFORM preview_touch_plans(array(SELECT DISTINCT d.plan_id FROM dimensions d WHERE d.id = ANY (ds)));
    RETURN NULL;
END $$;

-- Units: a ranking shows the name and orders ties by the sort key; other
-- columns (aliases, kind) show nowhere in it.
CREATE FUNCTION preview_after_units() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM preview_touch_plans(array(
        SELECT DISTINCT ev.plan_id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN evaluatees ev ON ev.unit_id = n.id
        WHERE n.name IS DISTINCT FROM o.name OR n.sort_key IS DISTINCT FROM o.sort_key));
    RETURN NULL;
END $$;

-- Plans (weights, the missing-component rule) and periods (state moves).
CREATE FUNCTION preview_after_plans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM preview_touch_plans(array(SELECT n.id FROM new_rows n));
    RETURN NULL;
END $$;

CREATE FUNCTION preview_after_periods() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO preview_generations (period_id) SELECT n.id FROM new_rows n ON CONFLICT DO NOTHING;
    ELSE
        PERFORM preview_touch(array(SELECT n.id FROM new_rows n));
    END IF;
    RETURN NULL;
END $$;

-- TRUNCATE (nothing in the code does it) bumps everything.
CREATE FUNCTION preview_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM preview_touch(array(SELECT pe.id FROM periods pe));
    RETURN NULL;
END $$;

-- Transition tables allow one event per trigger, hence three per table.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES
        ('dimension_rollups', 'preview_after_period_rows'),
        ('source_values', 'preview_after_period_rows'),
        ('field_visits', 'preview_after_field_visits'),
        ('field_findings', 'preview_after_field_findings'),
        ('assignments', 'preview_after_assignments'),
        ('task_lead_units', 'preview_after_lead_units'),
        ('tasks', 'preview_after_tasks'),
        ('indicators', 'preview_after_indicators'),
        ('dimensions', 'preview_after_plan_rows'),
        ('evaluatees', 'preview_after_plan_rows')) AS x(tbl, fn)
    LOOP
        EXECUTE format('CREATE TRIGGER preview_%1$s_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION %2$I()', t.tbl, t.fn);
        EXECUTE format('CREATE TRIGGER preview_%1$s_update AFTER UPDATE ON %1$I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION %2$I()', t.tbl, t.fn);
        EXECUTE format('CREATE TRIGGER preview_%1$s_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION %2$I()', t.tbl, t.fn);
        EXECUTE format('CREATE TRIGGER preview_%1$s_truncate AFTER TRUNCATE ON %1$I '
            'FOR EACH STATEMENT EXECUTE FUNCTION preview_after_truncate()', t.tbl);
    END LOOP;
END $$;

CREATE TRIGGER preview_units_update AFTER UPDATE ON units
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION preview_after_units();
CREATE TRIGGER preview_plans_update AFTER UPDATE ON plans
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION preview_after_plans();
CREATE TRIGGER preview_periods_insert AFTER INSERT ON periods
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION preview_after_periods();
CREATE TRIGGER preview_periods_update AFTER UPDATE ON periods
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION preview_after_periods();

-- The set-based rebuild (0017) runs with triggers off, so it bumps every
-- period itself; under its name, so every caller does.
ALTER FUNCTION score_rollups_rebuild() RENAME TO score_rollups_rebuild_rows;
CREATE FUNCTION score_rollups_rebuild() RETURNS void LANGUAGE sql AS $$
SELECT score_rollups_rebuild_rows();
SELECT preview_bump(array(SELECT pe.id FROM periods pe));
$$;

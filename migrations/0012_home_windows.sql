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

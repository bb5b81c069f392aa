-- A planned visit can be called off (wrong date, the unit merged, the
-- inspectors reassigned): it is kept as 已取消 with the reason in its
-- events, not deleted, so the plan's history and the audit trail stay whole.
ALTER TABLE field_visits DROP CONSTRAINT field_visits_status_check;
ALTER TABLE field_visits ADD CONSTRAINT field_visits_status_check
    CHECK (status IN ('PLANNED', 'SUBMITTED', 'ACCEPTED', 'RETURNED', 'CANCELLED'));

-- The audit chain forked under concurrent writes. The trigger did take an
-- advisory lock before reading the predecessor, but the record's id came
-- from the column default, drawn before the trigger ran: two transactions
-- could draw ids 10 and 11 and take the lock in the opposite order, so 11
-- chained onto 9 and 10 onto 11, and the chain read in id order (as
-- `audit verify` reads it) broke at both, with one predecessor used twice.
--
-- Now the id is drawn under the lock, which is held until commit: lock
-- order, id order, commit order and chain order are the same. The lock is
-- transaction-level and taken by the append itself, which every mutation
-- does last, so only the append and the commit are serialized, never the
-- rest of a request. An explicit id (a restore) is kept.
ALTER TABLE audit_log ALTER COLUMN id DROP DEFAULT;

CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    prev text;
BEGIN
    PERFORM pg_advisory_xact_lock(7402318115);
    IF NEW.id IS NULL THEN
        NEW.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
    END IF;
    SELECT hash INTO prev FROM audit_log ORDER BY id DESC LIMIT 1;
    NEW.prev_hash := coalesce(prev, '');
    NEW.hash := audit_record_hash(NEW.prev_hash, NEW);
    RETURN NEW;
END;
$$;

-- The audit log is filtered by unit, and the auditor's unit list is the
-- units that appear in it.
CREATE INDEX audit_log_unit_idx ON audit_log (unit_id);

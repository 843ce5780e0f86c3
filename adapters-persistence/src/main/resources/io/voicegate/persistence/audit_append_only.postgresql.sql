-- audit_events is append-only for real: every UPDATE is refused, and so is any DELETE of an event younger than the
-- audit retention period (audit_settings.retention_days) and any TRUNCATE. Only the retention sweep deletes, and
-- only what is old enough.
CREATE FUNCTION audit_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    days INTEGER;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'audit_events is append-only: UPDATE refused' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'audit_events is append-only: TRUNCATE refused' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    SELECT retention_days INTO days FROM audit_settings WHERE id = 1;
    IF days IS NULL THEN
        days := 730;
    END IF;
    IF OLD.occurred_at > now() - make_interval(days => days) THEN
        RAISE EXCEPTION 'audit event is younger than the % day retention period: DELETE refused', days
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
END
$$;

CREATE TRIGGER audit_events_append_only
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_guard();

CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_guard();

-- The consent history is append-only too: answers are never rewritten (erasure deletes a person's rows).
CREATE FUNCTION consents_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'consents is append-only: UPDATE refused' USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER consents_append_only
    BEFORE UPDATE ON consents
    FOR EACH ROW EXECUTE FUNCTION consents_guard();

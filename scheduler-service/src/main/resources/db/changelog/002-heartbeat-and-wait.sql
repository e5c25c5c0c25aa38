--liquibase formatted sql

--changeset operations:002-heartbeat
-- One row per periodic task: when it next runs (database clock), which replica holds it, and
-- what its last run did. Claiming a run is a conditional UPDATE of next_run, so each run happens
-- on exactly one replica.
CREATE TABLE heartbeat (
    name             text        PRIMARY KEY,
    next_run         timestamptz NOT NULL DEFAULT now(),
    locked_by        text,
    locked_until     timestamptz,
    runs             bigint      NOT NULL DEFAULT 0,
    last_started     timestamptz,
    last_duration_ms bigint,
    last_counts      jsonb,
    last_error       text,
    last_replica     text
);

--changeset operations:002-wait
-- WAIT operations: when the current wait ends and how many waits they have had.
ALTER TABLE operation ADD COLUMN wait_until timestamptz;
ALTER TABLE operation ADD COLUMN wait_count integer NOT NULL DEFAULT 0;
CREATE INDEX operation_waiting ON operation (wait_until) WHERE status = 'WAIT';

-- Retention of finished work: oldest SUCCESS and CANCELLED rows by updated.
CREATE INDEX operation_finished_updated ON operation (updated) WHERE status IN ('SUCCESS', 'CANCELLED');

--liquibase formatted sql

--changeset operations:001-operation-table
CREATE TABLE operation (
    id               uuid        PRIMARY KEY,
    trigger_function text        NOT NULL,
    inputs           jsonb       NOT NULL,
    status           text        NOT NULL,
    priority         integer     NOT NULL DEFAULT 0,
    retry_counter    integer     NOT NULL DEFAULT 0,
    max_retries      integer     NOT NULL,
    run_at           timestamptz NOT NULL DEFAULT now(),
    result           jsonb,
    error_info       jsonb,
    owner            text        NOT NULL,
    idempotency_key  text,
    created          timestamptz NOT NULL DEFAULT now(),
    updated          timestamptz NOT NULL DEFAULT now(),
    started          timestamptz,
    last_touched     timestamptz,
    worker_id        text,
    CONSTRAINT operation_status_known CHECK (status IN
        ('PENDING', 'QUEUED', 'PROCESSING', 'WAIT', 'SUCCESS', 'FAILED', 'CANCELLED')),
    CONSTRAINT operation_inputs_object CHECK (jsonb_typeof(inputs) = 'object'),
    CONSTRAINT operation_retries_positive CHECK (max_retries >= 1 AND retry_counter >= 0)
);

-- The dispatch claim: due PENDING rows by priority, then runAt. Partial, so it stays small however
-- many finished rows the table keeps.
CREATE INDEX operation_due ON operation (priority DESC, run_at) WHERE status = 'PENDING';

-- Rescue of QUEUED/PROCESSING rows whose worker went quiet.
CREATE INDEX operation_in_flight ON operation (last_touched) WHERE status IN ('QUEUED', 'PROCESSING');

-- Status and function filters of the list endpoint (keyset on id), and the count matrix, which
-- reads only this index.
CREATE INDEX operation_status_function ON operation (status, trigger_function, id);
CREATE INDEX operation_function ON operation (trigger_function, id);
CREATE INDEX operation_owner ON operation (owner, id);

-- Failed-operation clean-up: oldest FAILED rows by updated.
CREATE INDEX operation_failed_updated ON operation (updated) WHERE status = 'FAILED';

-- A second submit with the same key by the same owner returns the first operation.
CREATE UNIQUE INDEX operation_idempotency ON operation (owner, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- The history store: a read model of ops.status, ops.audit and ops.deployments (docs/operations.md, "History").
-- Kafka is the source of truth; every row here is an idempotent upsert of a record from those topics.

-- One row per operation: its newest snapshot (the same forward-only rule as the api's view), plus the columns the
-- history is searched by. list_changes reads the deploys and rollbacks among them; get_operation reads the snapshot.
CREATE TABLE operations (
    id            text        PRIMARY KEY,
    tenant        text,
    type          text        NOT NULL,
    service       text,
    environment   text,
    status        text        NOT NULL,
    status_rank   smallint    NOT NULL,
    terminal      boolean     NOT NULL,
    attempt       integer     NOT NULL,
    requested_by  text,
    version       text,
    from_version  text,
    reason        text,
    approvals     smallint    NOT NULL DEFAULT 0,
    approved_by   text,
    approved_at   timestamptz,
    error_code    text,
    error_message text,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz,
    finished_at   timestamptz,
    snapshot      jsonb       NOT NULL
);

-- "What changed in <environment> lately": newest first within a tenant, one index per common filter. Partial: only
-- deploys and rollbacks are changes, so log and metric fetches do not weigh on these indexes.
CREATE INDEX operations_changes_by_time ON operations (tenant, created_at, id)
    WHERE type IN ('deploy', 'rollback');
CREATE INDEX operations_changes_by_environment ON operations (tenant, environment, created_at, id)
    WHERE type IN ('deploy', 'rollback');
CREATE INDEX operations_changes_by_service ON operations (tenant, service, created_at, id)
    WHERE type IN ('deploy', 'rollback');
CREATE INDEX operations_changes_by_requester ON operations (tenant, requested_by, created_at, id)
    WHERE type IN ('deploy', 'rollback');
CREATE INDEX operations_reason_words ON operations USING gin (to_tsvector('simple', reason));
-- Retention deletes by age.
CREATE INDEX operations_created ON operations (created_at);

-- Every line of ops.audit, keyed by the event's id (or its Kafka coordinates for events written without one).
CREATE TABLE audit_events (
    id             text        PRIMARY KEY,
    at             timestamptz NOT NULL,
    action         text        NOT NULL,
    principal      text,
    tenant         text,
    client_address text,
    tool           text,
    operation_id   text,
    operation_type text,
    target         text,
    service        text,
    environment    text,
    arguments      jsonb,
    outcome        text,
    detail         text
);

CREATE INDEX audit_events_by_time ON audit_events (tenant, at, id);
CREATE INDEX audit_events_by_environment ON audit_events (tenant, environment, at, id);
CREATE INDEX audit_events_by_principal ON audit_events (tenant, principal, at, id);
CREATE INDEX audit_events_by_operation ON audit_events (operation_id);
CREATE INDEX audit_events_at ON audit_events (at);

-- Every entry of every target's deployment history (ops.deployments), with the version that was live before it.
CREATE TABLE deployment_events (
    operation_id text        NOT NULL,
    kind         text        NOT NULL,
    at           timestamptz NOT NULL,
    service      text        NOT NULL,
    environment  text        NOT NULL,
    version      text,
    from_version text,
    outcome      text,
    reason       text,
    via          text,
    requested_by text,
    worker       text,
    PRIMARY KEY (operation_id, kind, at)
);

CREATE INDEX deployment_events_by_target ON deployment_events (service, environment, at);
CREATE INDEX deployment_events_at ON deployment_events (at);

-- How far the store has read each partition: written in the same transaction as the rows, so a position never runs
-- ahead of what is stored. Deleting these rows (a rebuild) makes every api instance read the topics again. A position
-- belongs to one incarnation of its topic (Kafka's topic id): a topic deleted and created again starts from zero.
CREATE TABLE ingest_positions (
    topic       text    NOT NULL,
    partition   integer NOT NULL,
    next_offset bigint  NOT NULL,
    topic_id    text,
    PRIMARY KEY (topic, partition)
);

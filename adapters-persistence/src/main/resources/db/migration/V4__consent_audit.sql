-- Consent history, the audit trail and its pseudonym keys. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL;
-- on PostgreSQL, migration 4.1 (AuditAppendOnly, Java) adds the trigger that keeps audit_events append-only.

-- Append-only: one row per answer; the latest per (user, purpose) wins.
CREATE TABLE consents (
    id              UUID         NOT NULL PRIMARY KEY,
    user_id         UUID         NOT NULL,
    purpose         VARCHAR(64)  NOT NULL,
    policy_version  INTEGER      NOT NULL CHECK (policy_version >= 1),
    granted         BOOLEAN      NOT NULL,
    answered_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    ip_hash         VARCHAR(64)
);
CREATE INDEX consents_user_purpose_idx ON consents (user_id, purpose, answered_at);

-- Actor and subject are pseudonyms, never user ids or e-mail addresses; the client address only as a keyed hash.
CREATE TABLE audit_events (
    id             UUID          NOT NULL PRIMARY KEY,
    actor          VARCHAR(100)  NOT NULL,
    subject        VARCHAR(100),
    action         VARCHAR(100)  NOT NULL,
    resource_type  VARCHAR(100)  NOT NULL,
    resource_id    VARCHAR(200),
    outcome        VARCHAR(16)   NOT NULL,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    request_id     VARCHAR(200)  NOT NULL,
    ip_hash        VARCHAR(64),
    detail         VARCHAR(500)
);
CREATE INDEX audit_events_subject_idx ON audit_events (subject, occurred_at, id);
CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at);

-- The per-user pseudonym key: deleting a row makes that person's remaining audit events anonymous.
CREATE TABLE audit_pseudonyms (
    user_id     UUID          NOT NULL PRIMARY KEY,
    pseudonym   VARCHAR(100)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX audit_pseudonyms_pseudonym_uq ON audit_pseudonyms (pseudonym);

-- One row: how long audit events must be kept (RETENTION_AUDIT_DAYS, written by the server at start-up). The
-- PostgreSQL trigger reads it to refuse deleting younger events.
CREATE TABLE audit_settings (
    id              INTEGER  NOT NULL PRIMARY KEY CHECK (id = 1),
    retention_days  INTEGER  NOT NULL CHECK (retention_days >= 1)
);
INSERT INTO audit_settings (id, retention_days) VALUES (1, 730);

-- Identity: how a user signs in (a password hash and/or one external identity), and refresh tokens (hashes only).
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
ALTER TABLE users ADD COLUMN password_hash VARCHAR(255);
ALTER TABLE users ADD COLUMN external_issuer VARCHAR(500);
ALTER TABLE users ADD COLUMN external_subject VARCHAR(255);

CREATE UNIQUE INDEX users_external_uq ON users (external_issuer, external_subject);

CREATE TABLE refresh_tokens (
    token_hash  CHAR(64)     NOT NULL PRIMARY KEY,
    family_id   UUID         NOT NULL,
    user_id     UUID         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    revoked     BOOLEAN      NOT NULL DEFAULT FALSE
);

CREATE INDEX refresh_tokens_family_ix ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_ix ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_expires_ix ON refresh_tokens (expires_at);

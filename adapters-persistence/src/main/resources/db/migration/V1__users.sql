-- Users are the root everything else hangs on. Ids are UUIDs, timestamps UTC.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE users (
    id            UUID         NOT NULL PRIMARY KEY,
    email         VARCHAR(320),
    display_name  VARCHAR(200),
    locale        VARCHAR(35),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE UNIQUE INDEX users_email_uq ON users (email);

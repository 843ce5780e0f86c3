-- Voice sessions, their transcript turns and usage records (issue 4). Ids are UUIDs, timestamps UTC.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL. Deleting a user deletes their sessions, turns and usage.
CREATE TABLE voice_sessions (
    id                 UUID          NOT NULL PRIMARY KEY,
    user_id            UUID          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider           VARCHAR(64)   NOT NULL,
    mode               VARCHAR(16)   NOT NULL,
    model              VARCHAR(200),
    voice              VARCHAR(200),
    metadata           VARCHAR(8192) NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    end_reason         VARCHAR(32),
    transcript_stored  BOOLEAN       NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at         TIMESTAMP WITH TIME ZONE,
    ended_at           TIMESTAMP WITH TIME ZONE,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT voice_sessions_status_ck CHECK (status IN ('created', 'active', 'ended', 'expired', 'failed'))
);

-- GET /api/v1/sessions: a user's sessions newest first, optionally by status.
CREATE INDEX voice_sessions_user_created_idx ON voice_sessions (user_id, created_at DESC, id DESC);
CREATE INDEX voice_sessions_user_status_created_idx ON voice_sessions (user_id, status, created_at DESC, id DESC);
-- The sweeper and start-up recovery: CREATED by expiry, ACTIVE by start.
CREATE INDEX voice_sessions_status_expires_idx ON voice_sessions (status, expires_at);
CREATE INDEX voice_sessions_status_started_idx ON voice_sessions (status, started_at);

CREATE TABLE transcript_turns (
    session_id  UUID           NOT NULL REFERENCES voice_sessions (id) ON DELETE CASCADE,
    item_id     VARCHAR(200)   NOT NULL,
    role        VARCHAR(16)    NOT NULL,
    text        VARCHAR(65536) NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Idempotent appends: a replayed turn (same provider item id) is never stored twice.
    CONSTRAINT transcript_turns_pk PRIMARY KEY (session_id, item_id)
);

CREATE INDEX transcript_turns_order_idx ON transcript_turns (session_id, started_at, ended_at, item_id);

CREATE TABLE usage_records (
    id                 UUID             NOT NULL PRIMARY KEY,
    session_id         UUID             NOT NULL REFERENCES voice_sessions (id) ON DELETE CASCADE,
    user_id            UUID             NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider           VARCHAR(64)      NOT NULL,
    model              VARCHAR(200)     NOT NULL,
    recorded_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    audio_seconds_in   DOUBLE PRECISION NOT NULL,
    audio_seconds_out  DOUBLE PRECISION NOT NULL,
    text_tokens_in     BIGINT           NOT NULL,
    text_tokens_out    BIGINT           NOT NULL,
    audio_tokens_in    BIGINT           NOT NULL,
    audio_tokens_out   BIGINT           NOT NULL,
    characters         BIGINT           NOT NULL
);

CREATE INDEX usage_records_user_recorded_idx ON usage_records (user_id, recorded_at);
CREATE INDEX usage_records_session_idx ON usage_records (session_id, recorded_at);

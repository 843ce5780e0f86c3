-- ElevenLabs (issue 6): how an agent's tool calls and a provider's post-call reports find their session, what the
-- report says the call cost, and the call audio when STORE_AUDIO=true. Everything goes with its session (erasure,
-- retention). Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
ALTER TABLE voice_sessions ADD COLUMN session_ref VARCHAR(22);
ALTER TABLE voice_sessions ADD COLUMN provider_conversation_id VARCHAR(300);
ALTER TABLE voice_sessions ADD COLUMN provider_cost DECIMAL(19, 6);
ALTER TABLE voice_sessions ADD COLUMN provider_cost_unit VARCHAR(32);

-- A reference names one session forever; several NULLs are allowed (sessions minted without one).
CREATE UNIQUE INDEX voice_sessions_session_ref_ux ON voice_sessions (session_ref);
CREATE INDEX voice_sessions_conversation_ix ON voice_sessions (provider, provider_conversation_id);

CREATE TABLE call_audio (
    session_id   UUID         NOT NULL PRIMARY KEY REFERENCES voice_sessions (id) ON DELETE CASCADE,
    media_type   VARCHAR(100) NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    audio        BYTEA        NOT NULL
);

-- Token usage of the OpenAI-compatible REST endpoints (issue 5): one row per API call outside any voice session that
-- reported usage (chat completions today). Personal data: exported, erased with the user, deleted by the retention
-- sweep after the session retention period. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE api_usage_records (
    id                 UUID         NOT NULL PRIMARY KEY,
    user_id            UUID         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider           VARCHAR(64)  NOT NULL,
    endpoint           VARCHAR(32)  NOT NULL,
    model              VARCHAR(200) NOT NULL,
    recorded_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    prompt_tokens      BIGINT       NOT NULL,
    completion_tokens  BIGINT       NOT NULL,
    CONSTRAINT api_usage_records_endpoint_ck CHECK (endpoint IN ('chat_completions')),
    CONSTRAINT api_usage_records_tokens_ck CHECK (prompt_tokens >= 0 AND completion_tokens >= 0)
);

-- GET /api/v1/usage and the export: a user's rows by time; the retention sweep: the oldest rows first.
CREATE INDEX api_usage_records_user_recorded_idx ON api_usage_records (user_id, recorded_at);
CREATE INDEX api_usage_records_recorded_idx ON api_usage_records (recorded_at, id);

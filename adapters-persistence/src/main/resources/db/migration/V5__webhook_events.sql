-- Provider webhook events already processed (so a replay changes nothing), and authentic post-call events that
-- arrived before their session was known, kept with their verified raw body until they can be matched.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE webhook_events (
    event_key   VARCHAR(400) NOT NULL PRIMARY KEY,
    claimed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE unmatched_webhooks (
    event_key        VARCHAR(400) NOT NULL PRIMARY KEY,
    provider         VARCHAR(40)  NOT NULL,
    conversation_id  VARCHAR(300) NOT NULL,
    session_ref      VARCHAR(22),
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    body             BYTEA        NOT NULL
);

CREATE INDEX unmatched_webhooks_conversation_ix ON unmatched_webhooks (provider, conversation_id);
CREATE INDEX unmatched_webhooks_session_ref_ix ON unmatched_webhooks (session_ref);
CREATE INDEX webhook_events_claimed_at_ix ON webhook_events (claimed_at);
CREATE INDEX unmatched_webhooks_received_at_ix ON unmatched_webhooks (received_at);

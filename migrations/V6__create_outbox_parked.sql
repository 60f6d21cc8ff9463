-- The relay's parking lot: outbox rows the broker refused for good (a record too large for the
-- topic, an invalid or deleted topic, denied authorization), or that kept failing while the rows
-- around them were published. The relay moves such a row here with the error, in one statement,
-- and goes on with the rows behind it. A row is re-driven by moving it back into outbox (README,
-- "Relay parking lot"); it then gets a new id, so it is published after everything already queued.
CREATE TABLE outbox_parked (
    id            BIGINT      NOT NULL,
    topic         TEXT        NOT NULL,
    record_key    BYTEA,
    event_id      UUID        NOT NULL,
    event_type    TEXT        NOT NULL,
    causation_id  TEXT,
    payload       BYTEA,
    state_topic   TEXT,
    state_payload BYTEA,
    headers       JSONB,
    created_at    TIMESTAMPTZ NOT NULL,
    parked_at     TIMESTAMPTZ NOT NULL,
    error         TEXT        NOT NULL,
    CONSTRAINT outbox_parked_pkey PRIMARY KEY (id),
    CONSTRAINT outbox_parked_error_length_check CHECK (char_length(error) BETWEEN 1 AND 1000)
);

-- The idempotency ledger and the transactional outbox.

-- One row per command read, written in the same transaction as its effect. command_id is the
-- command's UUID; a record without a usable id (undecodable, or an id that is not a UUID) is
-- keyed by its position '<topic>/<partition>/<offset>' so a redelivery is still recognised.
CREATE TABLE processed_events (
    command_id   TEXT        NOT NULL,
    topic        TEXT        NOT NULL,
    partition    INTEGER     NOT NULL,
    "offset"     BIGINT      NOT NULL,
    outcome      TEXT        NOT NULL,
    reason       TEXT,
    issued_by    TEXT,
    processed_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT processed_events_pkey PRIMARY KEY (command_id),
    CONSTRAINT processed_events_command_id_length_check CHECK (char_length(command_id) BETWEEN 1 AND 300),
    CONSTRAINT processed_events_outcome_check CHECK (outcome IN ('APPLIED', 'NO_EFFECT', 'REJECTED', 'DEAD_LETTERED'))
);

-- Records waiting to be published. id gives the publish order; the payload is already in the
-- Confluent wire format (or the raw bytes of a dead-lettered record); NULL payload = tombstone.
-- Headers event_id, event_type and causation_id come from their columns; headers holds only
-- extra ones (a dead letter's origin). An entity change carries its companion record, the
-- entity's new state (state_topic, state_payload; NULL payload = tombstone), published right
-- after the event with the same key: one row instead of two.
CREATE TABLE outbox (
    id            BIGINT GENERATED ALWAYS AS IDENTITY,
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
    CONSTRAINT outbox_pkey PRIMARY KEY (id)
);

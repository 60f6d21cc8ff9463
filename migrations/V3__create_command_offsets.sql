-- Where each consumer group goes on reading tag-commands: the next offset per (group, topic,
-- partition), written in the same transaction as the effects of the records before it (Kafka's
-- pattern for storing offsets outside Kafka). The consumer seeks here when it is assigned a
-- partition, so a database restored from a backup resumes right after the last command it holds,
-- whatever offsets the group committed in Kafka (those go on being committed, for lag monitoring).
CREATE TABLE command_offsets (
    group_id    TEXT        NOT NULL,
    topic       TEXT        NOT NULL,
    partition   INTEGER     NOT NULL,
    next_offset BIGINT      NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT command_offsets_pkey PRIMARY KEY (group_id, topic, partition),
    CONSTRAINT command_offsets_partition_check CHECK (partition >= 0),
    CONSTRAINT command_offsets_next_offset_check CHECK (next_offset >= 0)
);

-- The resume point of a partition that has no row yet (a database from before this table): right
-- after the last command claimed from it. Also what retention prunes claims by.
CREATE INDEX processed_events_position_idx ON processed_events (topic, partition, "offset");

-- Later copies of a claimed command: the same command id read again at another position (a
-- producer that sent it twice). Retention keeps a claim while the topic holds any copy of its
-- command, so a re-read of a later copy (a replay, a restore) still finds the claim after the
-- first copy has left the topic.
CREATE TABLE claim_copies (
    command_id TEXT    NOT NULL,
    topic      TEXT    NOT NULL,
    partition  INTEGER NOT NULL,
    "offset"   BIGINT  NOT NULL,
    CONSTRAINT claim_copies_pkey PRIMARY KEY (command_id, topic, partition, "offset"),
    CONSTRAINT claim_copies_command_id_fkey FOREIGN KEY (command_id)
        REFERENCES processed_events (command_id) ON DELETE CASCADE
);

-- retention deletes the copies that left the topic, partition by partition
CREATE INDEX claim_copies_position_idx ON claim_copies (topic, partition, "offset");

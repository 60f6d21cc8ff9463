-- The relay's leadership term. The leader holds a PostgreSQL advisory lock on its own session; this
-- row adds what the lock cannot give: an epoch that grows with every new leader, and a lease the
-- leader renews. A standby that finds the lease expired (a leader frozen or cut off while its
-- session lives on) terminates the holder's session and takes over with the next epoch.
CREATE TABLE relay_leader (
    id         SMALLINT    NOT NULL,
    epoch      BIGINT      NOT NULL,
    holder     TEXT,
    renewed_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT relay_leader_pkey PRIMARY KEY (id),
    CONSTRAINT relay_leader_single_row_check CHECK (id = 1),
    CONSTRAINT relay_leader_epoch_check CHECK (epoch >= 0),
    CONSTRAINT relay_leader_holder_length_check CHECK (char_length(holder) <= 200)
);

INSERT INTO relay_leader (id, epoch, holder, renewed_at) VALUES (1, 0, NULL, '-infinity');

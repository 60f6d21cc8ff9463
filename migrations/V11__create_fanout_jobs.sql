-- A rename or delete of a tag carried by many entities no longer changes every entity in the
-- command's transaction. The command retires the tag's row (a rename moves the live tag to a new
-- row with the new name) and records a fan-out job; the entities still assigned to the retired row
-- are the job's pending work, changed in bounded chunks by a background worker, or by the batch of
-- any later command of such an entity, first.

-- retired: the row no longer is the tag of its name; its assignments await their fan-out.
-- successor_id: for a retired row, the live row its tag is now (NULL once the tag was deleted).
-- pending_changes: for a retired row, how many entity changes each of its assignments still owes
-- (one per rename or delete after it), so that readers can tell an entity's version to come.
ALTER TABLE tags ADD COLUMN retired BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE tags ADD COLUMN successor_id BIGINT;
ALTER TABLE tags ADD COLUMN pending_changes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tags ADD CONSTRAINT tags_pending_changes_check CHECK (pending_changes >= 0);
ALTER TABLE tags ADD CONSTRAINT tags_live_successor_check CHECK (retired OR successor_id IS NULL);

-- Names are unique among live tags only: a retired row keeps the name it had, and the name may be
-- taken again (a new tag) while the fan-out of the old one runs.
ALTER TABLE tags DROP CONSTRAINT tags_normalized_name_key;
CREATE UNIQUE INDEX tags_normalized_name_live_idx ON tags (normalized_name) WHERE NOT retired;
CREATE INDEX tags_successor_idx ON tags (successor_id) WHERE retired;

-- One job per retired row, in the order the renames and deletes were applied (id). An entity's
-- pending jobs are always applied together, in id order, so its versions follow the commands.
CREATE TABLE fanout_jobs (
    id           BIGINT GENERATED ALWAYS AS IDENTITY,
    tag_id       BIGINT      NOT NULL,
    successor_id BIGINT,
    command_id   UUID        NOT NULL,
    issued_by    TEXT        NOT NULL,
    source       TEXT        NOT NULL,
    applied_at   TIMESTAMPTZ NOT NULL,
    entity_count BIGINT      NOT NULL,
    CONSTRAINT fanout_jobs_pkey PRIMARY KEY (id),
    CONSTRAINT fanout_jobs_tag_id_key UNIQUE (tag_id),
    CONSTRAINT fanout_jobs_entity_count_check CHECK (entity_count > 0)
);

-- a job finishes only after the job that led into its row
CREATE INDEX fanout_jobs_successor_idx ON fanout_jobs (successor_id);

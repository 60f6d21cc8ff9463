-- Tags, per-entity assignments and versions: the state tag-processor owns.

CREATE TABLE tags (
    id              BIGINT GENERATED ALWAYS AS IDENTITY,
    normalized_name TEXT        NOT NULL,
    display_name    TEXT        NOT NULL,
    description     TEXT,
    color           TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    created_by      TEXT        NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    updated_by      TEXT        NOT NULL,
    CONSTRAINT tags_pkey PRIMARY KEY (id),
    CONSTRAINT tags_normalized_name_key UNIQUE (normalized_name),
    CONSTRAINT tags_normalized_name_length_check CHECK (char_length(normalized_name) BETWEEN 1 AND 64),
    CONSTRAINT tags_display_name_length_check CHECK (char_length(display_name) BETWEEN 1 AND 64),
    CONSTRAINT tags_description_length_check CHECK (description IS NULL OR char_length(description) <= 500),
    CONSTRAINT tags_color_format_check CHECK (color IS NULL OR color ~ '^#[0-9A-Fa-f]{6}$')
);

-- text_pattern_ops serves "tags by prefix" (LIKE 'abc%') whatever the database collation
CREATE INDEX tags_normalized_name_prefix_idx ON tags (normalized_name text_pattern_ops);

CREATE TABLE entities (
    entity_type TEXT        NOT NULL,
    entity_id   TEXT        NOT NULL,
    version     BIGINT      NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT entities_pkey PRIMARY KEY (entity_type, entity_id),
    CONSTRAINT entities_entity_type_format_check CHECK (entity_type ~ '^[a-z0-9_.-]{1,64}$'),
    CONSTRAINT entities_entity_id_length_check CHECK (char_length(entity_id) BETWEEN 1 AND 128),
    CONSTRAINT entities_version_positive_check CHECK (version > 0)
);

CREATE TABLE entity_tags (
    entity_type TEXT        NOT NULL,
    entity_id   TEXT        NOT NULL,
    tag_id      BIGINT      NOT NULL,
    assigned_by TEXT        NOT NULL,
    assigned_at TIMESTAMPTZ NOT NULL,
    source      TEXT        NOT NULL,
    command_id  UUID        NOT NULL,
    CONSTRAINT entity_tags_pkey PRIMARY KEY (entity_type, entity_id, tag_id),
    CONSTRAINT entity_tags_entity_fkey FOREIGN KEY (entity_type, entity_id)
        REFERENCES entities (entity_type, entity_id)
    -- No foreign key to tags, on purpose: its check locks the tag row (FOR KEY SHARE) for every
    -- assignment written, so concurrent batches would queue on popular tags. Instead a tag is only
    -- renamed or deleted under the exclusive tag-structure advisory lock, which every batch that
    -- assigns holds shared, and deleting a tag deletes its assignments first.
);

-- "a tag's entities", paginated by entity key
CREATE INDEX entity_tags_tag_entity_idx ON entity_tags (tag_id, entity_type, entity_id);

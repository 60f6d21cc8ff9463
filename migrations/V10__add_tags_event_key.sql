-- The Kafka key of a tag's own events (TagDefinedEvent, TagRenamedEvent, TagDeletedEvent):
-- 'tag:' and the normalized name the tag was created with. A rename keeps it, so that one tag's
-- events stay on one partition, in order; the current name is in each event's payload.
ALTER TABLE tags ADD COLUMN event_key TEXT;

UPDATE tags SET event_key = 'tag:' || normalized_name;

ALTER TABLE tags ALTER COLUMN event_key SET NOT NULL;

ALTER TABLE tags ADD CONSTRAINT tags_event_key_length_check CHECK (char_length(event_key) BETWEEN 5 AND 300);

-- The read API lists tags by prefix, keyset-paginated on the normalized name. Byte order ("C")
-- makes a prefix one contiguous range whatever the database collation, so one index serves the
-- prefix, the cursor and the order; a page costs one short index range scan.
CREATE INDEX tags_normalized_name_c_idx ON tags (normalized_name COLLATE "C");

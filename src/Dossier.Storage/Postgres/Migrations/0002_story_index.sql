-- Stories kept up to date one document at a time (StoryIndex), as in the SQLite store's migration 0009: each document's
-- place in the order it was placed (sequence), its story (the sequence of the story's first document) and its MinHash
-- signature (null for a text without words); and the band buckets, each holding its first members in the order they joined.
CREATE TABLE story_index (
    sequence    BIGINT PRIMARY KEY,
    document_id TEXT NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
    story       BIGINT NOT NULL,
    signature   BYTEA
);
CREATE INDEX story_index_story ON story_index(story);

CREATE TABLE story_buckets (
    band_key BIGINT NOT NULL,
    sequence BIGINT NOT NULL REFERENCES story_index(sequence) ON DELETE CASCADE,
    PRIMARY KEY (band_key, sequence)
);

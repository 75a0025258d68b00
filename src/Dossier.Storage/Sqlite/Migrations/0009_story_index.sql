-- Stories kept up to date one document at a time (StoryIndex): each document's place in stored order (sequence), the
-- story it belongs to (the sequence of the story's first document) and its MinHash signature (null for a text without
-- words); and the band buckets, each holding its first members, in the order they joined. A run then reads its own
-- documents' stories instead of clustering every stored document again. Documents stored before this migration are
-- placed, in stored order, by the first run that reads stories.
CREATE TABLE story_index (
    sequence       INTEGER PRIMARY KEY,
    document_id    TEXT NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
    document_rowid INTEGER NOT NULL,
    story          INTEGER NOT NULL,
    signature      BLOB
);
CREATE INDEX story_index_story ON story_index(story);
CREATE INDEX story_index_document_rowid ON story_index(document_rowid);

CREATE TABLE story_buckets (
    band_key INTEGER NOT NULL,
    sequence INTEGER NOT NULL REFERENCES story_index(sequence) ON DELETE CASCADE,
    PRIMARY KEY (band_key, sequence)
) WITHOUT ROWID;

-- The first and the last word of each person's full name, as in the SQLite store's migration 0012: a one-word name finds
-- the full names it may join without reading every entity. The store adds a person's words as it creates the entity;
-- those of people stored before this migration are added by the code step that runs with it (PersonNameWords).
CREATE TABLE person_name_words (
    word_key  TEXT NOT NULL,
    entity_id BIGINT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    PRIMARY KEY (word_key, entity_id)
);

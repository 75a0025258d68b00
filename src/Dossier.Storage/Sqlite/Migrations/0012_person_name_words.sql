-- The first and the last word of each person's full name, as the key of the one-word name that may stand for it, so that
-- a one-word name finds the full names it may join without reading every entity (StoredRows.LinkPersonNamesAsync). The
-- store adds a person's words as it creates the entity; those of people stored before this migration are added by the
-- code step that runs with it (PersonNameWords), since only the entity keys' folding can split a name into words.
CREATE TABLE person_name_words (
    word_key  TEXT NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    PRIMARY KEY (word_key, entity_id)
) WITHOUT ROWID;

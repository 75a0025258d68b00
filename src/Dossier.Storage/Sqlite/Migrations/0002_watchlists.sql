-- Sanctions and export-control lists. An entry is keyed by its list and the publisher's (or a derived, stable) id, so
-- a re-import updates it in place; each publication read is recorded as a version of its list.
CREATE TABLE watchlist_versions (
    list         TEXT NOT NULL,
    version_date TEXT NOT NULL,
    format       TEXT NOT NULL,
    source       TEXT NOT NULL,
    entries      INTEGER NOT NULL,
    imported_at  TEXT NOT NULL,
    PRIMARY KEY (list, version_date)
);

CREATE TABLE watchlist_entries (
    list         TEXT NOT NULL,
    entry_id     TEXT NOT NULL,
    name         TEXT NOT NULL,
    data         TEXT NOT NULL,
    version_date TEXT NOT NULL,
    removed_in   TEXT,
    PRIMARY KEY (list, entry_id)
);

-- Hits found for canonical entities, with the analyst's decision; a dismissal stays with that entity and list entry.
CREATE TABLE watchlist_hits (
    entity_key   TEXT NOT NULL,
    entity_name  TEXT NOT NULL,
    list         TEXT NOT NULL,
    entry_id     TEXT NOT NULL,
    entry_name   TEXT NOT NULL,
    score        REAL NOT NULL,
    explanation  TEXT NOT NULL,
    decision     TEXT NOT NULL DEFAULT 'open',
    note         TEXT,
    decided_at   TEXT,
    screened_at  TEXT NOT NULL,
    PRIMARY KEY (entity_key, list, entry_id)
);
CREATE INDEX watchlist_hits_entity_name ON watchlist_hits(entity_name COLLATE NOCASE);

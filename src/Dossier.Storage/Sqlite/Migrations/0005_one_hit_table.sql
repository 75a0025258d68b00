-- One table of list hits. Screening (keyed by entity key) and the web review (keyed by entity id) each had their own,
-- so a dismissal in one was not seen by the other. A hit is an entity key and a list entry; the entity's id is found
-- through its key, and the decision (open, confirmed, false_positive) stays with the hit across screenings.
ALTER TABLE watchlist_hits RENAME TO watchlist_hits_by_key;

CREATE TABLE watchlist_hits (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    entity_key   TEXT NOT NULL,
    entity_name  TEXT NOT NULL,
    list         TEXT NOT NULL,
    entry_id     TEXT NOT NULL,
    entry_name   TEXT NOT NULL,
    score        REAL NOT NULL,
    program      TEXT,
    listed_on    TEXT,
    explanation  TEXT NOT NULL,
    decision     TEXT NOT NULL DEFAULT 'open' CHECK (decision IN ('open', 'confirmed', 'false_positive')),
    note         TEXT,
    decided_at   TEXT,
    screened_at  TEXT NOT NULL,
    UNIQUE (entity_key, list, entry_id)
);

INSERT OR IGNORE INTO watchlist_hits (entity_key, entity_name, list, entry_id, entry_name, score, explanation, decision, note, decided_at, screened_at)
SELECT entity_key, entity_name, list, entry_id, entry_name, score, explanation,
       CASE WHEN decision IN ('open', 'confirmed', 'false_positive') THEN decision ELSE 'open' END, note, decided_at, screened_at
FROM watchlist_hits_by_key;

INSERT OR IGNORE INTO watchlist_hits (entity_key, entity_name, list, entry_id, entry_name, score, program, listed_on, explanation, decision, decided_at, screened_at)
SELECT e.key, e.name, r.list, r.list_entry_id, r.name, r.score, r.program, r.listed_on, r.explanation,
       CASE r.decision WHEN 'accepted' THEN 'confirmed' WHEN 'dismissed' THEN 'false_positive' ELSE 'open' END,
       r.decided_at, COALESCE(r.decided_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
FROM hit_reviews r JOIN entities e ON e.id = r.entity_id;

DROP TABLE watchlist_hits_by_key;
DROP TABLE hit_reviews;
CREATE INDEX watchlist_hits_entity_name ON watchlist_hits(entity_name COLLATE NOCASE);

-- Analysts' merge and split decisions, kept so that later runs honour them; every decision says why.
CREATE TABLE entity_decisions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    entity_id    INTEGER NOT NULL,
    other_id     INTEGER NOT NULL,
    alias        TEXT,
    reason       TEXT NOT NULL,
    at           TEXT NOT NULL
);

-- A merged entity points at the entity it was merged into; mentions stored later follow the pointer.
CREATE TABLE entity_redirects (
    from_id INTEGER PRIMARY KEY REFERENCES entities(id),
    to_id   INTEGER NOT NULL REFERENCES entities(id)
);

-- A name split off its entity: mentions whose name has this key go to the named entity instead.
CREATE TABLE entity_name_overrides (
    name_key  TEXT PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities(id)
);

CREATE TRIGGER document_entities_follow_redirect AFTER INSERT ON document_entities
WHEN EXISTS (SELECT 1 FROM entity_redirects WHERE from_id = NEW.entity_id)
BEGIN
    UPDATE document_entities SET entity_id = (SELECT to_id FROM entity_redirects WHERE from_id = NEW.entity_id)
    WHERE document_id = NEW.document_id AND local_id = NEW.local_id;
END;

CREATE TRIGGER entity_aliases_follow_redirect AFTER INSERT ON entity_aliases
WHEN EXISTS (SELECT 1 FROM entity_redirects WHERE from_id = NEW.entity_id)
BEGIN
    INSERT OR IGNORE INTO entity_aliases (entity_id, alias)
    SELECT to_id, NEW.alias FROM entity_redirects WHERE from_id = NEW.entity_id;
END;

-- Story clusters of near-duplicate articles, as last computed.
CREATE TABLE stories (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    story_id    TEXT NOT NULL
);
CREATE INDEX stories_story ON stories(story_id);

-- Cross-document claim links, as last computed.
CREATE TABLE claim_links (
    from_document TEXT NOT NULL,
    from_claim    INTEGER NOT NULL,
    to_document   TEXT NOT NULL,
    to_claim      INTEGER NOT NULL,
    relation      TEXT NOT NULL,
    confidence    REAL NOT NULL,
    PRIMARY KEY (from_document, from_claim, to_document, to_claim)
);

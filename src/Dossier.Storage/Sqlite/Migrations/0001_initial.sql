-- Documents are keyed by the SHA-256 of their input bytes, so the same input analysed twice is stored once.
CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    url         TEXT,
    title       TEXT,
    published   TEXT,
    site        TEXT,
    language    TEXT,
    text        TEXT NOT NULL,
    annotations TEXT NOT NULL,
    added_at    TEXT NOT NULL
);

CREATE TABLE failures (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL
);

CREATE TABLE entities (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    key   TEXT NOT NULL UNIQUE,
    name  TEXT NOT NULL,
    label TEXT NOT NULL
);

CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (entity_id, alias)
);
CREATE INDEX entity_aliases_alias ON entity_aliases(alias);

CREATE TABLE document_entities (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    local_id    INTEGER NOT NULL,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    mentions    INTEGER NOT NULL,
    quotes      INTEGER NOT NULL,
    claims      INTEGER NOT NULL,
    PRIMARY KEY (document_id, local_id)
);
CREATE INDEX document_entities_entity ON document_entities(entity_id);

-- The PostgreSQL store: the same tables as the SQLite store after its migrations 0001-0005, for many writers at once.
-- Documents are keyed by the SHA-256 of their input bytes; seq gives the order they were stored in.
CREATE TABLE documents (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    url         TEXT,
    title       TEXT,
    published   TEXT,
    site        TEXT,
    language    TEXT,
    text        TEXT NOT NULL,
    annotations TEXT NOT NULL,
    added_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE failures (
    id     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The unique key is what makes concurrent writers agree on one canonical entity per name.
CREATE TABLE entities (
    id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key   TEXT NOT NULL UNIQUE,
    name  TEXT NOT NULL,
    label TEXT NOT NULL
);

-- Aliases are unique ignoring case, as in SQLite's NOCASE.
CREATE TABLE entity_aliases (
    entity_id BIGINT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL
);
CREATE UNIQUE INDEX entity_aliases_entity_alias ON entity_aliases(entity_id, lower(alias));
CREATE INDEX entity_aliases_alias ON entity_aliases(lower(alias));

CREATE TABLE document_entities (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    local_id    INTEGER NOT NULL,
    entity_id   BIGINT NOT NULL REFERENCES entities(id),
    mentions    INTEGER NOT NULL,
    quotes      INTEGER NOT NULL,
    claims      INTEGER NOT NULL,
    PRIMARY KEY (document_id, local_id)
);
CREATE INDEX document_entities_entity ON document_entities(entity_id);

-- Sanctions and export-control lists, keyed by list and entry id so that a re-import updates in place.
CREATE TABLE watchlist_versions (
    list         TEXT NOT NULL,
    version_date TEXT NOT NULL,
    format       TEXT NOT NULL,
    source       TEXT NOT NULL,
    entries      INTEGER NOT NULL,
    imported_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
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

-- List hits keyed by entity key and list entry; the analyst's decision stays with the hit across screenings.
CREATE TABLE watchlist_hits (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity_key   TEXT NOT NULL,
    entity_name  TEXT NOT NULL,
    list         TEXT NOT NULL,
    entry_id     TEXT NOT NULL,
    entry_name   TEXT NOT NULL,
    score        DOUBLE PRECISION NOT NULL,
    program      TEXT,
    listed_on    TEXT,
    explanation  TEXT NOT NULL,
    decision     TEXT NOT NULL DEFAULT 'open' CHECK (decision IN ('open', 'confirmed', 'false_positive')),
    note         TEXT,
    decided_at   TEXT,
    screened_at  TEXT NOT NULL,
    UNIQUE (entity_key, list, entry_id)
);
CREATE INDEX watchlist_hits_entity_name ON watchlist_hits(lower(entity_name));

-- Analysts' merge and split decisions, kept so that later runs honour them.
CREATE TABLE entity_decisions (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    entity_id BIGINT NOT NULL,
    other_id  BIGINT NOT NULL,
    alias     TEXT,
    reason    TEXT NOT NULL,
    at        TIMESTAMPTZ NOT NULL
);

-- A merged entity points at the entity it was merged into; mentions stored later follow the pointer.
CREATE TABLE entity_redirects (
    from_id BIGINT PRIMARY KEY REFERENCES entities(id),
    to_id   BIGINT NOT NULL REFERENCES entities(id)
);

-- A name split off its entity: mentions whose name has this key go to the named entity instead.
CREATE TABLE entity_name_overrides (
    name_key  TEXT PRIMARY KEY,
    entity_id BIGINT NOT NULL REFERENCES entities(id)
);

CREATE TABLE stories (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    story_id    TEXT NOT NULL
);
CREATE INDEX stories_story ON stories(story_id);

CREATE TABLE claim_links (
    from_document TEXT NOT NULL,
    from_claim    INTEGER NOT NULL,
    to_document   TEXT NOT NULL,
    to_claim      INTEGER NOT NULL,
    relation      TEXT NOT NULL,
    confidence    DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (from_document, from_claim, to_document, to_claim)
);

-- Full-text search over articles, quotes and claims. The 'simple' configuration does not stem, like SQLite's
-- unicode61 tokenizer, so both backends match the same words; titles weigh A, bodies D (ranked 4:1). Only the first
-- 250,000 characters of a body are indexed: a tsvector is capped at 1 MB, and an oversized article must still be stored.
CREATE TABLE search_entries (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('article', 'quote', 'claim')),
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    item        INTEGER,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    category    TEXT,
    status      TEXT,
    published   TEXT,
    outlet      TEXT NOT NULL,
    title       TEXT,
    body        TEXT NOT NULL,
    search      TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', left(body, 250000)), 'D')) STORED
);
CREATE INDEX search_entries_document ON search_entries(document_id);
CREATE INDEX search_entries_kind_published ON search_entries(kind, published);
CREATE INDEX search_entries_search ON search_entries USING GIN (search);

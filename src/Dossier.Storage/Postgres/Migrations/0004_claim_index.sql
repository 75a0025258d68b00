-- Documents not yet placed in a story, queued in the transaction that stores each one and taken off as it is placed, so
-- that placement finds them without scanning every document; those stored before this migration and not placed are queued.
CREATE TABLE unplaced_documents (
    seq         BIGINT PRIMARY KEY,
    document_id TEXT NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE
);
INSERT INTO unplaced_documents (seq, document_id)
SELECT d.seq, d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM story_index s WHERE s.document_id = d.id);

-- Claim links kept up to date one page of documents at a time, as in the SQLite store's migration 0011: each linked claim
-- in the form linking compares it, and its subject keys, so that a new claim reads only the latest claims sharing a subject
-- with it; and how far linking has got. Links saved before this migration followed publication order and are dropped:
-- the first linking after it links every stored document again.
CREATE TABLE linked_claims (
    sequence    BIGINT NOT NULL,
    claim       INTEGER NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    words       TEXT NOT NULL,
    keys        TEXT NOT NULL,
    status      TEXT NOT NULL,
    source      TEXT,
    source_key  TEXT,
    responds_to INTEGER,
    PRIMARY KEY (sequence, claim)
);
CREATE INDEX linked_claims_document ON linked_claims(document_id);

CREATE TABLE claim_keys (
    key      TEXT NOT NULL,
    sequence BIGINT NOT NULL,
    claim    INTEGER NOT NULL,
    PRIMARY KEY (key, sequence, claim)
);

-- The documents whose placement joined earlier stories into one: only links within those stories can turn into repeats.
CREATE TABLE story_joins (
    sequence BIGINT PRIMARY KEY REFERENCES story_index(sequence) ON DELETE CASCADE
);

CREATE TABLE claim_linking (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    linked_through BIGINT NOT NULL
);
INSERT INTO claim_linking (id, linked_through) VALUES (1, 0);

DELETE FROM claim_links;
CREATE INDEX claim_links_to_document ON claim_links(to_document);

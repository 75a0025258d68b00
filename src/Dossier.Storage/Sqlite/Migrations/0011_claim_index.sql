-- Claim links kept up to date one page of documents at a time (StoreLinking.LinkNewAsync), in the story index's order:
-- each linked claim in the form linking compares it, and its subject keys, so that a new claim reads only the latest
-- claims sharing a subject with it instead of every stored claim; and how far linking has got. Links saved before this
-- migration followed publication order and are dropped: the first linking after it links every stored document again.
CREATE TABLE linked_claims (
    sequence    INTEGER NOT NULL,
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
) WITHOUT ROWID;
CREATE INDEX linked_claims_document ON linked_claims(document_id);

CREATE TABLE claim_keys (
    key      TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    claim    INTEGER NOT NULL,
    PRIMARY KEY (key, sequence, claim)
) WITHOUT ROWID;

-- The documents whose placement joined earlier stories into one: only links within those stories can turn into repeats.
CREATE TABLE story_joins (
    sequence INTEGER PRIMARY KEY REFERENCES story_index(sequence) ON DELETE CASCADE
);

CREATE TABLE claim_linking (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    linked_through INTEGER NOT NULL
);
INSERT INTO claim_linking (id, linked_through) VALUES (1, 0);

DELETE FROM claim_links;
CREATE INDEX claim_links_to_document ON claim_links(to_document);

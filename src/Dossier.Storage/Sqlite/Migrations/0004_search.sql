-- Full-text search over articles, quotes and claims (FTS5, ranked by BM25), and the analysts' review of list hits.
-- One entry per searchable item; its text lives in search_text under the same rowid.
CREATE TABLE search_entries (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('article', 'quote', 'claim')),
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    item        INTEGER,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    category    TEXT,
    status      TEXT,
    published   TEXT,
    outlet      TEXT NOT NULL
);
CREATE INDEX search_entries_document ON search_entries(document_id);
CREATE INDEX search_entries_kind_published ON search_entries(kind, published);

-- Prefix indexes make 'wo*' queries fast; rank is BM25 with titles weighing four times the body.
CREATE VIRTUAL TABLE search_text USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
INSERT INTO search_text (search_text, rank) VALUES ('rank', 'bm25(4.0, 1.0)');

-- Index what earlier versions stored: the annotations hold the quotes and claims as JSON.
INSERT INTO search_entries (kind, document_id, item, start, "end", published, outlet)
SELECT 'article', id, NULL, 0, length(text), published, COALESCE(site, source) FROM documents;

INSERT INTO search_entries (kind, document_id, item, start, "end", published, outlet)
SELECT 'quote', d.id, q.key, json_extract(q.value, '$.start'), json_extract(q.value, '$.end'), d.published, COALESCE(d.site, d.source)
FROM documents d, json_each(d.annotations, '$.quotes') q;

INSERT INTO search_entries (kind, document_id, item, start, "end", category, status, published, outlet)
SELECT 'claim', d.id, c.key, json_extract(c.value, '$.start'), json_extract(c.value, '$.end'),
       json_extract(c.value, '$.category'), json_extract(c.value, '$.status'), d.published, COALESCE(d.site, d.source)
FROM documents d, json_each(d.annotations, '$.claims') c;

INSERT INTO search_text (rowid, title, body)
SELECT e.id, CASE WHEN e.kind = 'article' THEN d.title END,
       replace(replace(CASE e.kind
           WHEN 'article' THEN d.text
           WHEN 'quote' THEN json_extract(d.annotations, '$.quotes[' || e.item || '].text')
           ELSE json_extract(d.annotations, '$.claims[' || e.item || '].text')
       END, char(2), ' '), char(3), ' ')
FROM search_entries e JOIN documents d ON d.id = e.document_id;

-- List hits as screening found them, with the analyst's decision; a hit found again keeps its decision.
CREATE TABLE hit_reviews (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    entity_id     INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    list_entry_id TEXT NOT NULL,
    list          TEXT NOT NULL,
    name          TEXT NOT NULL,
    score         REAL NOT NULL,
    program       TEXT,
    listed_on     TEXT,
    explanation   TEXT NOT NULL,
    decision      TEXT NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending', 'accepted', 'dismissed')),
    decided_at    TEXT,
    UNIQUE (entity_id, list_entry_id)
);

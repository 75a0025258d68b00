-- The search index reads its text from the stored documents instead of keeping a second copy of every article (and
-- writing it again with each insert): an external-content FTS5 table over a view that gives each entry's title and
-- body by id, computed as migration 0004 first indexed them. Entries are never deleted, so the index and its content
-- cannot drift apart; writers still insert the same title and body into search_text, which indexes them.
DROP TABLE search_text;

CREATE VIEW search_source (id, title, body) AS
SELECT e.id, CASE WHEN e.kind = 'article' THEN d.title END,
       replace(replace(CASE e.kind
           WHEN 'article' THEN d.text
           WHEN 'quote' THEN json_extract(d.annotations, '$.quotes[' || e.item || '].text')
           ELSE json_extract(d.annotations, '$.claims[' || e.item || '].text')
       END, char(2), ' '), char(3), ' ')
FROM search_entries e JOIN documents d ON d.id = e.document_id;

CREATE VIRTUAL TABLE search_text USING fts5(
    title, body, content = 'search_source', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
INSERT INTO search_text (search_text, rank) VALUES ('rank', 'bm25(4.0, 1.0)');
INSERT INTO search_text (search_text) VALUES ('rebuild');

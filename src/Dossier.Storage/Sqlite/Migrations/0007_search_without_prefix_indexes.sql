-- The search index keeps one entry per word occurrence, no longer three: the prefix indexes (2 and 3 letters) were
-- written with every article stored, while a prefix query ('wo*') finds the same rows without them, by reading the run
-- of indexed words that begin with the prefix. Ranking, snippets and results are unchanged.
DROP TABLE search_text;

CREATE VIRTUAL TABLE search_text USING fts5(
    title, body, content = 'search_source', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO search_text (search_text, rank) VALUES ('rank', 'bm25(4.0, 1.0)');
INSERT INTO search_text (search_text) VALUES ('rebuild');

-- The prefix indexes (2 and 3 letters) are back, as migration 0006 had them. Without them (0007) a prefix query reads
-- every indexed word that begins with the prefix: on the search bench (10,000 articles, 400 queries) 'wo*' took 221 ms
-- median and 925 ms p95, 'wor*' 104 / 430, against 37 / 75 and 23 / 71 with both indexes; a 3-letter index alone leaves
-- 'wo*' as slow. Only both indexes keep every query shape within 100 ms at p95; they cost about a fifth more indexing
-- time (21.3 s without, 25.7 s with, for the 10,000 articles). A one-letter prefix ('w*') has no index and would read a
-- twentieth of the vocabulary: the query layer searches it as a word (StoredRows.QueryTerms). Results are unchanged.
DROP TABLE search_text;

CREATE VIRTUAL TABLE search_text USING fts5(
    title, body, content = 'search_source', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
INSERT INTO search_text (search_text, rank) VALUES ('rank', 'bm25(4.0, 1.0)');
INSERT INTO search_text (search_text) VALUES ('rebuild');

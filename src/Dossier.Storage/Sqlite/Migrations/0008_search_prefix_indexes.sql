-- The prefix indexes (2 and 3 letters) are back, as migration 0006 had them. The search bench (10,000 articles, 400
-- queries; CPU time per query, as the machine was shared, p95 of the second of two rounds) measured 'wo*' at 1,005 ms and
-- 'wor*' at 345 without them (0007), 372 and 87 with a 3-letter index alone, 87 and 81 with both (one word: 73). Only both
-- keep every query shape within 100 ms with the same results; they cost about a sixth more CPU to index (18.5 to 21.9 s
-- without, 22.5 to 24.4 s with). A 3-letter index with 'wo*' searched as a word is within 100 ms for less (18.0 to
-- 24.8 s) but changes what 'wo*' finds (10.7 hits a query instead of 20). A one-letter prefix ('w*') has no index under
-- any choice (892 ms median without, 313 with both): the query layer searches it as a word (StoredRows.QueryTerms).
DROP TABLE search_text;

CREATE VIRTUAL TABLE search_text USING fts5(
    title, body, content = 'search_source', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
INSERT INTO search_text (search_text, rank) VALUES ('rank', 'bm25(4.0, 1.0)');
INSERT INTO search_text (search_text) VALUES ('rebuild');

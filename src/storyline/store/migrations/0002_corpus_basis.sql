-- 0002_corpus_basis: which stored analyses the saved corpus results were computed from,
-- so a slower concurrent build never overwrites newer results with older ones.
ALTER TABLE corpus ADD COLUMN basis INTEGER NOT NULL DEFAULT 0;

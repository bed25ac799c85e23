-- 0002_corpus_basis (PostgreSQL): which stored analyses the saved corpus results were computed
-- from, so a slower concurrent build never overwrites newer results with older ones.
ALTER TABLE corpus ADD COLUMN IF NOT EXISTS basis BIGINT NOT NULL DEFAULT 0;

-- 0003_seq_index (PostgreSQL): articles are listed in sequence; no two share a number.
CREATE UNIQUE INDEX IF NOT EXISTS articles_seq ON articles(seq);

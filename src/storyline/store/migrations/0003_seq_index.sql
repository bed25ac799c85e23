-- 0003_seq_index: articles are appended in sequence; finding the next number must not scan.
CREATE UNIQUE INDEX IF NOT EXISTS articles_seq ON articles(seq);

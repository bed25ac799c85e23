-- 0001_initial: articles, per-article analyses, corpus results, search index.
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    published TEXT,
    date_is_default INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    external_id TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT '',
    duplicate_of TEXT REFERENCES articles(id),
    seq INTEGER NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE TABLE IF NOT EXISTS analyses (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS minhashes (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    sig BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS corpus (
    key TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS builds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    counts TEXT
);
CREATE TABLE IF NOT EXISTS input_errors (
    build_id INTEGER REFERENCES builds(id),
    path TEXT,
    line INTEGER,
    message TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(
    text, article_id UNINDEXED, idx UNINDEXED, start UNINDEXED, "end" UNINDEXED,
    tokenize = 'porter unicode61'
);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, article_id UNINDEXED, tokenize = 'porter unicode61'
);

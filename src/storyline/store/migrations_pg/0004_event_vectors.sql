-- 0004_event_vectors (PostgreSQL): the contextual vectors of each article's event mentions
-- (build --context), kept so that a build encodes only what is new. ``key`` names the encoder,
-- the text and the spans they were computed for; a different key means they are stale.
CREATE TABLE IF NOT EXISTS event_vectors (
    article_id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    rows INTEGER NOT NULL,
    dim INTEGER NOT NULL,
    trig BYTEA NOT NULL,
    sent BYTEA NOT NULL
);

"""The PostgreSQL store: one database on a shared server, the same contract as
the SQLite file (``base.BaseStore``).

Open it with ``storyline.store.open_store("postgresql://user@host:5432/dbname")``
(needs ``pip install 'storyline[postgres]'``). The schema is
``migrations_pg/*.sql``, applied in order and recorded by name like the
SQLite ones.

Concurrency: a write transaction first takes a transaction-level advisory lock,
so writers follow one another as they do on SQLite (``BEGIN IMMEDIATE``) and
every read-then-write in the contract (is the article there? which basis do
the saved results have?) holds; readers never wait. Article numbers come from
a sequence. ``snapshot`` reads in one REPEATABLE READ transaction.

Full-text search: ``tsvector`` columns (english configuration) with GIN
indexes, ranked with ``ts_rank_cd``; the match markers come from
``ts_headline`` over the whole sentence, so offsets are the stored text's.
"""
from __future__ import annotations

from typing import Sequence

from ..errors import StoreError
from .base import HL_CLOSE, HL_OPEN, BaseStore, FtsRow, term_words
from .url import scrub, shown

CONNECT_TIMEOUT_S = 10
WRITER_LOCK = 0x73746F72  # the advisory lock key writers take ("stor")
TS_CONFIG = "english"
RANK_NORMALIZATION = 1  # ts_rank_cd divided by 1 + log(document length), as BM25 discounts long documents
ARTICLE_WEIGHTS = "{0.1, 0.2, 0.5, 1.0}"  # D, C, B (text), A (title): the title weighs double
HEADLINE_OPTIONS = f'StartSel="{HL_OPEN}", StopSel="{HL_CLOSE}", HighlightAll=true'
INSTALL_HINT = "pip install 'storyline[postgres]'"

# what must hold between the tables; each query counts the rows that break it
INTEGRITY_CHECKS = (
    ("articles missing from the article search index",
     "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM articles_fts f WHERE f.article_id = a.id)"),
    ("articles neither analysed nor a duplicate",
     "SELECT COUNT(*) FROM articles a WHERE a.duplicate_of IS NULL"
     " AND NOT EXISTS (SELECT 1 FROM analyses an WHERE an.article_id = a.id)"),
    ("articles with indexed sentences but no analysis",
     "SELECT COUNT(DISTINCT s.article_id) FROM sentences_fts s"
     " WHERE NOT EXISTS (SELECT 1 FROM analyses an WHERE an.article_id = s.article_id)"),
)


def driver():
    """The psycopg module, or a StoreError saying how to install it."""
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError(f"PostgreSQL stores need the psycopg driver: {INSTALL_HINT}") from exc
    return psycopg


def _one_line(exc: Exception, url: str) -> str:
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    return scrub(lines[0] if lines else type(exc).__name__, url)


def tsquery_sql(terms: Sequence[str], mode: str) -> tuple[str, list[str]]:
    """The tsquery of quoted ``terms`` as SQL and its parameters: each term a
    phrase (``phraseto_tsquery``), joined by && (mode "all") or || ("any").
    A term of stopwords only adds nothing."""
    join = " && " if mode == "all" else " || "
    sql = join.join(f"phraseto_tsquery('{TS_CONFIG}', %s)" for _ in terms)
    return f"({sql})", [term_words(t) for t in terms]


class PgStore(BaseStore):
    """A storyline database in PostgreSQL. Use as a context manager or call ``close()``."""

    MIGRATIONS = "migrations_pg"

    def __init__(self, url: str, readonly: bool = False):
        psycopg = driver()
        self._psycopg = psycopg
        self.url, self.name, self.readonly = url, shown(url), readonly
        self._init_lock()
        try:
            options = {} if "connect_timeout" in url else {"connect_timeout": CONNECT_TIMEOUT_S}
            if "application_name" not in url:
                options["application_name"] = "storyline"
            self.conn = psycopg.connect(url, autocommit=True, **options)
        except psycopg.Error as exc:
            raise StoreError(f"{self.name}: cannot connect to PostgreSQL: {_one_line(exc, url)}") from None
        try:
            if readonly:
                self.conn.execute("SET default_transaction_read_only = on")
                if self.conn.execute("SELECT to_regclass('migrations')").fetchone()[0] is None:
                    raise StoreError(f"{self.name}: no storyline database there (run 'storyline build' first)")
            else:
                self.migrate()
        except psycopg.Error as exc:
            self.conn.close()
            raise StoreError(f"{self.name}: not a usable storyline database: {_one_line(exc, url)}") from None
        except StoreError:
            self.conn.close()
            raise

    # -- backend hooks ----------------------------------------------------
    def _execute(self, sql: str, params: Sequence = ()):
        try:
            if params:
                return self.conn.execute(sql.replace("?", "%s"), params)
            return self.conn.execute(sql)
        except self._psycopg.Error as exc:  # the server went away, a timeout, a refused write: one clear line
            raise StoreError(f"{self.name}: {_one_line(exc, self.url)}") from exc

    def _executemany(self, sql: str, rows: list) -> None:
        if rows:
            try:
                with self.conn.cursor() as cur:
                    cur.executemany(sql.replace("?", "%s"), rows)
            except self._psycopg.Error as exc:
                raise StoreError(f"{self.name}: {_one_line(exc, self.url)}") from exc

    def in_transaction(self) -> bool:
        return self.conn.info.transaction_status != self._psycopg.pq.TransactionStatus.IDLE

    def _begin_write(self) -> None:
        self._execute("BEGIN")
        try:
            self._execute("SELECT pg_advisory_xact_lock(?)", (WRITER_LOCK,))
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def _begin_read(self) -> None:
        self._execute("BEGIN ISOLATION LEVEL REPEATABLE READ")

    def _next_seq(self) -> int:
        return int(self._execute("SELECT nextval('article_seq')").fetchone()[0])

    def _fts(self, scope: str, terms: Sequence[str], mode: str, ids: set[str] | None, limit: int) -> list[FtsRow]:
        """tsvector match, ``ts_rank_cd`` rank (see ``BaseStore.fts_rows``)."""
        query, params = tsquery_sql(terms, mode)
        only = ""
        if ids is not None:
            only = " AND article_id = ANY(%s)"
            params.append(sorted(ids))
        params.append(limit)
        if scope == "sentences":
            sql = (f'SELECT m.article_id, m.idx, m.start, m."end", m.score, ts_headline(\'{TS_CONFIG}\', m.text, m.q, %s)'
                   f' FROM (SELECT article_id, idx, start, "end", text, q, ts_rank_cd(tsv, q, {RANK_NORMALIZATION})'
                   f" AS score FROM sentences_fts, (SELECT {query} AS q) AS query WHERE tsv @@ q{only}"
                   f" ORDER BY score DESC, article_id, idx LIMIT %s) AS m ORDER BY m.score DESC, m.article_id, m.idx")
            params.insert(0, HEADLINE_OPTIONS)
        else:
            sql = (f"SELECT article_id, -1, 0, 0, ts_rank_cd('{ARTICLE_WEIGHTS}', tsv, q, {RANK_NORMALIZATION})"
                   f" AS score, '' FROM articles_fts, (SELECT {query} AS q) AS query WHERE tsv @@ q{only}"
                   f" ORDER BY score DESC, article_id LIMIT %s")
        rows = self._execute(sql, params).fetchall()
        return [FtsRow(r[0], int(r[1]), int(r[2]), int(r[3]), float(r[4]), r[5] or "") for r in rows]

    def integrity_check(self) -> str:
        """"ok", or the consistency rules between the tables that some rows break
        (the server itself guards pages and indexes)."""
        problems = []
        for label, sql in INTEGRITY_CHECKS:
            n = self.conn.execute(sql).fetchone()[0]
            if n:
                problems.append(f"{n} {label}")
        return "; ".join(problems) or "ok"

"""Readers: files, directories, standard input and feed URLs -> Article records.

Each reader yields ``Article`` or ``InputError`` items: a malformed record is
reported (file and line/record number) and skipped, the rest goes on.
"""
from __future__ import annotations

import csv
import io
import json
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Union

from ..errors import (BinaryInputError, EmptyInputError, EncodingError, InputError,
                      InputTooLarge, SkippedFile)
from ..resources import data_lines
from ..records import Article
from ..settings import Settings
from .dates import parse_published
from .decode import decode_bytes
from .normalize import article_id, clean_text, clean_title

Item = Union[Article, InputError]

TEXT_FIELDS = ("text", "body", "content", "article", "maintext")
DATE_FIELDS = ("published", "date", "datetime", "pubdate", "published_at", "publication_date", "dct")
ID_FIELDS = ("id", "uid", "guid", "doc_id")
SUFFIX_KIND = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".tsv": "tsv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}


def make_article(text, *, title="", published=None, source="", url="", external_id="",
                 origin="", date_default: str | None = None) -> Article:
    text = clean_text(str(text or ""))
    pub = parse_published(published)
    is_default = False
    if pub is None and date_default:
        pub, is_default = parse_published(date_default), True
    return Article(
        id=article_id(text), text=text, title=clean_title(str(title or "")), published=pub,
        source=str(source or ""), url=str(url or ""), external_id=str(external_id or ""),
        origin=origin, date_is_default=is_default,
    )


def _first(record: dict, names) -> object:
    lower = {str(k).lower(): v for k, v in record.items()}
    for n in names:
        if n in lower and lower[n] not in (None, ""):
            return lower[n]
    return None


def record_to_article(record, origin: str, path: str, line: int, settings: Settings) -> Item:
    if not isinstance(record, dict):
        return InputError(f"expected an object with a text field, got {type(record).__name__}", path, line)
    text = _first(record, TEXT_FIELDS)
    if not isinstance(text, str) or not text.strip():
        return InputError("record has no text (fields tried: " + ", ".join(TEXT_FIELDS) + ")", path, line)
    if len(text) > settings.max_record_chars:
        return InputTooLarge(f"record of {len(text)} characters is over the limit of "
                             f"{settings.max_record_chars} (--max-record-chars)", path, line)
    raw_date = _first(record, DATE_FIELDS)
    if raw_date is not None and parse_published(raw_date) is None:
        return InputError(f"unreadable publication date {str(raw_date)[:60]!r}", path, line)
    return make_article(
        text, title=_first(record, ("title", "headline")) or "", published=raw_date,
        source=_first(record, ("source", "publisher", "outlet")) or "",
        url=_first(record, ("url", "link")) or "", external_id=_first(record, ID_FIELDS) or "",
        origin=origin, date_default=settings.date_default,
    )


# --- plain text -----------------------------------------------------------

def split_plain_text(text: str) -> list[tuple[int, str]]:
    """Split plain text into articles: blank-line separated blocks when the text
    has several blocks and some span several lines, else one article per line.
    Returns (line number, text)."""
    return list(_split_lines(iter(text.split("\n"))))


MODE_SNIFF_CHARS = 1 << 20


def _split_lines(lines: Iterator[str]) -> Iterator[tuple[int, str]]:
    """Streaming version of :func:`split_plain_text`: the layout is decided on
    the first megabyte, then lines stream through."""
    head, size = [], 0
    for ln in lines:
        head.append(ln)
        size += len(ln) + 1
        if size > MODE_SNIFF_CHARS:
            break
    blocks, cur = 0, 0
    multi = False
    for ln in head:
        if ln.strip():
            cur += 1
        elif cur:
            blocks, multi, cur = blocks + 1, multi or cur > 1, 0
    if cur:
        blocks, multi = blocks + 1, multi or (cur > 1 and size <= MODE_SNIFF_CHARS)
    block_mode = blocks > 1 and multi
    import itertools

    all_lines = itertools.chain(head, lines)
    if not block_mode:
        for i, ln in enumerate(all_lines, 1):
            if ln.strip():
                yield i, ln
        return
    buf, start = [], None
    for i, ln in enumerate(all_lines, 1):
        if ln.strip():
            if start is None:
                start = i
            buf.append(ln)
        elif buf:
            yield start, "\n".join(buf)
            buf, start = [], None
    if buf:
        yield start, "\n".join(buf)


def read_text(text, path: str, settings: Settings) -> Iterator[Item]:
    """Plain text: ``text`` is a string or an iterator of lines (without newlines)."""
    lines = iter(text.split("\n")) if isinstance(text, str) else text
    for line, chunk in _split_lines(lines):
        if len(chunk) > settings.max_record_chars:
            yield InputTooLarge(f"article of {len(chunk)} characters is over the limit of "
                                f"{settings.max_record_chars} (--max-record-chars)", path, line)
            continue
        yield make_article(chunk, origin=f"{path}:{line}", date_default=settings.date_default)


def read_jsonl(text, path: str, settings: Settings) -> Iterator[Item]:
    """JSON Lines: ``text`` is a string or an iterator of lines."""
    lines = iter(text.split("\n")) if isinstance(text, str) else text
    for n, ln in enumerate(lines, 1):
        if not ln.strip():
            continue
        if len(ln) > settings.max_record_chars * 2:
            yield InputTooLarge(f"line of {len(ln)} characters is over the limit "
                                f"(--max-record-chars {settings.max_record_chars})", path, n)
            continue
        try:
            rec = json.loads(ln)
        except json.JSONDecodeError as exc:
            yield InputError(f"invalid JSON ({exc.msg} at column {exc.colno})", path, n)
            continue
        except RecursionError:
            yield InputError("JSON nested too deeply", path, n)
            continue
        yield record_to_article(rec, f"{path}:{n}", path, n, settings)


def read_json(text: str, path: str, settings: Settings) -> Iterator[Item]:
    try:
        data = json.loads(text)
    except RecursionError:
        yield InputError("JSON nested too deeply", path)
        return
    except json.JSONDecodeError as exc:
        # A .json file that is really JSON Lines
        if exc.msg.startswith("Extra data"):
            yield from read_jsonl(text, path, settings)
            return
        yield InputError(f"invalid JSON ({exc.msg} at column {exc.colno})", path, exc.lineno)
        return
    if isinstance(data, dict):
        for key in ("articles", "items", "data", "documents"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            data = [data]
    if not isinstance(data, list):
        yield InputError("expected a list of article objects", path)
        return
    for i, rec in enumerate(data, 1):
        yield record_to_article(rec, f"{path}#{i}", path, i, settings)


def read_csv(text, path: str, settings: Settings, delimiter: str = ",") -> Iterator[Item]:
    """CSV/TSV with a header row: ``text`` is a string or a text stream."""
    csv.field_size_limit(max(settings.max_record_chars + 1, 131072))
    stream = io.StringIO(text, newline="") if isinstance(text, str) else text
    reader = csv.DictReader(stream, delimiter=delimiter)
    if not reader.fieldnames:
        yield EmptyInputError("CSV file has no header row", path)
        return
    try:
        for row in reader:
            line = reader.line_num
            if None in row:  # more cells than headers
                yield InputError(f"row has {len(row) - 1 + len(row[None])} cells, header has "
                                 f"{len(reader.fieldnames)}", path, line)
                continue
            yield record_to_article(row, f"{path}:{line}", path, line, settings)
    except csv.Error as exc:
        yield InputError(f"malformed CSV: {exc}", path, reader.line_num)
    except EncodingError as exc:
        yield exc


def read_html(text: str, path: str, settings: Settings) -> Iterator[Item]:
    import trafilatura

    try:
        raw = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    except Exception as exc:  # noqa: BLE001 - third-party parser
        yield InputError(f"cannot parse HTML: {exc}", path)
        return
    meta = raw.as_dict() if hasattr(raw, "as_dict") else (raw or {})
    body = meta.get("text") or ""
    if not body.strip():
        yield EmptyInputError("no article text found in this HTML page", path)
        return
    yield make_article(body, title=meta.get("title") or "", published=meta.get("date"),
                       source=meta.get("sitename") or meta.get("hostname") or "",
                       url=meta.get("url") or "", origin=path, date_default=settings.date_default)


def read_feed(text: str, path: str, settings: Settings) -> Iterator[Item]:
    import feedparser

    feed = feedparser.parse(text)
    if not feed.entries:
        if feed.bozo and not feed.get("feed"):
            yield InputError(f"not an RSS/Atom feed: {feed.get('bozo_exception', 'unreadable')}", path)
        else:
            yield EmptyInputError("feed has no entries", path)
        return
    source = (feed.get("feed") or {}).get("title", "")
    for i, e in enumerate(feed.entries, 1):
        body = ""
        if e.get("content"):
            body = " ".join(c.get("value", "") for c in e["content"])
        body = body or e.get("summary") or e.get("description") or ""
        body = _strip_tags(body)
        if not body.strip():
            yield InputError("feed entry has no text", path, i)
            continue
        yield make_article(body, title=_strip_tags(e.get("title", "")),
                           published=e.get("published") or e.get("updated"), source=source,
                           url=e.get("link", ""), external_id=e.get("id", ""),
                           origin=f"{path}#{i}", date_default=settings.date_default)


def _strip_tags(fragment: str) -> str:
    if "<" not in fragment:
        return fragment
    from lxml import html as lhtml

    try:
        return lhtml.fromstring(f"<div>{fragment}</div>").text_content()
    except Exception:  # noqa: BLE001
        return fragment


READERS = {"text": read_text, "jsonl": read_jsonl, "json": read_json, "csv": read_csv,
           "html": read_html, "feed": read_feed}


def sniff_kind(path: str, text: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in SUFFIX_KIND:
        kind = SUFFIX_KIND[suffix]
        if kind == "tsv":
            return "tsv"
        if kind == "feed" and not _looks_feed(text):
            return "html" if "<html" in text[:2000].lower() else "text"
        return kind
    head = text.lstrip()[:2000]
    low = head.lower()
    if head.startswith("{"):
        first = head.split("\n", 1)[0].strip()
        return "jsonl" if first.endswith("}") else "json"
    if head.startswith("["):
        return "json"
    if _looks_feed(head):
        return "feed"
    if low.startswith("<!doctype html") or "<html" in low:
        return "html"
    return "text"


def _looks_feed(text: str) -> bool:
    low = text.lstrip()[:2000].lower()
    return "<rss" in low or "<feed" in low or "<rdf:rdf" in low


def _validated(items: Iterable[Item], path: str) -> Iterator[Item]:
    """An article whose text is empty once cleaned (only control or invisible
    characters) becomes an error naming its record."""
    for it in items:
        if isinstance(it, Article) and not it.text:
            tail = it.origin.rsplit(":", 1)[-1] if ":" in it.origin else it.origin.rsplit("#", 1)[-1]
            yield InputError("no text left after removing control and invisible characters", path,
                             int(tail) if tail.isdigit() else None)
        else:
            yield it


def read_string(text: str, path: str, settings: Settings, kind: str | None = None) -> Iterator[Item]:
    kind = kind or sniff_kind(path, text)
    if kind == "tsv":
        yield from _validated(read_csv(text, path, settings, delimiter="\t"), path)
        return
    yield from _validated(READERS[kind](text, path, settings), path)


def read_bytes(data: bytes, path: str, settings: Settings, kind: str | None = None) -> Iterator[Item]:
    if not data.strip():
        yield EmptyInputError("empty input", path)
        return
    try:
        text, _enc = decode_bytes(data, path)
    except (BinaryInputError, EncodingError) as exc:
        yield exc
        return
    yield from read_string(text, path, settings, kind)


@lru_cache(maxsize=1)
def _documentation_names() -> frozenset[str]:
    return frozenset(ln.strip().lower() for ln in data_lines("storyline.ingest", "documentation_names.txt"))


def read_path(path: str, settings: Settings | None = None, kind: str | None = None) -> Iterator[Item]:
    """Read one input: a file, a directory (recursively), ``-`` (standard input)
    or an http(s) feed/page URL."""
    settings = settings or Settings()
    if path == "-":
        data = sys.stdin.buffer.read(settings.max_file_bytes + 1)
        if len(data) > settings.max_file_bytes:
            yield InputTooLarge(f"standard input is over the limit of {settings.max_file_bytes} bytes "
                                "(--max-file-bytes)", "<stdin>")
            return
        yield from read_bytes(data, "<stdin>", settings, kind)
        return
    if path.startswith(("http://", "https://")):
        from .fetch import fetch_url

        try:
            data, ctype = fetch_url(path, settings)
        except InputError as exc:
            yield exc
            return
        except Exception as exc:  # noqa: BLE001
            yield InputError(f"cannot fetch: {exc}", path)
            return
        k = kind or ("feed" if ("xml" in ctype or "rss" in ctype or "atom" in ctype) else
                     "html" if "html" in ctype else None)
        yield from read_bytes(data, path, settings, k)
        return
    p = Path(path)
    if not p.exists():
        yield InputError("no such file or directory", path)
        return
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        if not files:
            yield EmptyInputError("directory holds no files", path)
        for f in files:
            if f.stem.lower() in _documentation_names():
                yield SkippedFile("documents the folder, not read as articles (give its own path "
                                  "to read it)", str(f))
                continue
            yield from read_path(str(f), settings, kind)
        return
    try:
        yield from read_file(p, settings, kind)
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", path)


STREAMING_KINDS = ("text", "jsonl", "csv", "tsv")
HEAD_BYTES = 1 << 16


def read_file(p: Path, settings: Settings, kind: str | None = None) -> Iterator[Item]:
    """Read one file. Line-based formats (plain text, JSON Lines, CSV/TSV) stream,
    so memory stays flat whatever the file size; whole-document formats (JSON,
    HTML, feeds) are refused over ``settings.max_file_bytes``."""
    path = str(p)
    size = p.stat().st_size
    with open(p, "rb") as f:
        head = f.read(HEAD_BYTES)
    if not head.strip() and size <= HEAD_BYTES:
        yield EmptyInputError("empty input", path)
        return
    try:
        encoding = sniff_encoding(head, path, complete=size <= HEAD_BYTES)
    except (BinaryInputError, EncodingError) as exc:
        yield exc
        return
    head_text = head.decode(encoding if encoding != "utf-8" else "utf-8", errors="ignore")
    kind = kind or sniff_kind(path, head_text)
    if kind not in STREAMING_KINDS:
        if size > settings.max_file_bytes:
            yield InputTooLarge(f"file of {size} bytes is over the limit of {settings.max_file_bytes} "
                                "for a whole-document format (--max-file-bytes)", path)
            return
        yield from read_bytes(p.read_bytes(), path, settings, kind)
        return
    with open(p, "rb") as f:
        if kind in ("csv", "tsv"):
            stream = io.TextIOWrapper(f, encoding=_stream_encoding(encoding), errors="replace", newline="")
            yield from _validated(read_csv(stream, path, settings, delimiter="\t" if kind == "tsv" else ","), path)
        else:
            yield from _validated(READERS[kind](_decoded_lines(f, encoding), path, settings), path)


def sniff_encoding(head: bytes, path: str, complete: bool) -> str:
    """The encoding of a file from its first bytes: a BOM's, UTF-8, or a detector's guess."""
    from .decode import _BOMS, looks_binary

    for bom, enc in _BOMS:
        if head.startswith(bom):
            return enc
    if looks_binary(head):
        raise BinaryInputError("binary data, not text (is this a PDF, image or archive?)", path)
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if not complete and exc.start >= len(head) - 3:
            return "utf-8"  # a character cut at the end of the sample
    _text, enc = decode_bytes(head, path)
    return enc


def _stream_encoding(encoding: str) -> str:
    return "utf-8" if encoding == "utf-8" else encoding


def _decoded_lines(f, encoding: str) -> Iterator[str]:
    """Lines of a binary file, decoded one by one. In a UTF-8 file a line that is
    not valid UTF-8 (mixed encodings) is read as Windows-1252, else Latin-1."""
    if encoding.startswith(("utf-16", "utf-32")):
        for ln in io.TextIOWrapper(f, encoding=encoding, errors="replace", newline=None):
            yield ln.rstrip("\n")
        return
    first = True
    for raw in f:
        if first:
            first = False
            if raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
        raw = raw.rstrip(b"\r\n")
        if encoding in ("utf-8", "utf-8-sig"):
            try:
                yield raw.decode("utf-8")
                continue
            except UnicodeDecodeError:
                try:
                    yield raw.decode("cp1252")
                except UnicodeDecodeError:
                    yield raw.decode("latin-1")
                continue
        yield raw.decode(encoding, errors="replace")


def read_inputs(paths: Iterable[str], settings: Settings | None = None) -> Iterator[Item]:
    for p in paths:
        yield from read_path(str(p), settings)

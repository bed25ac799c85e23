"""The command line: a thin face over ``storyline.library``.

Every command has help text (a test checks it). Exit codes: 0 ok, 1 nothing
could be read or a command failed, 2 usage error.
"""
from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from pathlib import Path

from .. import library
from ..errors import InputError, StorylineError
from ..settings import DEFAULT_MODEL, Settings
from ..store.url import shown


def _settings(args) -> Settings:
    return Settings().with_(
        db=getattr(args, "db", None), model=getattr(args, "model", None),
        workers=getattr(args, "workers", None), date_default=getattr(args, "date_default", None),
        engine=getattr(args, "engine", None), spark_master=getattr(args, "master", None),
        max_file_bytes=getattr(args, "max_file_bytes", None),
        max_record_chars=getattr(args, "max_record_chars", None),
        allow_private_urls=getattr(args, "allow_private_urls", None) or None,
        event_context=getattr(args, "context", None) or None,
    )


class _Progress:
    """A progress line on stderr when more than a handful of articles are analysed."""

    def __init__(self, enabled: bool):
        self.enabled = enabled and sys.stderr.isatty()
        self.bar = None

    def __call__(self, report):
        if not self.enabled or report.stored < 5:
            return
        if self.bar is None:
            from tqdm import tqdm
            self.bar = tqdm(desc="analysing", unit=" articles", file=sys.stderr, initial=report.stored)
        self.bar.n = report.stored
        self.bar.refresh()

    def close(self):
        if self.bar is not None:
            self.bar.close()


def cmd_build(args) -> int:
    settings = _settings(args)
    if args.date_default and library_date(args.date_default) is None:
        print(f"error: --date-default {args.date_default!r} is not a date", file=sys.stderr)
        return 2

    def on_error(err: InputError):
        print(f"skipped: {err}", file=sys.stderr)

    progress = _Progress(not args.quiet)
    try:
        report, _corpus = library.build(args.inputs, settings, progress=progress, on_error=on_error)
    finally:
        progress.close()
    print(f"storyline: {report.summary()} -> {shown(settings.db)}", file=sys.stderr)
    if report.read == 0 and report.skipped > 0:
        return 1
    if report.read == 0:
        print("error: no articles found in the input", file=sys.stderr)
        return 1
    if not args.no_brief:
        print(library.brief(library.load(settings.db), fmt="text"))
    return 0


def library_date(value):
    from ..ingest.dates import parse_published
    return parse_published(value)


def cmd_brief(args) -> int:
    res = library.load(args.db)
    print(library.brief(res, since=args.since, thread=args.thread, fmt=args.format))
    return 0


def _write(text: str, out: str | None) -> None:
    if out and out != "-":
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(text, encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def cmd_export(args) -> int:
    from ..export import formats

    if args.format == "schema":
        _write(json.dumps(library.json_schema(), indent=2), args.out)
        return 0
    res = library.load(args.db)
    if args.format in formats.BINARY_FORMATS:
        if not args.out:
            print(f"error: --format {args.format} needs --out DIR", file=sys.stderr)
            return 2
        for path in formats.write_binary(args.format, res, args.out):
            print(f"wrote {path}", file=sys.stderr)
        return 0
    _write(formats.render(args.format, res), args.out)
    return 0


def cmd_entities(args) -> int:
    from ..export import views
    print(views.entities_text(library.load(args.db), limit=args.limit, type_=args.type))
    return 0


def cmd_entity(args) -> int:
    from ..export import views
    text = views.entity_text(library.load(args.db), args.name, limit=args.limit)
    if text is None:
        print(f"no entity matches {args.name!r}", file=sys.stderr)
        return 1
    print(text)
    return 0


def cmd_quotes(args) -> int:
    from ..export import views
    print(views.quotes_text(library.load(args.db), speaker=args.speaker, since=args.since))
    return 0


def cmd_events(args) -> int:
    from ..export import views
    print(views.events_text(library.load(args.db), actor=args.actor, type_=args.type, since=args.since))
    return 0


def cmd_positions(args) -> int:
    from ..export import views
    print(views.positions_text(library.load(args.db), args.name))
    return 0


def cmd_search(args) -> int:
    from ..export import views
    from ..search.fulltext import Filters
    filters = Filters(entity=args.entity, thread=args.thread, event_type=args.event_type,
                      date_from=args.date_from, date_to=args.date_to)
    print(views.search_text(args.db, args.query, limit=args.limit, filters=filters))
    return 0


def cmd_ask(args) -> int:
    from ..export import views
    print(views.ask_text(args.db, args.question, limit=args.limit))
    return 0


def cmd_serve(args) -> int:
    from ..api.app import serve
    serve(args.db, host=args.host, port=args.port)
    return 0


def cmd_load(args) -> int:
    from ..engine.spark import load_parquet
    n = load_parquet(args.parquet, _settings(args))
    print(f"loaded {n} articles into {shown(args.db)}", file=sys.stderr)
    return 0


def cmd_eval(args) -> int:
    return args.eval_module.run(args)


def _add_db(p):
    p.add_argument("--db", default="storyline.db",
                   help="the store: a SQLite file path or a PostgreSQL URL postgresql://user@host:port/dbname "
                        "(default: ./storyline.db)")


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="storyline", description="Source-grounded analysis of developing news stories.")
    p.add_argument("-v", "--verbose", action="store_true", help="log progress and stage warnings")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    b = sub.add_parser("build", help="read articles, analyse what is new, store it and print a briefing",
                       description="Read articles (text, JSON Lines, JSON, CSV, HTML, RSS/Atom, a directory, "
                                   "'-' for standard input, or a feed URL), analyse what is new and store it.")
    b.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories, URLs or '-'")
    _add_db(b)
    b.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline name or path (default: %(default)s)")
    b.add_argument("--workers", type=int, default=1, help="processes for the per-article stage")
    b.add_argument("--date-default", help="publication date for articles whose input gives none")
    b.add_argument("--engine", choices=["local", "spark"], default="local", help="where the per-article stage runs")
    b.add_argument("--master", help="Spark master URL (default local[*])")
    b.add_argument("--max-file-bytes", type=int, help="refuse input files larger than this")
    b.add_argument("--max-record-chars", type=int, help="skip articles longer than this")
    b.add_argument("--allow-private-urls", action="store_true", help="allow fetching from private/loopback addresses")
    b.add_argument("--context", action="store_true",
                   help="cluster events across articles with the trained contextual pair scorer "
                        "(needs the optional encoder: make context); the whole cross-article stage "
                        "is recomputed with it, and without it on the next run that omits it")
    b.add_argument("--no-brief", action="store_true", help="do not print the briefing")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    b.set_defaults(func=cmd_build)

    br = sub.add_parser("brief", help="print the briefing: what happened, who said what, what changed")
    _add_db(br)
    br.add_argument("--since", help="only what is new since this date (YYYY-MM-DD)")
    br.add_argument("--thread", help="only this story thread (id)")
    br.add_argument("--format", choices=["text", "md", "html"], default="text", help="output format")
    br.set_defaults(func=cmd_brief)

    ex = sub.add_parser("export", help="write the whole analysis (json, md, html, timelinejs, graphml, csv, parquet, schema)")
    _add_db(ex)
    ex.add_argument("--format", default="json",
                    choices=["json", "md", "html", "timelinejs", "graphml", "csv", "parquet", "schema"],
                    help="output format (default json)")
    ex.add_argument("--out", help="output file (directory for parquet); default standard output")
    ex.set_defaults(func=cmd_export)

    en = sub.add_parser("entities", help="list entities with type, names, roles and mention counts")
    _add_db(en)
    en.add_argument("--type", help="only this type (PERSON, ORG, GPE, ...)")
    en.add_argument("--limit", type=int, default=50, help="at most this many")
    en.set_defaults(func=cmd_entities)

    e1 = sub.add_parser("entity", help="show one entity: names, roles over time, its timeline, mentions in context")
    _add_db(e1)
    e1.add_argument("name", help="a name or part of one")
    e1.add_argument("--limit", type=int, default=50,
                    help="at most so many timeline events and mentions (default %(default)s; 0: all)")
    e1.set_defaults(func=cmd_entity)

    q = sub.add_parser("quotes", help="list quotes with speaker, date and source")
    _add_db(q)
    q.add_argument("--speaker", help="only quotes by this speaker")
    q.add_argument("--since", help="only from this date on (YYYY-MM-DD)")
    q.set_defaults(func=cmd_quotes)

    ev = sub.add_parser("events", help="list events with participants, dates and sources")
    _add_db(ev)
    ev.add_argument("--actor", help="only events with this participant")
    ev.add_argument("--type", help="only this event type")
    ev.add_argument("--since", help="only from this date on (YYYY-MM-DD)")
    ev.set_defaults(func=cmd_events)

    po = sub.add_parser("positions", help="an actor's positions over time and their changes")
    _add_db(po)
    po.add_argument("name", help="the actor")
    po.set_defaults(func=cmd_positions)

    s = sub.add_parser("search", help="full-text search over sentences (BM25)")
    _add_db(s)
    s.add_argument("query", help="words to search for")
    s.add_argument("--limit", type=int, default=10, help="at most this many hits")
    s.add_argument("--entity", help="only sentences of articles mentioning this entity (id or name)")
    s.add_argument("--thread", help="only articles of this story thread (id; sub-threads included)")
    s.add_argument("--event-type", help="only articles with an event of this type")
    s.add_argument("--from", dest="date_from", help="only articles published on or after this date")
    s.add_argument("--to", dest="date_to", help="only articles published on or before this date")
    s.set_defaults(func=cmd_search)

    a = sub.add_parser("ask", help="answer a question with cited sentences and extracted facts")
    _add_db(a)
    a.add_argument("question", help="a plain question")
    a.add_argument("--limit", type=int, default=5, help="at most this many answers")
    a.set_defaults(func=cmd_ask)

    sv = sub.add_parser("serve", help="serve the web app and the JSON API")
    _add_db(sv)
    sv.add_argument("--host", default="127.0.0.1", help="address to bind (default loopback)")
    sv.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    sv.set_defaults(func=cmd_serve)

    ld = sub.add_parser("load", help="load per-article Parquet results (from a Spark build) into the store")
    _add_db(ld)
    ld.add_argument("parquet", help="directory of Parquet files")
    ld.add_argument("--context", action="store_true", help="as build --context")
    ld.set_defaults(func=cmd_load)

    ev_p = sub.add_parser("eval", help="score storyline on an annotated corpus")
    ev_sub = ev_p.add_subparsers(dest="corpus", metavar="CORPUS")
    from ..eval import CORPORA
    for name, modname in CORPORA.items():
        try:
            mod = importlib.import_module(modname)
        except ImportError:
            continue
        ep = ev_sub.add_parser(name, help=(mod.__doc__ or name).strip().split("\n")[0])
        mod.add_arguments(ep)
        ep.set_defaults(func=cmd_eval, eval_module=mod)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args) or 0
    except StorylineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())

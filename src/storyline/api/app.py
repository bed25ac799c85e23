"""The web app and JSON API over one storyline store (``storyline serve``).

Every HTML page has a JSON twin at the same path under ``/api`` with the same
query parameters; both are built from the same view model
(:mod:`storyline.api.views`). The OpenAPI document is ``/api/openapi.json`` and
``/api/docs`` lists the endpoints (no assets from the internet: everything is
served from the package).

Safety: Jinja2 autoescaping for all HTML; a strict Content-Security-Policy
(scripts and styles only from this server, no inline code); parameters checked
with clear 4xx errors; static files only from the package folder; the server
binds to loopback unless told otherwise, and then only answers requests whose
Host header is a loopback name.
"""
from __future__ import annotations

import functools
import inspect
import ipaddress
import sys
from importlib import resources
from typing import Annotated, Literal

from fastapi import FastAPI, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import library
from ..events.positions import stance_words
from ..search.fulltext import Filters
from ..settings import PIPELINE_VERSION
from ..store.url import shown as store_name
from . import views
from .state import AppState

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
       "require-trusted-types-for 'script'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]

IdPath = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:\-]{1,100}$", description="a record id")]
OptId = Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_.:\-]{0,100}$", description="a record id")]
OptDate = Annotated[str | None, Query(pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$",
                                      description="ISO date prefix: YYYY, YYYY-MM or YYYY-MM-DD")]
Text = Annotated[str, Query(max_length=500, description="free text")]
OptText = Annotated[str | None, Query(max_length=200)]
Limit = Annotated[int, Query(ge=1, le=200, description="at most this many items")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Highlight = Annotated[str | None, Query(pattern=r"^(\d{1,9}-\d{1,9})?$",
                                        description="START-END character offsets to highlight")]


def _none(v):
    return v if v not in ("", None) else None


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("storyline.web", "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["version"] = PIPELINE_VERSION
    env.globals["stance_words"] = stance_words
    return env


def create_app(db: str, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The FastAPI application serving the store at ``db``."""
    state = AppState(db)
    env = _environment()
    app = FastAPI(title="storyline", version=PIPELINE_VERSION,
                  description="Source-grounded analysis of a developing news story: timeline, entities, quotes, "
                              "threads, events, entity graph, full-text search and questions with citations. "
                              "Every fact carries its article id and character offsets.",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.storyline = state
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    static_dir = str(resources.files("storyline.web") / "static")
    app.mount("/static", StaticFiles(directory=static_dir, follow_symlink=False), name="static")

    def render(request: Request, template: str, data: dict, status: int = 200) -> HTMLResponse:
        query = request.url.query
        json_url = "/api" + (request.url.path if request.url.path != "/" else "/timeline") + (f"?{query}" if query else "")
        html = env.get_template(template).render(data=data, json_url=json_url, path=request.url.path)
        return HTMLResponse(html, status_code=status)

    def twin(path: str, template: str, summary: str):
        """Register ``fn`` as the JSON endpoint /api{path} and as the HTML page {path}."""
        def deco(fn):
            app.get("/api" + path, summary=summary, tags=["pages"])(fn)

            @functools.wraps(fn)
            def page(request: Request, **kwargs):
                return render(request, template, fn(**kwargs))

            # the page takes the same parameters as the JSON endpoint, plus the request
            sig = inspect.signature(fn)
            params = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)]
            page.__signature__ = sig.replace(parameters=params + list(sig.parameters.values()),
                                              return_annotation=inspect.Signature.empty)
            app.get(path, response_class=HTMLResponse, include_in_schema=False)(page)
            return fn
        return deco

    def index():
        return state.index

    def not_found(what: str, key: str):
        raise HTTPException(status_code=404, detail=f"no {what} with id {key!r}")

    # -- pages and their JSON twins ---------------------------------------
    @twin("/timeline", "timeline.html", "Timeline entries (dated first, undated in inferred order)")
    def timeline(thread: OptId = None) -> dict:
        ix = index()
        if _none(thread) and thread not in ix.threads:
            not_found("thread", thread)
        return views.timeline_view(ix, thread=_none(thread))

    @twin("/entities", "entities.html", "Entities, most mentioned first")
    def entities(type: Annotated[str | None, Query(pattern=r"^[A-Za-z_]{0,20}$")] = None,
                 q: OptText = None, limit: Annotated[int, Query(ge=1, le=5000)] = 500, offset: Offset = 0) -> dict:
        return views.entities_view(index(), type_=_none(type), q=_none(q), limit=limit, offset=offset)

    @twin("/entities/{eid}", "entity.html", "One entity: names, roles over time, quotes, positions, mentions")
    def entity(eid: IdPath) -> dict:
        data = views.entity_view(index(), eid)
        return data if data is not None else not_found("entity", eid)

    @twin("/quotes", "quotes.html", "Quote explorer")
    def quotes(speaker: OptText = None,
               kind: Annotated[Literal["direct", "partial", "indirect", ""] | None, Query()] = None,
               attributed: Annotated[Literal["yes", "no", ""] | None, Query()] = None,
               q: OptText = None, date_from: Annotated[OptDate, Query(alias="from")] = None,
               date_to: Annotated[OptDate, Query(alias="to")] = None,
               limit: Annotated[int, Query(ge=1, le=5000)] = 500, offset: Offset = 0) -> dict:
        att = {"yes": True, "no": False}.get(attributed or "")
        return views.quotes_view(index(), speaker=_none(speaker), kind=_none(kind), attributed=att, q=_none(q),
                                 date_from=_none(date_from), date_to=_none(date_to), limit=limit, offset=offset)

    @twin("/threads", "threads.html", "Story threads")
    def threads() -> dict:
        return views.threads_view(index())

    @twin("/threads/{tid}", "thread.html", "One thread: articles, events, entities, timeline")
    def thread(tid: IdPath) -> dict:
        data = views.thread_view(index(), tid)
        return data if data is not None else not_found("thread", tid)

    @twin("/events", "events.html", "Events (cross-article clusters)")
    def events(type: Annotated[str | None, Query(pattern=r"^[A-Za-z_\-]{0,40}$")] = None,
               limit: Annotated[int, Query(ge=1, le=5000)] = 500) -> dict:
        return views.events_view(index(), type_=_none(type), limit=limit)

    @twin("/events/{vid}", "event.html", "One event with its mentions")
    def event(vid: IdPath) -> dict:
        data = views.event_view(index(), vid)
        return data if data is not None else not_found("event", vid)

    @twin("/articles", "articles.html", "Stored articles, newest first")
    def articles(date_from: Annotated[OptDate, Query(alias="from")] = None,
                 date_to: Annotated[OptDate, Query(alias="to")] = None,
                 limit: Annotated[int, Query(ge=1, le=100_000)] = 1000) -> dict:
        return views.articles_view(index(), _none(date_from), _none(date_to), limit=limit)

    @twin("/articles/{aid}", "article.html", "One article, its sentences and facts; hl highlights a span")
    def article(aid: IdPath, hl: Highlight = None) -> dict:
        span = tuple(int(x) for x in hl.split("-")) if _none(hl) else None
        if span is not None and span[0] > span[1]:
            raise HTTPException(status_code=422, detail="hl: START must not be after END")
        data = views.article_view(index(), aid, span)
        return data if data is not None else not_found("article", aid)

    @twin("/graph", "graph.html", "Entity relation graph (same sentence or same event)")
    def graph(max_nodes: Annotated[int, Query(ge=1, le=500)] = 80) -> dict:
        return views.graph_view(index(), max_nodes=max_nodes)

    @twin("/search", "search.html", "Full-text search (BM25) with filters")
    def search(q: Text = "", scope: Literal["sentences", "articles"] = "sentences", entity: OptId = None,
               thread: OptId = None, event_type: Annotated[str | None, Query(pattern=r"^[A-Za-z_\-]{0,40}$")] = None,
               date_from: Annotated[OptDate, Query(alias="from")] = None,
               date_to: Annotated[OptDate, Query(alias="to")] = None, limit: Limit = 20,
               offset: Offset = 0) -> dict:
        f = Filters(entity=_none(entity), thread=_none(thread), event_type=_none(event_type),
                    date_from=_none(date_from), date_to=_none(date_to))
        return views.search_view(index(), db, q, f, scope=scope, limit=limit, offset=offset)

    @twin("/ask", "ask.html", "Answer a question with cited sentences and extracted facts")
    def ask(q: Text = "", limit: Annotated[int, Query(ge=1, le=50)] = 5) -> dict:
        return views.ask_view(index(), db, q, limit=limit)

    # -- other endpoints ---------------------------------------------------
    @app.get("/", include_in_schema=False)
    def home(request: Request):
        return render(request, "timeline.html", views.timeline_view(index()))

    @app.get("/api", include_in_schema=False)
    def api_home():
        return {"openapi": "/api/openapi.json", "docs": "/api/docs",
                "endpoints": sorted(p for p in app.openapi()["paths"])}

    @app.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
    def api_docs(request: Request):
        spec = app.openapi()
        eps = []
        for p, ops in sorted(spec["paths"].items()):
            for method, op in ops.items():
                eps.append({"method": method.upper(), "path": p, "summary": op.get("summary", ""),
                            "params": [{"name": x["name"], "in": x["in"], "required": x.get("required", False),
                                        "description": x.get("description", "") or x.get("schema", {}).get("pattern", "")}
                                       for x in op.get("parameters", [])]})
        html = env.get_template("api.html").render(data={"endpoints": eps, "title": spec["info"]["title"],
                                                         "description": spec["info"].get("description", "")},
                                                   json_url="/api/openapi.json", path="/api/docs")
        return HTMLResponse(html)

    @app.get("/api/export/{fmt}", tags=["exports"], summary="The whole analysis in an export format")
    def export(fmt: Literal["json", "timelinejs", "graphml", "csv", "schema"]):
        from ..export import formats

        if fmt == "schema":
            return JSONResponse(library.json_schema())
        text = formats.render(fmt, index().results)
        media = {"json": "application/json", "timelinejs": "application/json",
                 "graphml": "application/graphml+xml", "csv": "text/csv"}[fmt]
        name = {"json": "storyline.json", "timelinejs": "timeline.json", "graphml": "entities.graphml",
                "csv": "events.csv"}[fmt]
        return Response(text, media_type=media + "; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.get("/healthz", include_in_schema=False)
    def healthz():
        return PlainTextResponse("ok")

    # -- errors: JSON under /api, an HTML page elsewhere ------------------
    def _wants_json(request: Request) -> bool:
        return request.url.path == "/api" or request.url.path.startswith("/api/")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = [{"where": ".".join(str(x) for x in e.get("loc", ())), "message": e.get("msg", "invalid")}
                    for e in exc.errors()]
        body = {"error": "invalid request", "status": 422, "problems": problems}
        if _wants_json(request):
            return JSONResponse(body, status_code=422)
        return _error_page(request, 422, "invalid request", problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else "error"
        if _wants_json(request) or request.url.path.startswith("/static/"):
            return JSONResponse({"error": detail, "status": exc.status_code}, status_code=exc.status_code)
        return _error_page(request, exc.status_code, detail, [])

    def _error_page(request: Request, status: int, message: str, problems: list) -> HTMLResponse:
        html = env.get_template("error.html").render(
            data={"status": status, "message": message, "problems": problems}, json_url=None, path=request.url.path)
        return HTMLResponse(html, status_code=status)

    return app


def is_loopback(host: str) -> bool:
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(db: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the app with uvicorn. Loopback by default; another address is
    allowed but announced, and then any Host header is accepted."""
    import uvicorn

    library.load(db)  # fail early with a clear StoreError when there is no usable store
    if is_loopback(host):
        allowed = LOOPBACK_HOSTS
    else:
        allowed = None
        print(f"warning: serving on {host}, reachable from other machines; the app has no authentication",
              file=sys.stderr)
    app = create_app(db, allowed_hosts=allowed)
    shown = f"[{host}]" if ":" in host else host
    print(f"storyline: serving {store_name(db)} at http://{shown}:{port}/  (JSON API under /api, Ctrl-C to stop)",
          file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)

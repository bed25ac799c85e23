"""Web safety (issue 10): article text, titles and names are escaped in every
page; strict CSP on every response; no internet assets; no javascript: links;
no path traversal through static files."""
import re
import sys
import warnings
from importlib import resources
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "web"))
from webfixture import built_db  # noqa: E402

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from storyline.api.app import create_app  # noqa: E402

RAW_ATTACKS = ["<script>alert", "<img src=x onerror", 'href="javascript:', "<b>bad source</b>",
               "<script>alert('thread')", "<script>alert('speaker')"]


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(built_db("rich")))


@pytest.fixture(scope="module")
def pages(client):
    aid = next(a["id"] for a in client.get("/api/export/json").json()["articles"] if a["external_id"] == "w-05")
    urls = ["/", "/timeline", "/articles", "/entities", "/quotes", "/threads", "/threads/T2", "/threads/T1", "/events",
            "/events/V3", "/graph", "/search?q=reader+note", "/search?q=strange&scope=articles",
            "/ask?q=What+did+the+note+say%3F", f"/articles/{aid}", f"/articles/{aid}?hl=14-43",
            "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/ask?q=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E",
            "/quotes?q=%3Cimg", "/entities/%3Cscript%3E", "/api/docs"]
    return {u: client.get(u) for u in urls}


def test_malicious_text_is_escaped_everywhere(pages):
    for url, r in pages.items():
        assert r.status_code in (200, 422), url
        for attack in RAW_ATTACKS:
            assert attack not in r.text, (url, attack)
        tags = _tags(r.text)
        for tag, attrs in tags:
            assert not any(k.startswith("on") for k in attrs), (url, tag, attrs)  # no event handler attribute
            if tag == "link" and attrs.get("rel") == "icon" and attrs.get("href") == "data:,":
                continue  # the empty icon that keeps browsers from asking for /favicon.ico
            for k in ("href", "src", "action"):
                assert not (attrs.get(k) or "").strip().lower().startswith(("javascript:", "data:")), (url, attrs)
            if tag == "script":
                assert (attrs.get("src") or "").startswith("/static/"), url  # only our own script files
        assert [t for t, _ in tags if t in ("img", "iframe", "object", "embed")] == [], url


def _tags(html: str) -> list[tuple[str, dict]]:
    """Every start tag the browser's parser would see, with its attributes."""
    from html.parser import HTMLParser

    found = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, {k: v for k, v in attrs}))

    P(convert_charrefs=True).feed(html)
    return found


def test_escaped_text_is_still_shown(pages):
    html = next(r.text for u, r in pages.items() if u.startswith("/articles/") and "hl" not in u)
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    assert "javascript:alert(3)" in html and 'href="javascript' not in html  # shown as text, never a link


def test_strict_csp_and_headers_on_every_response(client, pages):
    for r in [*pages.values(), client.get("/api/timeline"), client.get("/static/app.css"), client.get("/nope")]:
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "require-trusted-types-for 'script'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_no_inline_script_or_style_and_no_internet_assets():
    folder = resources.files("storyline.web")
    for f in list((folder / "templates").iterdir()) + list((folder / "static").iterdir()):
        if not f.name.endswith((".html", ".css", ".js")):
            continue
        text = f.read_text("utf-8")
        assert not re.search(r"(src|href)=\"(https?:)?//", text), f.name
        assert "@import" not in text and "url(http" not in text, f.name
        assert "innerHTML" not in text and "eval(" not in text, f.name
        if f.name.endswith(".html"):
            assert not re.search(r"<script(?![^>]*\bsrc=)", text), f.name  # no inline scripts
            assert " style=" not in text, f.name  # no inline styles (CSP style-src 'self')


def test_static_files_cannot_escape_their_folder(client):
    for url in ["/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2fapp.py",
                "/static//etc/passwd", "/static/%2fetc%2fpasswd"]:
        r = client.get(url)
        assert r.status_code == 404, url
        assert "root:" not in r.text


def test_ids_are_checked_before_use(client):
    assert client.get("/api/entities/a..b%2F").status_code in (404, 422)
    assert client.get("/api/articles/a'b").status_code == 422
    assert client.get("/api/threads/" + "x" * 101).status_code == 422

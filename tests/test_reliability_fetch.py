"""Fetching feeds and pages: private addresses refused unless allowed; limits on
size, redirects, content type and time. Traffic stays on 127.0.0.1."""
from __future__ import annotations

import http.server
import socket
import threading

import pytest

from storyline.errors import FetchError, InputError, InputTooLarge
from storyline.ingest.fetch import check_address, fetch_url
from storyline.ingest.readers import read_path
from storyline.records import Article
from storyline.settings import Settings

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>
<item><title>Bridge opens</title><pubDate>Mon, 06 May 2024 09:00:00 +0000</pubDate>
<description>The new bridge opened to traffic on Monday, the city said.</description></item></channel></rss>"""


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_GET(self):
        if self.path == "/feed":
            self._send(200, "application/rss+xml", FEED)
        elif self.path == "/big":
            self._send(200, "text/html", b"<p>" + b"x" * 50_000 + b"</p>")
        elif self.path == "/binary":
            self._send(200, "application/octet-stream", b"\x00\x01")
        elif self.path.startswith("/loop"):
            n = int(self.path[5:] or 0)
            self.send_response(302)
            self.send_header("Location", f"/loop{n + 1}")
            self.end_headers()
        elif self.path == "/host":
            self._send(200, "text/plain", self.headers.get("Host", "").encode())
        elif self.path == "/redirect-once":
            self.send_response(301)
            self.send_header("Location", "/feed")
            self.end_headers()
        else:
            self._send(404, "text/plain", b"no")

    def _send(self, code, ctype, body):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    th = threading.Thread(target=srv.serve_forever, daemon=True)
    th.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


ALLOW = Settings(allow_private_urls=True, fetch_max_bytes=10_000, fetch_timeout=5)


@pytest.mark.parametrize("url", ["http://127.0.0.1/feed", "http://localhost/x", "http://10.0.0.1/",
                                 "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data",
                                 "http://[::1]/", "file:///etc/passwd", "ftp://example.org/"])
def test_fetch_refuses_private_and_non_http(url):
    with pytest.raises(FetchError):
        check_address(url)


def test_fetch_private_refused_by_default_through_read_path(server):
    items = list(read_path(server + "/feed"))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert "non-public address" in str(items[0])


def test_fetch_feed_when_allowed_and_one_redirect(server):
    arts = [a for a in read_path(server + "/redirect-once", ALLOW) if isinstance(a, Article)]
    assert len(arts) == 1 and arts[0].title == "Bridge opens" and arts[0].published.startswith("2024-05-06")


def test_fetch_limits_size_type_redirects(server):
    with pytest.raises(InputTooLarge):
        fetch_url(server + "/big", ALLOW)
    with pytest.raises(InputError, match="content type"):
        fetch_url(server + "/binary", ALLOW)
    with pytest.raises(InputError, match="redirects"):
        fetch_url(server + "/loop0", ALLOW)
    with pytest.raises(InputError, match="HTTP 404"):
        fetch_url(server + "/missing", ALLOW)


def test_fetch_connects_to_the_checked_address_not_a_second_answer(server, monkeypatch):
    """DNS rebinding: the name first resolves to the (allowed) test server, then to an
    address nobody listens on. The connection must use the address that was checked."""
    port = int(server.rsplit(":", 1)[1])
    real = socket.getaddrinfo
    answers = iter(["127.0.0.1"] + ["10.255.255.1"] * 10)

    def fake(host, *args, **kwargs):
        if host == "rebind.test":
            ip = next(answers)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    for var in ("http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(var, raising=False)
    quick = Settings(allow_private_urls=True, fetch_max_bytes=10_000, fetch_timeout=2)
    data, ctype = fetch_url(f"http://rebind.test:{port}/host", quick)
    assert data.decode() == f"rebind.test:{port}" and ctype.startswith("text/plain")


def test_fetch_check_returns_the_addresses_it_allowed():
    assert check_address("http://127.0.0.1:8080/x", allow_private=True) == ["127.0.0.1"]

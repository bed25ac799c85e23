"""Fetching feeds and pages over HTTP(S) with limits: timeout, size, redirects,
content type, and no private/loopback/link-local addresses unless allowed."""
from __future__ import annotations

import ipaddress
import socket
import urllib.parse
import urllib.request

from ..errors import FetchError, InputError, InputTooLarge
from ..settings import Settings

ALLOWED_TYPES = ("text/", "application/xml", "application/rss", "application/atom",
                 "application/xhtml", "application/json", "application/rdf")
MAX_REDIRECTS = 5


def check_address(url: str, allow_private: bool = False) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    host = parts.hostname
    if not host:
        raise FetchError(f"{url}: no host in URL")
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise FetchError(f"{url}: cannot resolve host {host!r}: {exc}") from exc
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if not allow_private and (ip.is_private or ip.is_loopback or ip.is_link_local or
                                  ip.is_reserved or ip.is_multicast or ip.is_unspecified):
            raise FetchError(f"{url}: refusing to fetch from non-public address {ip} "
                             "(use --allow-private-urls to allow)")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D401
        return None


def fetch_url(url: str, settings: Settings | None = None) -> tuple[bytes, str]:
    settings = settings or Settings()
    opener = urllib.request.build_opener(_NoRedirect)
    for _ in range(MAX_REDIRECTS + 1):
        check_address(url, settings.allow_private_urls)
        req = urllib.request.Request(url, headers={"User-Agent": "storyline/0.1"})
        try:
            resp = opener.open(req, timeout=settings.fetch_timeout)
        except urllib.error.HTTPError as exc:
            if exc.code in (301, 302, 303, 307, 308) and exc.headers.get("Location"):
                url = urllib.parse.urljoin(url, exc.headers["Location"])
                continue
            raise InputError(f"HTTP {exc.code}", url) from exc
        except (urllib.error.URLError, OSError) as exc:
            raise InputError(f"cannot fetch: {exc}", url) from exc
        with resp:
            ctype = (resp.headers.get("Content-Type") or "").lower()
            if ctype and not ctype.startswith(ALLOWED_TYPES):
                raise InputError(f"unexpected content type {ctype!r}", url)
            data = resp.read(settings.fetch_max_bytes + 1)
            if len(data) > settings.fetch_max_bytes:
                raise InputTooLarge(f"response over {settings.fetch_max_bytes} bytes", url)
            return data, ctype
    raise InputError(f"more than {MAX_REDIRECTS} redirects", url)

"""Fetching feeds and pages over HTTP(S) with limits: timeout, size, redirects,
content type, and no private/loopback/link-local addresses unless allowed.

The host name is resolved once, every address is checked, and the connection is made to a
checked address (the name still goes in the Host header and the TLS server name), so a DNS
answer that changes between the check and the connection (DNS rebinding) cannot reach a
private address. When a proxy is configured for the scheme the proxy resolves the name and
this pinning does not apply."""
from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.parse
import urllib.request

from ..errors import FetchError, InputError, InputTooLarge
from ..settings import Settings

ALLOWED_TYPES = ("text/", "application/xml", "application/rss", "application/atom",
                 "application/xhtml", "application/json", "application/rdf")
MAX_REDIRECTS = 5


def check_address(url: str, allow_private: bool = False) -> list[str]:
    """Resolve the URL's host, refuse non-public addresses unless allowed, and return the
    checked addresses (in resolver order) for the connection to use."""
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
    checked: list[str] = []
    for info in infos:
        address = info[4][0]
        ip = ipaddress.ip_address(address.split("%")[0])
        if not allow_private and (ip.is_private or ip.is_loopback or ip.is_link_local or
                                  ip.is_reserved or ip.is_multicast or ip.is_unspecified):
            raise FetchError(f"{url}: refusing to fetch from non-public address {ip} "
                             "(use --allow-private-urls to allow)")
        if address not in checked:
            checked.append(address)
    if not checked:
        raise FetchError(f"{url}: host {host!r} has no address")
    return checked


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D401
        return None


def _pinned(connection_class, addresses: list[str]):
    """A connection class that connects to one of `addresses` instead of resolving its host
    again; everything else (Host header, TLS server name and certificate check) keeps the
    host name."""
    class Pinned(connection_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._create_connection = self._connect_checked

        def _connect_checked(self, address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT,
                             source_address=None):
            error: OSError | None = None
            for ip in addresses:
                try:
                    return socket.create_connection((ip, address[1]), timeout, source_address)
                except OSError as exc:
                    error = exc
            raise error or OSError("no address to connect to")
    return Pinned


def _opener(url: str, addresses: list[str]) -> urllib.request.OpenerDirector:
    scheme = urllib.parse.urlsplit(url).scheme
    if urllib.request.getproxies().get(scheme):
        return urllib.request.build_opener(_NoRedirect)

    class PinnedHTTP(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(_pinned(http.client.HTTPConnection, addresses), req)

    class PinnedHTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(_pinned(http.client.HTTPSConnection, addresses), req,
                                context=self._context)

    return urllib.request.build_opener(_NoRedirect, PinnedHTTP, PinnedHTTPS)


def fetch_url(url: str, settings: Settings | None = None) -> tuple[bytes, str]:
    settings = settings or Settings()
    for _ in range(MAX_REDIRECTS + 1):
        addresses = check_address(url, settings.allow_private_urls)
        opener = _opener(url, addresses)
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

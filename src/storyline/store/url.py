"""Naming a store: a file path is SQLite, a ``postgresql://`` (or ``postgres://``)
URL is PostgreSQL; ``shown`` is how a store is named in messages and logs, a
URL's password masked."""
from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

PG_SCHEMES = ("postgresql", "postgres")
MASK = "***"
_QUERY_PASSWORD = re.compile(r"(?i)(\bpassword=)[^&]*")


def is_postgres_url(db: str | object) -> bool:
    return isinstance(db, str) and db.split("://", 1)[0].lower() in PG_SCHEMES and "://" in db


def shown(db: str | object) -> str:
    """``db`` as it may be printed: a URL without its password."""
    text = str(db)
    if not is_postgres_url(text):
        return text
    try:
        parts = urlsplit(text)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, host = netloc.rsplit("@", 1)
            if ":" in userinfo:
                userinfo = userinfo.split(":", 1)[0] + ":" + MASK
            netloc = f"{userinfo}@{host}"
        return urlunsplit((parts.scheme, netloc, parts.path, _QUERY_PASSWORD.sub(r"\1" + MASK, parts.query),
                           parts.fragment))
    except ValueError:  # not even a URL's shape: show the scheme only
        return text.split("://", 1)[0] + "://" + MASK


def scrub(message: str, db: str) -> str:
    """``message`` with every occurrence of ``db``'s password replaced by the mask."""
    try:
        password = urlsplit(db).password
    except ValueError:
        password = None
    found = _QUERY_PASSWORD.search(db)
    for secret in (password, found.group(0).split("=", 1)[1] if found else None):
        if secret:
            message = message.replace(secret, MASK)
    return message

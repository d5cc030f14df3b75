"""Where to send a browser back to: only a path on this site, never another site.

A ``next`` value comes from the address bar or a form, so an attacker chooses it. Browsers
read a ``Location`` header leniently (the WHATWG URL standard): they drop tabs and newlines
anywhere, drop leading and trailing spaces and control characters, and treat a backslash as
a slash. ``/%09/evil.example/`` (a tab, decoded from the query string) therefore becomes
``//evil.example/``, a link to another site. :func:`safe_path` first does to the value what a
browser would, then accepts it only if what remains is a plain path on this site with no
whitespace or control character left in it; the value returned is the normalised one, so what
was checked is exactly what is sent.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

MAX_LENGTH = 2000
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def _browser_form(target: str) -> str:
    r"""``target`` as a browser reads it: tabs and newlines dropped, ends trimmed, ``\`` as ``/``."""
    return target.translate({9: None, 10: None, 13: None}).strip(_C0_AND_SPACE).replace("\\", "/")


def _odd(ch: str) -> bool:
    """Whitespace or an invisible control or format character, which no path of this site contains."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp", "Zs")


def safe_path(target: str | None) -> str | None:
    r"""The same-site path ``target`` names after normalising it, or ``None`` if it is not one.

    Accepted: an absolute path (``/people/3?tab=consent``). Refused: anything with a scheme or a
    host (``https://x``, ``//x``, ``/\x``, ``/<tab>/x``), whitespace or control characters left inside
    once tabs and newlines are dropped (``/ /x``), relative paths (``people``), and values longer than
    2,000 characters.

    Examples
    --------
    >>> safe_path("/people/3?tab=consent")
    '/people/3?tab=consent'
    >>> safe_path("/\t/evil.example/") is None
    True
    >>> safe_path("/\\evil.example") is None, safe_path("https://evil.example") is None
    (True, True)
    >>> safe_path(" /counsellor ")
    '/counsellor'
    """
    if not target or len(target) > MAX_LENGTH:
        return None
    path = _browser_form(target)
    if not path.startswith("/") or path.startswith("//") or any(_odd(ch) for ch in path):
        return None
    parts = urlsplit(path)
    if parts.scheme or parts.netloc:
        return None
    return path


def safe_next(target: str | None, fallback: str) -> str:
    """:func:`safe_path` of ``target``, else ``fallback`` (a path of this site, e.g. the start page)."""
    return safe_path(target) or fallback

"""Open redirects: ``next`` after sign-in, the second step and a language change stays on the site.

:func:`web.infra.redirects.safe_path` is checked two ways: a table of payloads known to fool other
checks (each refused, or accepted only as a path of this site), and a Hypothesis property over
adversarial strings: every value it accepts, resolved with ``urllib`` against the app's origin
(as is, and as a browser's URL parser would read it), stays on that origin.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import pyotp
import pytest
from flask.testing import FlaskClient
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.web.conftest import AuthActions
from web.infra.db import session
from web.infra.redirects import safe_path
from web.storage.demo_data import DEMO_PASSWORD
from web.storage.schema import User

ORIGIN = "https://pathways.example.org"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

#: Payloads that send a browser elsewhere unless refused (the first is the one the review found).
ELSEWHERE = [
    "/\t/evil.example/",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example",
    "\\/evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/ /evil.example",
    "/search?q=a b",
    " //evil.example",
    "/\x00/evil.example",
    "/\x0b/evil.example",
    "/\x1f/evil.example",
    "/\u200b/evil.example",
    "/\u00a0/evil.example",
    "/\u3000/evil.example",
    "/\u2028/evil.example",
    "https://evil.example/",
    "http:/evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "",
    "/" + "a" * 2000,
]
#: Same-site paths that must keep working (value sent -> path followed).
SAME_SITE = [
    ("/", "/"),
    ("/people/new", "/people/new"),
    ("/people/3?tab=consent#top", "/people/3?tab=consent#top"),
    ("/%2F%2Fevil.example", "/%2F%2Fevil.example"),  # an encoded slash is a path segment, not a host
    ("/%09/evil.example/", "/%09/evil.example/"),  # still encoded: a path here
    (" /counsellor\n", "/counsellor"),
    ("/people/\u00e9", "/people/\u00e9"),
]


def _browser_reading(location: str) -> str:
    """What a WHATWG URL parser does first: drop tabs and newlines, trim C0 and spaces, ``\\`` as ``/``."""
    trimmed = re.sub(r"[\t\n\r]", "", location).strip("".join(chr(c) for c in range(0x21)))
    return trimmed.replace("\\", "/")


def _stays_home(path: str) -> bool:
    for seen in (path, _browser_reading(path)):
        resolved = urlsplit(urljoin(ORIGIN + "/somewhere/page", seen))
        if (resolved.scheme, resolved.netloc) != ("https", "pathways.example.org"):
            return False
    return True


@pytest.mark.parametrize("payload", ELSEWHERE, ids=repr)
def test_known_payloads_are_refused(payload: str) -> None:
    assert safe_path(payload) is None


@pytest.mark.parametrize(("sent", "followed"), SAME_SITE, ids=repr)
def test_same_site_paths_are_kept(sent: str, followed: str) -> None:
    assert safe_path(sent) == followed
    assert _stays_home(followed)


#: Pieces that fool URL checks, joined in any order: separators, schemes, hosts and invisible characters.
PIECES = [
    *"/\\\t\n\r\x00\x0b\x0c\x1f @:.?#%&=;",
    *["\u00a0", "\u200b", "\u2028", "\u3000", "\ufeff", "\u0085", "\x7f"],
    *["http", "https:", "javascript:", "//", "evil.example", "%09", "%2f", "%5c", "localhost"],
]
ADVERSARIAL = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(ADVERSARIAL, st.text(max_size=40)))
@example("/\t/evil.example/")
@example("/\\\\evil.example")
def test_every_accepted_value_stays_on_the_origin(target: str) -> None:
    accepted = safe_path(target)
    if accepted is None:
        return
    assert _stays_home(accepted), (target, accepted)
    assert accepted.startswith("/") and not accepted.startswith("//")
    assert not re.search(r"[\s\\\x00-\x1f\x7f]", accepted)  # nothing a browser would rewrite


def _sign_in(client: FlaskClient, next_value: str) -> Any:
    token = AuthActions(client).csrf()
    return client.post(
        f"/auth/login?next={quote(next_value, safe='')}",
        data={"username": "counsellor.a", "password": DEMO_PASSWORD, "csrf_token": token},
    )


@pytest.mark.parametrize("payload", ["/\t/evil.example/", "/\\evil.example", "//evil.example/"], ids=repr)
def test_sign_in_never_redirects_elsewhere(client: FlaskClient, payload: str) -> None:
    response = _sign_in(client, payload)
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_sign_in_follows_a_same_site_next(client: FlaskClient) -> None:
    assert _sign_in(client, "/people/new").headers["Location"] == "/people/new"


@pytest.mark.parametrize("payload", ["/\t/evil.example/", "/\\evil.example"], ids=repr)
def test_the_second_step_never_redirects_elsewhere(client: FlaskClient, app: Any, payload: str) -> None:
    with app.app_context():
        db = session()
        db.execute(select(User).where(User.username == "counsellor.a")).scalar_one().totp_secret = SECRET
        db.commit()
    assert _sign_in(client, payload).headers["Location"] == "/auth/totp/verify"
    done = client.post(
        "/auth/totp/verify", data={"code": pyotp.TOTP(SECRET).now(), "csrf_token": AuthActions(client).csrf()}
    )
    assert done.status_code == 302 and done.headers["Location"] == "/"


@pytest.mark.parametrize("payload", ["/\t/evil.example/", "/\\evil.example", "/\n/evil.example"], ids=repr)
def test_the_language_switch_never_redirects_elsewhere(client: FlaskClient, payload: str) -> None:
    token = AuthActions(client).csrf()
    response = client.post("/account/language", data={"language": "es", "next": payload, "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/"

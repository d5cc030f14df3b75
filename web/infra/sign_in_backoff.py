"""Exponential back-off after failed sign-ins, per (account, address) and per address.

A hard lock (five wrong tries, fifteen minutes, from anywhere) let anyone lock a counsellor
out, and only real accounts locked, which told an attacker which usernames exist. Here:

- failures are counted per (typed username, client address) and per client address, for real
  and unknown usernames alike, in the ``sign_in_failures`` table (shared by every worker, on
  SQLite and PostgreSQL), under keyed hashes (HMAC with the app's secret key) of the username
  and address, never the values themselves;
- after a number of free failures (``LOGIN_FREE_FAILURES_PER_ACCOUNT`` from one address,
  ``LOGIN_FREE_FAILURES_PER_ADDRESS`` from one address in all), each further failure makes the
  next attempt wait twice as long: ``LOGIN_FIRST_DELAY_S`` (1 second), then 2, 4, 8 ... seconds,
  at most ``LOGIN_MAX_DELAY_S`` (15 minutes);
- a count is forgotten ``LOGIN_FORGET_FAILURES_S`` after its last failure;
- a successful sign-in clears its own (account, address) count and is never counted against
  the address: one NGO office behind one router signs in many times a day.

So a trafficker guessing from their own address slows only themselves; the counsellor signs
in from the office as usual. A second factor's wrong codes count the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from web.storage.schema import SignInFailure, utcnow


@dataclass(frozen=True)
class Policy:
    """How many failures are free, the first and the longest wait, and when failures are forgotten."""

    free_failures: int
    first_delay_s: float
    max_delay_s: float
    forget_after_s: float

    def wait_s(self, failures: int) -> float:
        """Seconds to wait after the last of ``failures`` failures.

        Examples
        --------
        >>> policy = Policy(free_failures=5, first_delay_s=1, max_delay_s=900, forget_after_s=3600)
        >>> [policy.wait_s(n) for n in (0, 4, 5, 6, 7, 20)]
        [0.0, 0.0, 1.0, 2.0, 4.0, 900.0]
        """
        if failures < self.free_failures:
            return 0.0
        doubled = self.first_delay_s * 2.0 ** min(failures - self.free_failures, 60)
        return float(min(self.max_delay_s, doubled))


@dataclass(frozen=True)
class Keys:
    """The keyed hashes of one attempt: its (account, address), the address, and the account alone."""

    pair: str
    address: str
    account: str


def keys(secret: str, username: str, address: str) -> Keys:
    """Keyed hashes for ``username`` (trimmed, lower-case) from ``address``.

    Examples
    --------
    >>> a, b = keys("s", "Admin ", "10.0.0.1"), keys("s", "admin", "10.0.0.1")
    >>> a == b, a.pair != a.address != a.account, len(a.pair)
    (True, True, 64)
    """

    def mac(*parts: str) -> str:
        message = "\x00".join(parts).encode("utf-8", "surrogatepass")
        return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()

    name = username.strip().lower()
    return Keys(
        pair=mac("pair", name, address), address=mac("address", address), account=mac("account", name)
    )


def policies(config: Any) -> tuple[Policy, Policy]:
    """The (account, address) and address policies from the app's configuration."""
    first = float(config.get("LOGIN_FIRST_DELAY_S", 1))
    longest = float(config.get("LOGIN_MAX_DELAY_S", 900))
    forget = float(config.get("LOGIN_FORGET_FAILURES_S", 3600))
    return (
        Policy(int(config.get("LOGIN_FREE_FAILURES_PER_ACCOUNT", 5)), first, longest, forget),
        Policy(int(config.get("LOGIN_FREE_FAILURES_PER_ADDRESS", 30)), first, longest, forget),
    )


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _remaining(row: SignInFailure | None, policy: Policy, now: dt.datetime) -> float:
    if row is None:
        return 0.0
    last = _aware(row.last_failure_at)
    if (now - last).total_seconds() > policy.forget_after_s:
        return 0.0
    return max(0.0, policy.wait_s(row.failures) - (now - last).total_seconds())


def retry_after_s(db: Session, found: Keys, config: Any, now: dt.datetime | None = None) -> int:
    """Whole seconds until an attempt with these keys may be tried; 0 when it may be tried now."""
    now = now or utcnow()
    per_pair, per_address = policies(config)
    rows = {
        row.key: row
        for row in db.execute(
            select(SignInFailure).where(SignInFailure.key.in_((found.pair, found.address)))
        ).scalars()
    }
    wait = max(
        _remaining(rows.get(found.pair), per_pair, now), _remaining(rows.get(found.address), per_address, now)
    )
    return math.ceil(wait)


def record_failure(db: Session, found: Keys, config: Any, now: dt.datetime | None = None) -> None:
    """Count a failure against the (account, address) and the address, in the caller's transaction.

    Each count goes up in one statement (an upsert), so attempts racing in several workers all count;
    a count whose last failure is older than the forgetting time starts again at 1.
    """
    now = now or utcnow()
    forget = dt.timedelta(seconds=policies(config)[0].forget_after_s)
    insert = postgresql.insert if db.get_bind().dialect.name == "postgresql" else sqlite.insert
    db.execute(delete(SignInFailure).where(SignInFailure.last_failure_at < now - forget))
    for key, account in ((found.pair, found.account), (found.address, None)):
        first = {"key": key, "account_key": account, "failures": 1, "last_failure_at": now}
        statement = insert(SignInFailure).values(**first)
        db.execute(
            statement.on_conflict_do_update(
                index_elements=[SignInFailure.key],
                set_={
                    "failures": case(
                        (SignInFailure.last_failure_at < now - forget, 1), else_=SignInFailure.failures + 1
                    ),
                    "last_failure_at": now,
                },
            )
        )


def record_success(db: Session, found: Keys) -> None:
    """Forget the (account, address) count after a good sign-in; the address count is left as it is."""
    db.execute(delete(SignInFailure).where(SignInFailure.key == found.pair))


def account_key(secret: str, username: str) -> str:
    """The keyed hash of an account's username alone (see :func:`keys`)."""
    return keys(secret, username, "").account


def slowed(db: Session, secret: str, username: str, config: Any, now: dt.datetime | None = None) -> bool:
    """True while some address must wait before trying this account again."""
    now = now or utcnow()
    per_pair = policies(config)[0]
    rows = db.execute(
        select(SignInFailure).where(SignInFailure.account_key == account_key(secret, username))
    ).scalars()
    return any(_remaining(row, per_pair, now) > 0 for row in rows)


def clear_account(db: Session, secret: str, username: str) -> None:
    """Forget every (account, address) count of this account (an administrator's unlock)."""
    db.execute(delete(SignInFailure).where(SignInFailure.account_key == account_key(secret, username)))

"""Sliding-window rate limits (sign-in attempts per client address), in Redis or in-process.

Per-account lockout (``web.auth``) stops guessing one password; this stops one address
trying many accounts. With ``REDIS_URL`` configured the counts are shared by every
worker process; otherwise each process keeps its own.
"""

from __future__ import annotations

import math
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

LOGIN_LIMIT = 20
LOGIN_WINDOW_S = 15 * 60


@dataclass(frozen=True)
class Decision:
    """Whether one more attempt is allowed now, and if not, how long to wait."""

    allowed: bool
    retry_after_s: int = 0


class RateLimiter(Protocol):
    """Counts hits per key over a sliding window."""

    def hit(self, key: str) -> Decision:
        """Count an attempt for ``key`` and say whether it is within the limit."""
        ...  # pragma: no cover

    def reset(self, key: str) -> None:
        """Forget ``key``'s attempts."""
        ...  # pragma: no cover


class MemoryRateLimiter:
    """In-process sliding-window log; thread-safe.

    Examples
    --------
    >>> now = [0.0]
    >>> limiter = MemoryRateLimiter(limit=2, window_s=60, clock=lambda: now[0])
    >>> [limiter.hit("1.2.3.4").allowed for _ in range(3)]
    [True, True, False]
    >>> limiter.hit("1.2.3.4").retry_after_s
    60
    >>> now[0] = 61.0
    >>> limiter.hit("1.2.3.4").allowed
    True
    """

    def __init__(self, limit: int, window_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window_s = window_s
        self.clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> Decision:
        """Count an attempt; refused attempts are not counted."""
        now = self.clock()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window_s:
                hits.popleft()
            if len(hits) >= self.limit:
                return Decision(False, max(1, math.ceil(hits[0] + self.window_s - now)))
            hits.append(now)
            if len(self._hits) > 100_000:  # bound memory under a spray of addresses
                self._hits = {k: v for k, v in self._hits.items() if v and v[-1] > now - self.window_s}
            return Decision(True)

    def reset(self, key: str) -> None:
        """Forget ``key``."""
        with self._lock:
            self._hits.pop(key, None)


#: Trim, count, and add in one atomic step, so concurrent workers cannot overshoot the limit.
_REDIS_HIT = """
local key, now, window, limit = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) >= limit then
  return {0, redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2]}
end
redis.call('ZADD', key, now, ARGV[4])
redis.call('EXPIRE', key, math.ceil(window))
return {1, '0'}
"""


class RedisRateLimiter:
    """Sliding-window log in a Redis sorted set per key, shared by all processes."""

    def __init__(self, client: Any, limit: int, window_s: float, prefix: str = "pathways:ratelimit:") -> None:
        self.client = client
        self.limit = limit
        self.window_s = window_s
        self.prefix = prefix
        self._script = client.register_script(_REDIS_HIT)

    def hit(self, key: str) -> Decision:
        """Count an attempt atomically; refused attempts are not counted."""
        now = time.time()
        member = f"{now:.6f}-{secrets.token_hex(4)}"
        allowed, oldest = self._script(
            keys=[self.prefix + key], args=[now, self.window_s, self.limit, member]
        )
        if int(allowed):
            return Decision(True)
        return Decision(False, max(1, math.ceil(float(oldest) + self.window_s - now)))

    def reset(self, key: str) -> None:
        """Forget ``key``."""
        self.client.delete(self.prefix + key)


def make_limiter(redis_url: str | None, limit: int, window_s: float, prefix: str) -> RateLimiter:
    """A Redis-backed limiter when ``redis_url`` is given, else an in-process one."""
    if redis_url:
        import redis

        return RedisRateLimiter(redis.Redis.from_url(redis_url), limit, window_s, prefix)
    return MemoryRateLimiter(limit, window_s)


def login_limiter(app: Any) -> RateLimiter:
    """The app's sign-in limiter, made on first use from ``REDIS_URL`` and ``LOGIN_RATE_*`` settings."""
    limiter: RateLimiter | None = app.extensions.get("pathways.login_limiter")
    if limiter is None:
        limiter = make_limiter(
            app.config.get("REDIS_URL"),
            int(app.config.get("LOGIN_RATE_LIMIT", LOGIN_LIMIT)),
            float(app.config.get("LOGIN_RATE_WINDOW_S", LOGIN_WINDOW_S)),
            str(app.config.get("LOGIN_RATE_PREFIX", "pathways:ratelimit:login:")),
        )
        app.extensions["pathways.login_limiter"] = limiter
    return limiter


def check_login() -> None:
    """Count a sign-in attempt from this address; past the limit, stop with 429 (audited).

    Called first in the sign-in view's POST branch.
    """
    from flask import abort, current_app, flash, render_template, request
    from flask_babel import gettext as _

    from web import audit
    from web.db import session

    decision = login_limiter(current_app).hit(request.remote_addr or "unknown")
    if decision.allowed:
        return
    db = session()
    audit.record(db, "login_rate_limited", object_type="route", object_id="auth.login", outcome="denied")
    db.commit()
    minutes = max(1, math.ceil(decision.retry_after_s / 60))
    flash(
        _("Too many sign-in attempts from this network. Try again in %(minutes)s minutes.", minutes=minutes),
        "error",
    )
    page = current_app.make_response(
        (render_template("auth/login.html", username=request.form.get("username", "")), 429)
    )
    page.headers["Retry-After"] = str(decision.retry_after_s)
    abort(page)

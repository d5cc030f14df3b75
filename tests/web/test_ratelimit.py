"""Sign-in rate limits per client address, in-process and in Redis (web/ratelimit.py)."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from web.db import session
from web.ratelimit import MemoryRateLimiter, RedisRateLimiter, login_limiter
from web.storage.schema import AuditEvent

REDIS_URL = os.environ.get("PATHWAYS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture()
def redis_client() -> Iterator[Any]:
    """A client on Redis db 15, or a skip outside CI when Redis is not running (a failure in CI)."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}; .ci/run should have started it")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    yield client
    client.close()


@pytest.fixture()
def prefix(redis_client: Any) -> Iterator[str]:
    """A key prefix no other test uses; its keys are deleted afterwards."""
    value = f"pathways-test:{uuid.uuid4().hex}:"
    yield value
    for key in redis_client.scan_iter(match=value + "*"):
        redis_client.delete(key)


@pytest.mark.parametrize(
    ("limit", "attempts", "allowed"),
    [
        (1, 1, [True]),
        (1, 2, [True, False]),
        (3, 5, [True, True, True, False, False]),
        (20, 21, [True] * 20 + [False]),
    ],
)
def test_memory_limiter_allows_up_to_the_limit(limit: int, attempts: int, allowed: list[bool]) -> None:
    limiter = MemoryRateLimiter(limit, 60, clock=lambda: 100.0)
    assert [limiter.hit("10.0.0.1").allowed for _ in range(attempts)] == allowed
    assert limiter.hit("10.0.0.2").allowed  # another address has its own count


def test_memory_window_slides_and_reset_forgets() -> None:
    now = [0.0]
    limiter = MemoryRateLimiter(2, 900, clock=lambda: now[0])
    limiter.hit("a")
    now[0] = 600.0
    limiter.hit("a")
    refused = limiter.hit("a")
    assert not refused.allowed and refused.retry_after_s == 300  # the first attempt leaves at t=900
    now[0] = 900.0
    assert limiter.hit("a").allowed and not limiter.hit("a").allowed
    limiter.reset("a")
    assert limiter.hit("a").allowed


@pytest.mark.redis
def test_redis_limiter_is_shared_between_workers(redis_client: Any, prefix: str) -> None:
    worker_one = RedisRateLimiter(redis_client, 3, 900, prefix)
    worker_two = RedisRateLimiter(redis_client, 3, 900, prefix)
    assert [worker_one.hit("10.0.0.1").allowed, worker_two.hit("10.0.0.1").allowed] == [True, True]
    assert worker_one.hit("10.0.0.1").allowed
    refused = worker_two.hit("10.0.0.1")
    assert not refused.allowed and 890 <= refused.retry_after_s <= 900
    assert worker_two.hit("10.0.0.9").allowed
    assert 0 < redis_client.ttl(prefix + "10.0.0.1") <= 900  # keys expire on their own
    worker_one.reset("10.0.0.1")
    assert worker_two.hit("10.0.0.1").allowed


@pytest.mark.redis
def test_redis_window_drops_attempts_older_than_the_window(redis_client: Any, prefix: str) -> None:
    limiter = RedisRateLimiter(redis_client, 2, 900, prefix)
    old = time.time() - 901
    redis_client.zadd(prefix + "ip", {"old-1": old, "old-2": old})
    assert limiter.hit("ip").allowed and limiter.hit("ip").allowed and not limiter.hit("ip").allowed


def _attempts(client: Any, auth: Any, address: str, count: int) -> list[int]:
    token = auth.csrf()
    return [
        client.post(
            "/auth/login",
            data={"username": f"nobody{n}", "password": "wrong password!", "csrf_token": token},
            environ_base={"REMOTE_ADDR": address},
        ).status_code
        for n in range(count)
    ]


@pytest.mark.parametrize("backend", ["memory", pytest.param("redis", marks=pytest.mark.redis)])
def test_login_is_limited_per_address(app: Any, client: Any, auth: Any, backend: str, request: Any) -> None:
    app.config.update(LOGIN_RATE_LIMIT=3, LOGIN_RATE_WINDOW_S=900)
    if backend == "redis":
        request.getfixturevalue("redis_client")
        app.config.update(REDIS_URL=REDIS_URL, LOGIN_RATE_PREFIX=request.getfixturevalue("prefix"))
    assert _attempts(client, auth, "198.51.100.7", 4) == [401, 401, 401, 429]
    refused = client.post(
        "/auth/login",
        data={"username": "counsellor.a", "password": "pathways-demo-2026", "csrf_token": auth.csrf()},
        environ_base={"REMOTE_ADDR": "198.51.100.7"},
    )
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert b"Too many sign-in attempts" in refused.data
    assert _attempts(client, auth, "198.51.100.8", 1) == [401]  # another address is not affected
    assert isinstance(login_limiter(app), RedisRateLimiter if backend == "redis" else MemoryRateLimiter)
    with app.app_context():
        actions = session().execute(select(AuditEvent.action)).scalars().all()
    assert actions.count("login_rate_limited") == 2

"""Checks on whole-number settings, run at app start: a bad value stops the app with a clear message."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class SettingError(ValueError):
    """A configuration value breaks its rule; the message names the setting and the rule."""


def whole_number(
    config: Mapping[str, Any], name: str, *, minimum: int, maximum: int, off: int | None = None
) -> int:
    """The setting ``name`` as an int from ``minimum`` to ``maximum`` (or exactly ``off``).

    Strings of digits (from the environment) are accepted; anything else raises
    :class:`SettingError`.

    Examples
    --------
    >>> whole_number({"HOPS": "2"}, "HOPS", minimum=0, maximum=5)
    2
    >>> whole_number({"KEEP_DAYS": 0}, "KEEP_DAYS", minimum=90, maximum=36500, off=0)
    0
    >>> try:
    ...     whole_number({"KEEP_DAYS": 24}, "KEEP_DAYS", minimum=90, maximum=999, off=0)
    ... except SettingError as error:
    ...     print(error)
    KEEP_DAYS must be a whole number of days from 90 to 999, or 0 to switch it off; got 24.
    """
    raw = config.get(name)
    unit = "of days " if name.endswith("_DAYS") else ""
    rule = f"{name} must be a whole number {unit}from {minimum} to {maximum}"
    if off is not None:
        rule += f", or {off} to switch it off"
    value: int | None = None
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, str) and raw.strip().isdigit():
        value = int(raw.strip())
    if value is None or not (value == off or minimum <= value <= maximum):
        raise SettingError(f"{rule}; got {raw!r}.")
    return value

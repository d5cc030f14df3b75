"""The planner's refusals of a plan, in the reader's language.

The planner (:mod:`planner.config`) raises :class:`~planner.exceptions.PlannerError` with English
messages of fixed shapes that name its settings. The ones a plan form can reach are read back here
and said again through gettext, in the form's words and with locale-formatted numbers; a message of
any other shape is shown as the planner wrote it (as :mod:`web.coop.feasibility` does for reasons).
Needs an app context.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _

#: A message shape the planner writes, and how to say a message of that shape again
Shape = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


def said_again(message: str, shapes: Sequence[Shape]) -> str:
    """``message`` said again by the first shape it matches whole; a message of no known shape as written.

    Examples
    --------
    >>> said_again("2 of 3", [(re.compile("([0-9]+) of ([0-9]+)"), lambda m: f"{m[1]}/{m[2]}")])
    '2/3'
    >>> said_again("anything else", [])
    'anything else'
    """
    for pattern, say in shapes:
        found = pattern.fullmatch(message)
        if found:
            return say(found)
    return message


def _num(text: str) -> str:
    return format_decimal(int(text))


_SHAPES: tuple[Shape, ...] = (
    (
        re.compile(
            r"cooperative starts with (\d+) members but has room for only (\d+); "
            r"raise max_members or lower initial_members"
        ),
        lambda m: _(
            "the cooperative starts with %(start)s members but has room for only %(most)s: "
            "let the group take more members, or start with fewer",
            start=_num(m[1]),
            most=_num(m[2]),
        ),
    ),
    (
        re.compile(
            r"cooperative\.recovery_rate_par30 \+ write_off_rate_par30 add to more than 100% of the arrears; "
            r"lower one of them"
        ),
        lambda m: _(
            "loans recovered and loans written off add up to more than %(whole)s of the late loans: "
            "write off a smaller share",
            whole=format_percent(1),
        ),
    ),
    (
        re.compile(r"business\.start_month \((\d+)\) is after the plan ends \(month (\d+)\)"),
        lambda m: _(
            "the business opens in month %(start)s, which is after the plan ends (month %(end)s)",
            start=_num(m[1]),
            end=_num(m[2]),
        ),
    ),
    (
        re.compile(r"a group of (\d+) cannot be formed from (\d+) participants"),
        lambda m: _(
            "a group of %(size)s cannot be formed from %(people)s participants",
            size=_num(m[1]),
            people=_num(m[2]),
        ),
    ),
    (
        re.compile(r"min_group_size \((\d+)\) is larger than group_size \((\d+)\)"),
        lambda m: _(
            "the smallest group that can go ahead (%(least)s people) is larger than a group "
            "(%(size)s people)",
            least=_num(m[1]),
            size=_num(m[2]),
        ),
    ),
)


def planner_error_text(message: str) -> str:
    """One of the planner's error messages, in the reader's language; an unknown one as written.

    Examples
    --------
    >>> planner_error_text("threex6.match_ratio must be a rate of 0 or more, got -1")
    'threex6.match_ratio must be a rate of 0 or more, got -1'
    """
    return said_again(message, _SHAPES)

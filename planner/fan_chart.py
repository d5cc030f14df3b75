"""The one fan chart of a plan, for the web, the printable plan and the command line.

:func:`plan_figure` draws a saved plan's result (a :class:`~planner.outcomes.CooperativeOutcome` or
:class:`~planner.outcomes.ThreeBySixOutcome`): on the left the fan of the fund (or a 3x6 group's cash)
- the middle future, the band holding half of the futures and the band holding 9 in 10 (the 5th to
95th percentile) - with, when given, the group's actual figures from its books drawn over it and the
months outside that 90% band marked; on the right the chance of operating profit by month. Every
word goes through ``translate`` (a gettext; English by default) and ``ngettext``, and the axes'
numbers through ``numbers`` (the same formatters a :class:`~planner.messages.Message` takes), so the
caller chooses the reader's language.
Matplotlib's object API only (no pyplot state); :func:`planner.charts.to_png` renders it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from numpy.typing import NDArray

from planner.messages import ENGLISH_NUMBERS, N_, NumberFormats, Translate, english
from planner.outcomes import ActualPoint, Fan, Outcome

__all__ = ["ActualPoint", "draw_chances", "draw_fan", "english_plural", "plan_figure"]

BLUE, ORANGE, GREEN, RED = "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"
#: y limits of a share-of-futures axis: room past 0% and 100%, so a line there is not hidden by the frame
SHARE_LIMITS = (-0.03, 1.03)
Plural = Callable[[str, str, int], str]

TITLES = {
    "fund_balance": N_("Fund balance (cash + loans)"),
    "group_cash": N_("A group's cumulative net cash"),
}


def english_plural(singular: str, plural: str, n: int) -> str:
    """The default ``ngettext``: English's two forms.

    Examples
    --------
    >>> english_plural("%(n)s future", "%(n)s futures", 1), english_plural("%(n)s future", "%(n)s futures", 2)
    ('%(n)s future', '%(n)s futures')
    """
    return singular if n == 1 else plural


def _array(values: Sequence[float | None]) -> NDArray[np.float64]:
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def _number(numbers: NumberFormats | None, kind: str) -> Callable[[float], str]:
    return (numbers or {}).get(kind) or ENGLISH_NUMBERS[kind]


def draw_fan(
    ax: Axes,
    months: Sequence[int],
    fan: Fan,
    *,
    currency: str = "",
    actual: Sequence[ActualPoint] = (),
    translate: Translate | None = None,
    numbers: NumberFormats | None = None,
) -> None:
    """Draw ``fan`` on ``ax``: the 90% and 50% bands, the middle future and any actual figures.

    Actual months outside the 90% band are marked (red below it, green above).
    """
    _ = translate or english
    x = np.asarray(months)
    ax.fill_between(
        x, _array(fan.bands[5]), _array(fan.bands[95]), color=BLUE, alpha=0.15, label=_("9 in 10 futures")
    )
    ax.fill_between(
        x, _array(fan.bands[25]), _array(fan.bands[75]), color=BLUE, alpha=0.35, label=_("half of futures")
    )
    ax.plot(x, _array(fan.bands[50]), color=BLUE, label=_("middle future"))
    if actual:
        ax.plot(
            [p.month for p in actual],
            [p.value for p in actual],
            color="black",
            marker=".",
            label=_("actual (the books)"),
        )
        for colour, side in ((RED, -1), (GREEN, 1)):
            out = [p for p in actual if _outside(fan, p) == side]
            if out:
                label = _("below the 90% band") if side < 0 else _("above the 90% band")
                ax.plot([p.month for p in out], [p.value for p in out], "o", color=colour, label=label)
    ax.set(title=_(TITLES.get(fan.what, fan.what)), xlabel=_("month"), ylabel=currency)
    write = _number(numbers, "count")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: write(round(v))))
    ax.legend(loc="upper left", fontsize=8)


def _outside(fan: Fan, point: ActualPoint) -> int:
    low, high = fan.band(point.month)
    if low is not None and point.value < low:
        return -1
    if high is not None and point.value > high:
        return 1
    return 0


def draw_chances(
    ax: Axes, outcome: Outcome, *, translate: Translate | None = None, numbers: NumberFormats | None = None
) -> None:
    """The chance of operating profit by month (and of the business still being open) on ``ax``."""
    _ = translate or english
    x = np.asarray(outcome.months)
    ax.plot(
        x,
        _array(outcome.series["p_operating_profitable"]),
        color=GREEN,
        label=_("operating profit (12 months)"),
    )
    still_open = outcome.series.get("p_business_open") or outcome.series.get("p_open")
    if still_open is not None and any(v for v in still_open if v):
        ax.plot(x, _array(still_open), color=ORANGE, linestyle="--", label=_("business open"))
    ax.set(title=_("Chance by month"), xlabel=_("month"), ylabel=_("share of futures"))
    ax.set_ylim(*SHARE_LIMITS)
    write = _number(numbers, "percent")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: write(v)))
    ax.legend(loc="lower right", fontsize=8)


def plan_figure(
    outcome: Outcome,
    *,
    name: str = "",
    actual: Sequence[ActualPoint] = (),
    translate: Translate | None = None,
    ngettext: Plural | None = None,
    numbers: NumberFormats | None = None,
) -> Figure:
    """A plan's fan chart and chances by month, in the reader's language.

    Examples
    --------
    >>> from planner.parameters import threex6_config
    >>> from planner.threex6_results import simulate_threex6
    >>> from planner.charts import to_png
    >>> outcome = simulate_threex6(threex6_config(), runs=20, seed=1).outcome()
    >>> to_png(plan_figure(outcome, actual=[ActualPoint(3, 50.0)]), dpi=30)[1:4]
    b'PNG'
    """
    _ = translate or english
    ngettext = ngettext or english_plural
    fig = Figure(figsize=(10, 4.2), layout="constrained")
    left, right = fig.subplots(1, 2)
    draw_fan(
        left,
        outcome.months,
        outcome.fan,
        currency=outcome.currency,
        actual=actual,
        translate=_,
        numbers=numbers,
    )
    draw_chances(right, outcome, translate=_, numbers=numbers)
    title = ngettext(
        "%(plan)s: %(runs)s simulated future", "%(plan)s: %(runs)s simulated futures", outcome.runs
    )
    fig.suptitle(title % {"plan": name or _("Plan"), "runs": _number(numbers, "count")(outcome.runs)})
    return fig

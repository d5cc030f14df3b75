"""A picture of the gaps: vacancies against people for the top rows of a gap table.

Drawn with Matplotlib's object API on the Agg canvas (no pyplot, no global state), so it
is safe in a web worker. Suppressed counts of people are drawn as a hatched band over
the range they may lie in (1 to threshold - 1) and labelled "<threshold", never as a value.

The legend, axis and default title are English templates passed through an optional
``translate`` callable (a gettext), and the counts on the axis through an optional ``number``
formatter, as :mod:`matcher.reasons` does for match reasons; without them the chart is English.
The templates are marked ``_()`` for ``pybabel extract`` (see ``make translations``).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from matcher.demand.gaps import GapRow
from matcher.demand.suppression import DEFAULT_THRESHOLD
from matcher.exceptions import InputError
from matcher.reasons import Translate, english

FORMATS = ("svg", "png")


def _short(label: str, width: int = 38) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def gap_chart(
    rows: Sequence[GapRow],
    *,
    title: str | None = None,
    top: int = 15,
    threshold: int | None = DEFAULT_THRESHOLD,
    fmt: str = "svg",
    translate: Translate | None = None,
    number: Callable[[int], str] | None = None,
) -> bytes:
    r"""Draw demand (vacancies) beside supply (people) for the first ``top`` gap rows.

    Parameters
    ----------
    rows:
        Gap rows, in the order to show (``build_map`` sorts shortages first).
    title:
        Title above the chart (say which locality and window), in the reader's language;
        default "Vacancies and people" through ``translate``.
    top:
        How many rows to draw.
    threshold:
        The suppression threshold the rows were made with (for the "<5" band).
    fmt:
        ``"svg"`` (text, scalable, for the web page) or ``"png"``.
    translate:
        A gettext for the legend, the axis label and the default title (default: English).
    number:
        How to write a whole count on the axis in the reader's locale (default: plain digits).

    Examples
    --------
    >>> rows = [GapRow("5120", "Cooks", 12, 6, False, 6, "shortage"),
    ...         GapRow("7531", "Tailors", 0, None, True, None, "no_demand")]
    >>> gap_chart(rows, fmt="svg")[:5]
    b'<?xml'
    >>> gap_chart(rows, fmt="png")[:4]
    b'\x89PNG'
    >>> b"VACANCIES" in gap_chart(rows, translate=str.upper)
    True

    """
    if fmt not in FORMATS:
        raise InputError(f"Chart format must be one of {', '.join(FORMATS)}, got {fmt!r}.")
    _ = translate or english
    shown = list(rows[:top])
    height = 1.2 + 0.38 * max(len(shown), 1)
    figure = Figure(figsize=(8.0, height), dpi=110)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    y = np.arange(len(shown))[::-1]
    demand = [r.demand for r in shown]
    supply = [r.supply or 0 for r in shown]
    axes.barh(y + 0.2, demand, height=0.38, color="#1f6f8b", label=_("vacancies"))
    axes.barh(y - 0.2, supply, height=0.38, color="#e0a96d", label=_("people"))
    hidden = (threshold or DEFAULT_THRESHOLD) - 1  # a suppressed count lies in 1 .. hidden
    for row, pos in zip(shown, y, strict=True):
        if row.supply_suppressed:
            width = max(hidden - 1, 0.15)
            axes.barh(pos - 0.2, width, left=1, height=0.38, color="none", edgecolor="#b07030", hatch="///")
            axes.text(1 + width + 0.2, pos - 0.2, f"1-{hidden} (<{hidden + 1})", va="center", fontsize=8)
    axes.set_yticks(y, [_short(r.label) for r in shown], fontsize=8)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    if number is not None:
        axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: number(int(value))))
    axes.set_xlabel(_("count"))
    axes.set_title(_("Vacancies and people") if title is None else title, fontsize=10)
    axes.legend(loc="lower right", fontsize=8, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return buffer.getvalue()

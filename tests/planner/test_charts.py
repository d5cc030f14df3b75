"""Charts render to valid PNG bytes."""

from __future__ import annotations

import io

import matplotlib.image as mpimg

from planner.charts import loan_comparison_figure, render_png, to_png
from planner.comparison import compare_lenders
from planner.cooperative import simulate_cooperative
from planner.parameters import cooperative_config, threex6_config
from planner.threex6_results import simulate_threex6


def _is_png(data: bytes) -> bool:
    image = mpimg.imread(io.BytesIO(data), format="png")
    return data[:8] == b"\x89PNG\r\n\x1a\n" and image.shape[0] > 100


def test_cooperative_and_threex6_charts() -> None:
    assert _is_png(render_png(simulate_cooperative(cooperative_config(), runs=50, seed=1), dpi=50))
    assert _is_png(render_png(simulate_threex6(threex6_config(), runs=20, seed=1), dpi=50))


def test_chart_when_nothing_is_reached() -> None:
    assert _is_png(render_png(simulate_threex6(threex6_config({"exit_rate": 1.0}), runs=5, seed=1), dpi=50))


def test_loan_comparison_chart() -> None:
    assert _is_png(to_png(loan_comparison_figure(compare_lenders(20000, 12)), dpi=50))

"""Cooperative savings and loans, loan costs and UNDP 3x6 group investments, simulated with uncertainty.

A pure library: functions take plain values or frozen dataclasses and return frozen dataclasses or numpy
arrays. Money inside the cooperative ledger is kept in integer minor units (cents), so the balance sheet
identity holds exactly. See ``docs/planner.md``.
"""

from __future__ import annotations

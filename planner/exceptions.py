"""Errors raised by the planner, with messages a cooperative treasurer or counsellor can act on."""

from __future__ import annotations


class PlannerError(ValueError):
    """Base class for every error the planner raises on purpose."""


class ParameterError(PlannerError):
    """A parameter value is impossible (a negative rate, a share over 100%, a missing source)."""


class CapacityError(ParameterError):
    """Numbers of people or places do not fit together (more members than places, uneven groups)."""


class ConfigError(PlannerError):
    """A configuration or parameter file cannot be read, or names a key the planner does not know."""


class ConvergenceError(PlannerError):
    """A rate (IRR, APR) cannot be found from the given cash flows."""

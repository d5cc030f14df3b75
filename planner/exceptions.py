"""Errors raised by the planner, with messages a cooperative treasurer or counsellor can act on.

An error may carry its message as a :class:`~planner.messages.Message` (an English template and its
values) and the settings it concerns, so a caller can say it in the reader's language
(``error.message.text(translate)``) and put it beside the right input; ``str(error)`` is the English
message, naming any setting the sentence does not already name.
"""

from __future__ import annotations

from planner.messages import Message


class PlannerError(ValueError):
    """Base class for every error the planner raises on purpose.

    Examples
    --------
    >>> error = PlannerError(Message("the loan is too long"), settings=("cooperative.loan_term_months",))
    >>> str(error)
    'the loan is too long; settings: cooperative.loan_term_months'
    >>> error.message.text(lambda t: t.upper())
    'THE LOAN IS TOO LONG'
    """

    def __init__(self, message: str | Message, *, settings: tuple[str, ...] = ()) -> None:
        self.message = message if isinstance(message, Message) else Message(message)
        self.settings = settings
        english = self.message.text()
        unnamed = [s for s in settings if s not in english]
        super().__init__(f"{english}; settings: {', '.join(unnamed)}" if unnamed else english)


class ParameterError(PlannerError):
    """A parameter value is impossible (a negative rate, a share over 100%, a missing source)."""


class CapacityError(ParameterError):
    """Numbers of people or places do not fit together (more members than places, uneven groups)."""


class ConfigError(PlannerError):
    """A configuration or parameter file cannot be read, or names a key the planner does not know."""


class ConvergenceError(PlannerError):
    """A rate (IRR, APR) cannot be found from the given cash flows."""

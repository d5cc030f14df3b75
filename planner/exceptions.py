"""Errors raised by the planner, with messages a cooperative treasurer or counsellor can act on.

An error may carry its message as a :class:`~planner.messages.Message` (an English template and its
values) and the settings it concerns, so a caller can say it in the reader's language
(``error.message.text(translate)``) and put it beside the right input; ``str(error)`` is the English
message, naming any setting the sentence does not already name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planner.messages import N_, Message


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


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a cooperative's books: which entry, which of its fields, and why.

    ``entry_id`` names the entry (a paper ledger's CSV row is named ``line-12``); ``field`` the part
    of it that is wrong (``amount``, ``member``, ``loan``), or ``""`` for the entry as a whole.
    """

    entry_id: str
    field: str
    message: Message

    def __str__(self) -> str:
        where = f"{self.entry_id}, {self.field}" if self.field else self.entry_id
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (the message as English and as a message to say again)."""
        return {
            "entry": self.entry_id,
            "field": self.field,
            "text": str(self.message),
            "message": self.message.to_dict(),
        }


class BooksError(PlannerError):
    """Entries that cannot go into the books; ``problems`` lists every one, so all can be fixed at once.

    Examples
    --------
    >>> error = BooksError((Problem("e7", "amount", Message("must be more than 0")),))
    >>> str(error)
    'the books cannot take these entries: e7, amount: must be more than 0'
    """

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        listed = "; ".join(str(p) for p in problems)
        super().__init__(
            Message(N_("the books cannot take these entries: %(problems)s"), {"problems": listed})
        )


class ShareOutError(PlannerError):
    """The share-out cannot be done as the constitution says (loans still out, a member would owe)."""


class MissingFigureError(ParameterError):
    """The planner has no sourced figure for this place; it asks for it instead of borrowing another's."""


class UnknownCountryError(ParameterError):
    """The planner has no parameter file for the country."""

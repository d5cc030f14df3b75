"""A cooperative's books, meeting by meeting: entries, balances, passbooks, share-out and measures.

A pure library like the rest of :mod:`planner`: plain frozen dataclasses in and out, money in whole
minor units of the books' currency, no database and no web. See ``docs/planner.md`` (section 8).

* :mod:`planner.books.entries` - what a treasurer writes (typed, immutable entries) and the
  group's :class:`~planner.books.entries.Constitution`;
* :mod:`planner.books.ledger` - :class:`~planner.books.ledger.Books`, always valid, corrected by
  reversals, never edited (checked by :mod:`planner.books.checks` and :mod:`planner.books.replay`);
* :mod:`planner.books.statements` - the group's balances and each member's passbook on any day;
* :mod:`planner.books.shareout` - the share-out, every minor unit accounted for;
* :mod:`planner.books.measures` - the standard savings-group measures and the cash flow;
* :mod:`planner.books.ledger_csv` - a paper ledger's CSV, all rows or none;
* :mod:`planner.books.serial` - books and results as JSON;
* :mod:`planner.books.plan` - a plan's starting state from the books;
* :mod:`planner.books.plan_check` - the plan against what the books then show.
"""

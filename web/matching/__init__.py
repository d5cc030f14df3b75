"""Matching people with openings for the pages; no routes of its own.

Rankings in :mod:`web.matching.service`; the prepared vectors they read in :mod:`web.matching.vectors`,
:mod:`web.matching.index` and :mod:`web.matching.preparation`; kept rankings in :mod:`web.matching.cache`.
The people and placement pages show the results.
"""

"""The Pathways JSON API (``/api/v1``): the pages' operations for programs, with an OpenAPI document.

Views live in :mod:`web.api.people`, :mod:`web.api.placements`, :mod:`web.api.postings`,
:mod:`web.api.cooperatives` and :mod:`web.api.pages`; they call the same service functions as the pages, under
the same role, organisation and consent rules, and the same audit.
"""

from __future__ import annotations

from web.api import cooperatives, pages, people, placements, postings
from web.api.core import bp

__all__ = ["bp", "cooperatives", "pages", "people", "placements", "postings"]

"""The navigation each role sees."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, g, request, url_for
from flask_babel import lazy_gettext as _l

#: members and treasurers share one menu (what a treasurer may do more is on the pages themselves)
COOP_MENU: list[tuple[str, object]] = [
    ("home.cooperative", _l("Cooperative")),
    ("coop.group", _l("Group page")),
    ("coop.plan_list", _l("Plans")),
    ("coop.loans", _l("Loan costs")),
    ("totp.setup", _l("Two-step sign-in")),
    ("changes.index", _l("Account changes")),
]
#: role -> (endpoint, label) in menu order; a feature adds its entry here.
MENUS: dict[str, list[tuple[str, object]]] = {
    "counsellor": [
        ("home.counsellor", _l("Caseload")),
        ("people.create", _l("Register a person")),
        ("placements.board", _l("Placements")),
        ("placements.cohort", _l("Fill programme places")),
        ("vacancies.review_queue", _l("Safety review")),
        ("market.demand", _l("Labour market")),
        ("totp.setup", _l("Two-step sign-in")),
        ("api.tokens_page", _l("API tokens")),
        ("changes.index", _l("Account changes")),
    ],
    "employer": [
        ("home.employer", _l("Vacancies")),
        ("vacancies.create", _l("Post a vacancy")),
        ("vacancies.upload", _l("Upload CSV")),
        ("placements.introductions", _l("Introductions")),
        ("vacancies.organisation", _l("Organisation profile")),
        ("totp.setup", _l("Two-step sign-in")),
        ("api.tokens_page", _l("API tokens")),
        ("changes.index", _l("Account changes")),
    ],
    "coop_member": COOP_MENU,
    "coop_treasurer": COOP_MENU,
    "admin": [
        ("home.admin", _l("Accounts")),
        ("admin.users", _l("Users")),
        ("admin.create", _l("Add a user")),
        ("placements.backtest", _l("Outcome backtest")),
        ("changes.index", _l("Account changes")),
        ("totp.setup", _l("Two-step sign-in")),
    ],
}


@dataclass(frozen=True)
class NavItem:
    """One menu link."""

    url: str
    label: str
    current: bool


def nav_items() -> list[NavItem]:
    """The signed-in user's menu, marking the current page."""
    user = g.get("user")
    if user is None:
        return []
    return [
        NavItem(url_for(endpoint), str(label), request.endpoint == endpoint)
        for endpoint, label in MENUS.get(user.role, [])
    ]


def init_app(app: Flask) -> None:
    """Expose ``nav_items`` to templates."""
    app.jinja_env.globals["nav_items"] = nav_items

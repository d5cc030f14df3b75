"""False-alarm classes found on the demo vacancies, each pinned with phrasings of our own (no model needed).

The demo adverts themselves are not copied here: each case is a different wording of the same legitimate
thing, so that the tests hold the rule, not the advert.
"""

from __future__ import annotations

import pytest

from matcher.exceptions import InputError
from matcher.records import Pay
from matcher.screening.patterns import find_hits
from matcher.screening.segments import split_sentences
from matcher.screening.wages import PostedPay, parse_wage, peer_reference_wages, wage_ratio


def _indicators(text: str) -> set[str]:
    return {h.indicator for h in find_hits(split_sentences(text))}


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        # pay at the end of each day, shift or month is a pay period, not pay held back to the end
        ("Day rate paid at the end of every shift by bank transfer.", "pay_withheld_until_end"),
        ("Salary paid at the end of the month.", "pay_withheld_until_end"),
        ("Wages are paid at the end of each working day.", "pay_withheld_until_end"),
        # cash against a written record is traceable pay
        ("Paid in cash each evening against your signature in the wage book.", "cash_or_third_party_pay"),
        ("Wages paid in cash with a printed payslip every Friday.", "cash_or_third_party_pay"),
        ("Cash payment daily, with a signed receipt for every payment.", "cash_or_third_party_pay"),
        # rotations and notice periods are not a seven-day week
        ("Offshore rota: work 7 days on, 7 days off.", "excessive_overtime"),
        ("Working 7 days in every 14, with the rest at home.", "excessive_overtime"),
        ("Workers give 7 days' notice before leaving.", "excessive_overtime"),
        ("Work starts within 7 days of the written offer.", "excessive_overtime"),
    ],
)
def test_legitimate_pay_and_rota_terms_are_not_hits(text: str, indicator: str) -> None:
    assert indicator not in _indicators(text)


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("All earnings are paid at the end of the season.", "pay_withheld_until_end"),
        ("Cash in hand, no payslip.", "cash_or_third_party_pay"),
        ("Paid in cash, and no receipt is given.", "cash_or_third_party_pay"),
        ("Strong lads wanted for the packhouse, working seven days.", "excessive_overtime"),
        ("Pickers work all 7 days during the harvest.", "excessive_overtime"),
    ],
)
def test_the_guards_leave_the_warnings_standing(text: str, indicator: str) -> None:
    assert indicator in _indicators(text)


# --- reference pay from the other vacancies in the same place and sector --------------------------------


def _posted(n: str, amount: float, period: str = "month", currency: str = "ETB", **kw: str) -> PostedPay:
    where = {"locality": "addis", "sector": "agriculture"} | kw
    return PostedPay(n, where["locality"], where["sector"], Pay(amount, period, currency), 48)


def test_skilled_pay_in_a_pool_of_entry_level_jobs_is_not_too_good_to_be_true() -> None:
    # a supervisor at 2.5 times the sector median: the median misfires, the best-paid peer does not
    pool = [_posted(str(n), a) for n, a in enumerate([3000, 4000, 4000, 4200, 5000, 8000])]
    pool.append(_posted("supervisor", 10000))
    assert wage_ratio("10000 ETB per month", peer_reference_wages(pool, quantile=0.5)["supervisor"]) >= 2
    assert wage_ratio("10000 ETB per month", peer_reference_wages(pool)["supervisor"]) < 2


def test_an_inflated_offer_is_still_far_above_the_best_peer() -> None:
    pool = [_posted(str(n), a) for n, a in enumerate([15000, 17300, 18000, 22000])]
    pool.append(_posted("abroad", 120000))
    ratio = wage_ratio("120000 ETB per month", peer_reference_wages(pool)["abroad"])
    assert ratio is not None and ratio > 5


def test_reference_leaves_out_the_vacancy_itself_other_places_and_currencies() -> None:
    pool = [
        _posted("a", 10, "hour", "GBP"),
        _posted("b", 12, "hour", "GBP"),
        _posted("c", 14, "hour", "GBP"),
        _posted("d", 500, "hour", "GBP", locality="elsewhere"),
        _posted("e", 900, "hour", "EUR"),
    ]
    refs = peer_reference_wages(pool, min_peers=2)
    assert refs["a"] == "14 GBP per hour"
    assert refs["c"] == "12 GBP per hour"
    assert "d" not in refs and "e" not in refs


def test_reference_is_in_the_vacancys_own_period() -> None:
    pool = [_posted(str(n), 12, "hour", "GBP") for n in range(3)] + [_posted("m", 2000, "month", "GBP")]
    reference = parse_wage(peer_reference_wages(pool)["m"])
    assert reference is not None and reference.monthly == pytest.approx(12 * 48 * 52 / 12)


@pytest.mark.parametrize(
    ("kwargs", "message"), [({"min_peers": 0}, "min_peers"), ({"quantile": 1.5}, "quantile")]
)
def test_bad_reference_settings_are_refused(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(InputError, match=message):
        peer_reference_wages([], **kwargs)  # type: ignore[arg-type]


def test_pay_in_an_unknown_period_is_left_out_not_an_error() -> None:
    pool = [_posted(str(n), 12, "hour", "GBP") for n in range(3)] + [_posted("y", 30000, "year", "GBP")]
    refs = peer_reference_wages(pool, min_peers=2)
    assert "y" not in refs and refs["0"] == "12 GBP per hour"

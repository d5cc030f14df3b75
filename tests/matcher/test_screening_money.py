"""Money control as first-class indicators: fees, deposits and charges, control of pay, held earnings, pay
that differs from the papers, and money passed through the worker; each with its legitimate look-alike.

Phrasings written for these tests from the indicator definitions (ILO fair-recruitment definition of fees
and related costs, the Employer Pays Principle, job-scam guidance), not copied from any evaluation advert.
"""

from __future__ import annotations

from functools import partial

import pytest

from matcher.screening import Screener, load_indicators
from matcher.screening.hours import days_per_week, long_hours
from tests.matcher.conftest import flagged, screen_text

_screen = partial(screen_text, employer="Acme Ltd", title="Worker")
_flags = partial(flagged, employer="Acme Ltd", title="Worker")


WARNINGS = [
    # fees for a job, a visa, sponsorship or a work permit (Employer Pays Principle)
    ("Nurses contribute 4,000 pounds towards their visa sponsorship.", "recruitment_fees"),
    ("The job offer letter costs USD 2,500, paid to our office.", "recruitment_fees"),
    ("Work permit processing: 900 dollars, payable by the candidate before travel.", "recruitment_fees"),
    ("You will be required to pay for your own flight, which we book for you.", "recruitment_fees"),
    (
        "The recruitment agency's fee equals two months' wages and is deducted in instalments.",
        "recruitment_fees",
    ),
    ("A one-off joining fee covers your placement.", "recruitment_fees"),
    # deposits and charges for uniforms, training, equipment
    ("A deposit of 150 euro for the uniform is paid on your first day.", "work_related_charges"),
    ("Each rider pays a refundable bond on the e-bike and charger.", "work_related_charges"),
    ("Trainees pay for the mandatory safety course (350 dollars) at our academy.", "work_related_charges"),
    ("Purchase your starter kit (£120) to begin earning.", "work_related_charges"),
    (
        "Order the headset and laptop from our approved supplier before your first shift.",
        "work_related_charges",
    ),
    # deductions beyond what is lawful
    ("Accommodation and the minibus are taken out of your wages each week.", "wage_deductions"),
    ("Room £95 a week and van £25 a week come off your pay.", "wage_deductions"),
    # costs recovered from wages: debt
    (
        "Your travel, visa and lodging are covered upfront; the balance is settled through monthly salary "
        "deductions.",
        "debt_bondage",
    ),
    ("Uniform, training and visa costs are repaid over your first six months.", "debt_bondage"),
    ("If you leave within two years, the full training cost of 5,000 euro is repayable.", "debt_bondage"),
    ("The fee can be borrowed from our partner lender and repaid from your salary.", "debt_bondage"),
    # control of a worker's bank account, card or wages
    ("The employer keeps your bank card and PIN for safety.", "control_of_pay"),
    ("We set up a bank account in your name and the office manages it for you.", "control_of_pay"),
    ("The agency receives your wages and gives you a weekly allowance.", "control_of_pay"),
    (
        "The club collects the money from customers and pays the dancers their share after rent and costs.",
        "control_of_pay",
    ),
    ("Wages are paid into an account managed by the agency.", "control_of_pay"),
    # earnings held until a target, a trial or the end
    ("You will be paid once the three-month probation is over.", "pay_withheld_until_end"),
    ("Earnings are paid out only after the season ends.", "pay_withheld_until_end"),
    ("Tips are released only when you reach the monthly quota.", "pay_withheld_until_end"),
    ("The first three weeks are unpaid training.", "withholding_of_wages"),
    # pay that differs from the papers
    ("Your contract will state 1,800 euro but you will actually be paid 1,100.", "pay_differs_from_contract"),
    (
        "The salary on the visa papers is only for the embassy; your real salary is lower.",
        "pay_differs_from_contract",
    ),
    ("You will sign payslips showing the minimum wage.", "pay_differs_from_contract"),
    # money or parcels through the worker
    (
        "Receive transfers from our customers into your own account and wire them to our partner.",
        "money_mule",
    ),
    ("Reship the parcels that arrive at your house using the labels we provide.", "money_mule"),
    ("Top up your wallet to unlock premium tasks.", "money_mule"),
    ("We will mail you a check; deposit it and send the rest to our equipment vendor.", "money_mule"),
]

LOOK_ALIKES = [
    "We cover flights, visa and accommodation; you repay nothing.",
    "Brightwell pays the Certificate of Sponsorship, the visa fee and your flights.",
    "The agency's fee is paid by the owner; crew are never charged.",
    "The visa costs 500 euro, reimbursed in full after your first month.",
    "Nobody may charge you a recruitment fee; report any request for payment to the labour inspectorate.",
    "Uniform, safety boots and all equipment are provided free.",
    "Training costs are never deducted from your wages.",
    "Optional staff accommodation at £75 a week, deducted only with your written agreement.",
    "A house is available on the farm at a rent shown in your employment agreement.",
    "Wages are paid monthly by bank transfer to your own account; payslips itemise every deduction.",
    "We can help you open a bank account in your own name.",
    "Support adults with learning difficulties to manage their money and benefits.",
    "You earn a guaranteed base salary every month, plus commission paid monthly.",
    "Paid weekly, every hour worked, overtime included.",
    "Finance clerk: deposit cheques, reconcile accounts and pay suppliers.",
    "Agreed purchases are reimbursed by bank transfer; we never ask you to transfer money.",
    "Sort and forward parcels to the delivery rounds.",
    "Loan officer: assess applications and arrange repayments with customers.",
    "No repayment clause applies.",
]


#: Fee and charge false alarms, one per cause (issue 19, second pass): each names what made the old rules
#: read a lawful sentence as a fee, a deduction, a debt or pay held back.
FEE_FALSE_ALARM_CAUSES = [
    # statutory deductions: "national insurance" is not an insurance charge on the worker
    "Income tax and national insurance are deducted from your pay as required by law.",
    # a price the business charges its customers is not a charge on the worker
    "Take bookings and charge guests the booking fee at the front desk.",
    "Explain our booking fees to customers and process their payments.",
    # a fee stated as none, or reimbursed
    "Application fee: none.",
    "Visa fee: waived for all successful candidates.",
    # "Skilled Worker" names a visa, not a worker who pays; "we sponsor ... and pay" is the employer paying
    "We sponsor your Skilled Worker visa and pay the certificate of sponsorship.",
    # rent or bills paid to a landlord are living costs, not a fee for the job
    "You pay rent for the caravan directly to the site, GBP 60 a week, under a written tenancy agreement.",
    "A refundable tenancy deposit is held by the landlord in a deposit protection scheme.",
    # an optional staff benefit repaid from salary is not a debt that binds
    "Season ticket loan available, repaid interest-free from salary, optional.",
    # the final pay when a worker leaves, or a bonus on top of pay, is not pay held to the end
    "Your final pay, including holiday pay, is paid when you finish.",
    "A completion bonus is paid at the end of the season, on top of your weekly wages.",
]


@pytest.mark.parametrize("description", FEE_FALSE_ALARM_CAUSES)
def test_fee_false_alarm_causes_stay_fixed(lexical: Screener, description: str) -> None:
    assert _flags(lexical, description) == set()


@pytest.mark.parametrize(
    ("description", "indicator"),
    [
        # the guards above are narrow: the same concepts with the worker paying still flag
        ("Candidates pay the booking fee of USD 300 before the interview.", "recruitment_fees"),
        ("Skilled workers pay 2,000 dollars for their visa sponsorship.", "recruitment_fees"),
        ("Workers pay the placement fee and the rent for the first month.", "recruitment_fees"),
        ("We arrange your visa and you pay the sponsorship fee of 3,000 pounds.", "recruitment_fees"),
        ("Rent and insurance are deducted from your wages each week.", "wage_deductions"),
        ("Your wages are paid at the end of the season, with a bonus.", "pay_withheld_until_end"),
        # wordings that carry their own "not" or "without" are not read as negated
        ("The first two weeks are not paid.", "withholding_of_wages"),
        ("If you leave before the harvest ends you get nothing.", "withholding_of_wages"),
        ("We find you the job in exchange for USD 900.", "recruitment_fees"),
    ],
)
def test_fee_guards_do_not_hide_a_worker_paying(lexical: Screener, description: str, indicator: str) -> None:
    assert indicator in _flags(lexical, description)


@pytest.mark.parametrize(("description", "indicator"), WARNINGS)
def test_money_control_is_flagged_with_its_indicator(
    lexical: Screener, description: str, indicator: str
) -> None:
    assert indicator in _flags(lexical, description)


@pytest.mark.parametrize("description", LOOK_ALIKES)
def test_lawful_money_terms_are_not_flagged(lexical: Screener, description: str) -> None:
    assert _flags(lexical, description) == set()


@pytest.mark.parametrize(
    "indicator",
    ["recruitment_fees", "work_related_charges", "control_of_pay", "pay_withheld_until_end",
     "pay_differs_from_contract", "money_mule", "wage_deductions"],
)  # fmt: skip
def test_money_indicators_explain_themselves(lexical: Screener, indicator: str) -> None:
    """Each flag carries the indicator's plain-words explanation, stored with the vacancy."""
    description = next(d for d, i in WARNINGS if i == indicator)
    flag = next(f for f in _screen(lexical, description).flags if f.indicator == indicator)
    explained = flag.to_dict(explain=True)
    assert explained["explanation"] == load_indicators().by_id(indicator).explanation
    assert len(explained["explanation"].split()) >= 12
    assert "explanation" not in flag.to_dict()


def test_the_fee_explanation_names_the_employer_pays_principle() -> None:
    assert "Employer Pays Principle" in load_indicators().by_id("recruitment_fees").explanation


# --- hours reckoned, not matched ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reckoning"),
    [
        ("8am-8pm, 7 days.", "12 h a day x 7 days = 84 h a week"),
        ("12-hour shifts, 6 days per week.", "12 h a day x 6 days = 72 h a week"),
        ("Pick-up at 5am, back by 8pm, six days.", "15 h a day x 6 days = 90 h a week"),
        ("Shifts are 6pm to 8am.", "14 h a day"),
        ("Roughly 65 hours a week in the busy months.", "65 h a week"),
        ("Journées de 6h à 20h, 7 jours sur 7.", "14 h a day x 7 days = 98 h a week"),
    ],
)
def test_long_hours_are_reckoned(text: str, reckoning: str) -> None:
    found = long_hours(text, "fr" if "Journées" in text else "en")
    assert found is not None and found.reckoning == reckoning


@pytest.mark.parametrize(
    "text",
    [
        "Rota 7am-7pm Monday to Friday.",  # a 60-hour service window, not one person's week
        "7:30-4:30 Monday to Friday.",  # a twelve-hour clock
        "Night shift 10pm to 6am, four nights a week.",
        "12-hour day shifts, three or four a week.",
        "Security officer, 12-hour shifts on a 4 on 4 off rota.",
        "Open from 8am to 11pm every day.",
        "Turno de 22:00 a 6:00, de domingo a jueves.",
    ],
)
def test_lawful_hours_are_not_long(text: str) -> None:
    assert long_hours(text, "es" if "Turno" in text else "en") is None


@pytest.mark.parametrize(
    ("text", "days"),
    [("Wednesday to Sunday", 5), ("du lundi au samedi", 6), ("de lunes a domingo", 7), ("six days", 6)],
)
def test_days_per_week(text: str, days: int) -> None:
    language = "fr" if "lundi" in text else "es" if "lunes" in text else "en"
    assert days_per_week(text, language) == days

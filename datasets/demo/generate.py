"""Write the synthetic Pathways demo data (CSV files beside this script).

Run ``.venv/bin/python datasets/demo/generate.py``. Standard library only and seeded, so every run
writes byte-identical files. The words (profiles, job adverts, employers) are hand-written in the
``text_*.py`` modules next to this script; this file only places them on the map, gives them dates,
builds consents, cooperative savings histories and the README, then checks the result
(``validate``). Nothing here describes a real person or a real company.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import text_people_add  # noqa: E402
import text_people_ktm  # noqa: E402
import text_people_languages  # noqa: E402
import text_people_mcr  # noqa: E402
import text_programmes_coops  # noqa: E402
import text_vacancies_add  # noqa: E402
import text_vacancies_ktm  # noqa: E402
import text_vacancies_mcr  # noqa: E402
import validate_demo  # noqa: E402

SEED = 20261128
#: The day the dates below are written as of (``as_of.txt``): the loader moves them to the day it loads.
AS_OF = dt.date(2026, 11, 30)

#: locality id -> (name, country, latitude, longitude, currency)
LOCALITIES: dict[str, tuple[str, str, float, float, str]] = {
    "manchester": ("Manchester", "United Kingdom", 53.4808, -2.2426, "GBP"),
    "kathmandu": ("Kathmandu", "Nepal", 27.7172, 85.3240, "NPR"),
    "addis-ababa": ("Addis Ababa", "Ethiopia", 9.0300, 38.7400, "ETB"),
}

#: area key -> (display name, latitude, longitude); real places, approximate centres.
AREAS: dict[str, dict[str, tuple[str, float, float]]] = {
    "manchester": {
        "city_centre": ("Manchester city centre", 53.4808, -2.2426),
        "salford": ("Salford", 53.4875, -2.2901),
        "salford_quays": ("Salford Quays", 53.4710, -2.2960),
        "trafford_park": ("Trafford Park", 53.4655, -2.3190),
        "stockport": ("Stockport", 53.4106, -2.1575),
        "oldham": ("Oldham", 53.5409, -2.1114),
        "rochdale": ("Rochdale", 53.6097, -2.1561),
        "bolton": ("Bolton", 53.5769, -2.4282),
        "wigan": ("Wigan", 53.5450, -2.6325),
        "bury": ("Bury", 53.5933, -2.2966),
        "ashton": ("Ashton-under-Lyne", 53.4889, -2.0952),
        "cheetham_hill": ("Cheetham Hill", 53.5050, -2.2370),
        "moss_side": ("Moss Side", 53.4590, -2.2460),
        "longsight": ("Longsight", 53.4600, -2.2040),
        "levenshulme": ("Levenshulme", 53.4440, -2.1920),
        "openshaw": ("Openshaw", 53.4720, -2.1790),
        "wythenshawe": ("Wythenshawe", 53.3900, -2.2700),
        "airport": ("Manchester Airport", 53.3588, -2.2727),
        "altrincham": ("Altrincham", 53.3838, -2.3547),
        "stretford": ("Stretford", 53.4460, -2.3080),
        "eccles": ("Eccles", 53.4830, -2.3340),
        "hyde": ("Hyde", 53.4510, -2.0790),
        "middleton": ("Middleton", 53.5520, -2.2010),
        "heywood": ("Heywood", 53.5930, -2.2180),
        "irlam": ("Irlam", 53.4430, -2.4240),
        "warrington": ("Warrington", 53.3900, -2.5970),
        "ormskirk": ("near Ormskirk, West Lancashire", 53.5690, -2.8850),
    },
    "kathmandu": {
        "thamel": ("Thamel", 27.7154, 85.3123),
        "new_baneshwor": ("New Baneshwor", 27.6888, 85.3420),
        "patan": ("Patan, Lalitpur", 27.6727, 85.3250),
        "bhaktapur": ("Bhaktapur", 27.6710, 85.4298),
        "kirtipur": ("Kirtipur", 27.6787, 85.2775),
        "boudha": ("Boudha", 27.7215, 85.3620),
        "kalanki": ("Kalanki", 27.6930, 85.2810),
        "balaju": ("Balaju Industrial District", 27.7340, 85.3030),
        "koteshwor": ("Koteshwor", 27.6780, 85.3490),
        "chabahil": ("Chabahil", 27.7170, 85.3470),
        "budhanilkantha": ("Budhanilkantha", 27.7650, 85.3650),
        "tokha": ("Tokha", 27.7560, 85.3270),
        "gongabu": ("Gongabu", 27.7350, 85.3150),
        "satdobato": ("Satdobato", 27.6580, 85.3240),
        "imadol": ("Imadol", 27.6620, 85.3400),
        "thimi": ("Madhyapur Thimi", 27.6800, 85.3880),
        "godawari": ("Godawari", 27.5930, 85.3790),
        "sankhu": ("Sankhu", 27.7450, 85.4700),
        "nagarkot": ("Nagarkot", 27.7170, 85.5200),
        "lubhu": ("Lubhu", 27.6460, 85.3830),
        "chobhar": ("Chobhar", 27.6630, 85.2930),
        "pharping": ("Pharping", 27.6140, 85.2650),
        "jawalakhel": ("Jawalakhel", 27.6730, 85.3140),
        "kalimati": ("Kalimati", 27.6980, 85.2960),
        "sundhara": ("Sundhara", 27.7000, 85.3130),
        "maharajgunj": ("Maharajgunj", 27.7370, 85.3300),
    },
    "addis-ababa": {
        "bole": ("Bole", 8.9950, 38.7860),
        "piassa": ("Piassa", 9.0330, 38.7520),
        "merkato": ("Merkato", 9.0320, 38.7380),
        "kality": ("Kality", 8.9000, 38.7600),
        "akaki": ("Akaki", 8.8700, 38.7830),
        "ayat": ("Ayat", 9.0250, 38.8750),
        "cmc": ("CMC", 9.0220, 38.8420),
        "kolfe": ("Kolfe Keraniyo", 9.0250, 38.7000),
        "lebu": ("Lebu", 8.9600, 38.7200),
        "saris": ("Saris", 8.9680, 38.7500),
        "megenagna": ("Megenagna", 9.0200, 38.8010),
        "kazanchis": ("Kazanchis", 9.0170, 38.7650),
        "gerji": ("Gerji", 8.9990, 38.8200),
        "sebeta": ("Sebeta", 8.9110, 38.6210),
        "burayu": ("Burayu", 9.0680, 38.6590),
        "legetafo": ("Legetafo", 9.0660, 38.9000),
        "holeta": ("Holeta", 9.0600, 38.5000),
        "bole_lemi": ("Bole Lemi Industrial Park", 8.9580, 38.8470),
        "gulele": ("Gulele", 9.0600, 38.7300),
        "arat_kilo": ("Arat Kilo", 9.0330, 38.7630),
        "mexico": ("Mexico Square", 9.0100, 38.7450),
        "lideta": ("Lideta", 9.0110, 38.7350),
        "kotebe": ("Kotebe", 9.0330, 38.8500),
        "summit": ("Summit", 9.0050, 38.8600),
        "koye": ("Koye Feche", 8.9200, 38.8700),
    },
}

PREFIX = {"manchester": "mcr", "kathmandu": "ktm", "addis-ababa": "add"}
PEOPLE = {
    "manchester": text_people_mcr.PEOPLE,
    "kathmandu": text_people_ktm.PEOPLE,
    "addis-ababa": text_people_add.PEOPLE,
}
VACANCY_TEXT = {
    "manchester": text_vacancies_mcr,
    "kathmandu": text_vacancies_ktm,
    "addis-ababa": text_vacancies_add,
}

NGOS: dict[str, tuple[str, str, str]] = {
    "ngo-manchester": (
        "New Roots Manchester",
        "manchester",
        "Charity supporting adult survivors of modern slavery in Greater Manchester after the "
        "National Referral Mechanism: casework, ESOL, employment support and the Bright Start "
        "placement partnership.",
    ),
    "ngo-kathmandu": (
        "Didi Bahini Returnee Network",
        "kathmandu",
        "Organisation run by women returnee migrant workers, including survivors of trafficking for "
        "domestic servitude: paralegal and psychosocial counselling, skills mapping against local "
        "demand, and support to savings-and-credit cooperatives.",
    ),
    "ngo-addis": (
        "Addis Returnee Reintegration Centre",
        "addis-ababa",
        "Reintegration support for returnee migrants and survivors of trafficking: counselling, "
        "job placement with partner companies and 3x6 income-generation groups.",
    ),
}

#: username, display name, role, organisation, language, lead ("yes": approves changes to its accounts)
USERS: list[tuple[str, str, str, str, str, str]] = [
    ("admin", "Sam O.", "admin", "", "en", ""),
    ("admin2", "Alex R.", "admin", "", "en", ""),
    ("counsellor.manchester", "Hannah P.", "counsellor", "ngo-manchester", "en", "yes"),
    ("counsellor2.manchester", "Carlos M.", "counsellor", "ngo-manchester", "es", ""),
    ("counsellor.kathmandu", "Sabina S.", "counsellor", "ngo-kathmandu", "en", "yes"),
    ("counsellor2.kathmandu", "Ramesh K.", "counsellor", "ngo-kathmandu", "en", ""),
    ("counsellor.addis", "Hiwot T.", "counsellor", "ngo-addis", "en", "yes"),
    (
        "employer.coop-retail",
        "Northern Co-operative Retail (people team)",
        "employer",
        "coop-retail",
        "en",
        "yes",
    ),
    ("employer.northway", "Northway Logistics (HR)", "employer", "northway-logistics", "en", "yes"),
    ("employer.tesfa-paper", "Tesfa Paper Recycling (HR)", "employer", "tesfa-paper", "fr", "yes"),
    ("employer.bridgewater", "Bridgewater Hotel Group (HR)", "employer", "bridgewater-hotels", "en", "yes"),
    (
        "employer.himalaya-hotel",
        "Himalaya Heritage Hotel (HR)",
        "employer",
        "himalaya-heritage-hotel",
        "en",
        "yes",
    ),
    ("employer.abay-garment", "Abay Garment & Textile (HR)", "employer", "abay-garment", "en", "yes"),
    ("treasurer.kathmandu", "Durga P.", "coop_treasurer", "coop-saathi", "en", "yes"),
    ("member1.kathmandu", "Kamala G.", "coop_member", "coop-saathi", "en", ""),
    ("member2.kathmandu", "Maya T.", "coop_member", "coop-saathi", "en", ""),
    ("treasurer.addis", "Tsehay B.", "coop_treasurer", "coop-kolfe-3x6", "en", "yes"),
    ("member1.addis", "Birtukan S.", "coop_member", "coop-kolfe-3x6", "en", ""),
    ("member2.addis", "Tigist A.", "coop_member", "coop-kolfe-3x6", "en", ""),
]

COUNSELLORS = {
    "manchester": ["counsellor.manchester", "counsellor2.manchester"],
    "kathmandu": ["counsellor.kathmandu", "counsellor2.kathmandu"],
    "addis-ababa": ["counsellor.addis"],
}

COLUMNS: dict[str, list[str]] = {
    "localities.csv": ["id", "name", "country", "latitude", "longitude", "currency"],
    "organisations.csv": ["id", "name", "kind", "locality", "description"],
    "users.csv": ["username", "display_name", "role", "organisation", "language", "lead"],
    "people.csv": [
        "id",
        "organisation",
        "counsellor",
        "locality",
        "pseudonym",
        "skills_text",
        "work_history",
        "interests_text",
        "languages",
        "latitude",
        "longitude",
        "max_distance_km",
        "min_hours_per_week",
        "max_hours_per_week",
        "availability",
        "constraints_text",
        "exclusions",
        "desired_pay",
        "pay_period",
        "currency",
    ],  # fmt: skip
    "protected.csv": ["person", "gender", "nationality", "birth_year", "trafficking_history"],
    "consents.csv": ["person", "purpose", "granted_by", "granted_on", "withdrawn_on"],
    "vacancies.csv": [
        "id",
        "employer",
        "title",
        "sector",
        "locality",
        "latitude",
        "longitude",
        "description",
        "skills_required",
        "languages_required",
        "hours_per_week",
        "shift",
        "pay",
        "pay_period",
        "currency",
        "contract",
        "posted_on",
        "closes_on",
    ],  # fmt: skip
    "vacancy_labels.csv": ["vacancy", "label", "reasons"],
    "programmes.csv": [
        "id",
        "employer",
        "title",
        "sector",
        "locality",
        "latitude",
        "longitude",
        "description",
        "skills_required",
        "languages_required",
        "capacity",
        "placement_weeks",
        "placement_pay",
        "job_title",
        "job_pay",
        "pay_period",
        "currency",
        "hours_per_week",
        "interview",
        "starts_on",
    ],  # fmt: skip
    "cooperatives.csv": [
        "id",
        "organisation",
        "name",
        "locality",
        "founded_on",
        "business",
        "monthly_share",
        "currency",
        "max_loan_multiple",
        "monthly_interest_rate",
    ],  # fmt: skip
    "coop_members.csv": ["cooperative", "member", "username", "role", "joined_on", "left_on"],
    "coop_savings.csv": ["cooperative", "member", "month", "saved", "loan_taken", "loan_repaid"],
}

Row = dict[str, Any]


def scatter(rng: random.Random, locality: str, area: str, spread_km: float) -> tuple[float, float]:
    """Return a point near ``area`` (normal scatter, ``spread_km`` standard deviation), 5 decimals."""
    _, lat, lon = AREAS[locality][area]
    dlat = rng.gauss(0.0, spread_km) / 111.0
    dlon = rng.gauss(0.0, spread_km) / (111.0 * math.cos(math.radians(lat)))
    return round(lat + dlat, 5), round(lon + dlon, 5)


def day_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """Return a uniformly drawn date in ``[start, end]``."""
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def num(value: float) -> str:
    """Format a number without a trailing ``.0``."""
    return f"{value:g}" if float(value) != int(value) else str(int(value))


def build_people(rng: random.Random) -> tuple[list[Row], list[Row], list[Row]]:
    """Return the people, protected-attribute and consent rows.

    The people written wholly in their own language (``text_people_languages``) come after each
    locality's others, drawn with their own random stream so that no other record changed.
    """
    people: list[Row] = []
    protected: list[Row] = []
    consents: list[Row] = []
    for locality, records in PEOPLE.items():
        for i, p in enumerate(records, start=1):
            add_person(rng, locality, i, p, people, protected, consents)
    own = random.Random(f"{SEED}:own-language")
    for locality, records in text_people_languages.PEOPLE.items():
        for i, p in enumerate(records, start=len(PEOPLE[locality]) + 1):
            add_person(own, locality, i, p, people, protected, consents)
    return people, protected, consents


def add_person(
    rng: random.Random,
    locality: str,
    i: int,
    p: dict[str, Any],
    people: list[Row],
    protected: list[Row],
    consents: list[Row],
) -> None:
    """Append one person's row, protected attributes and consents."""
    currency = LOCALITIES[locality][4]
    ngo = next(k for k, v in NGOS.items() if v[1] == locality)
    pid = f"{PREFIX[locality]}-{i:02d}"
    counsellor = COUNSELLORS[locality][i % len(COUNSELLORS[locality])]
    lat, lon = scatter(rng, locality, str(p["area"]), 1.2)
    hours: tuple[float, float] = p["hours"]
    pay: tuple[float, str] = p["pay"]
    people.append(
        {
            "id": pid,
            "organisation": ngo,
            "counsellor": counsellor,
            "locality": locality,
            "pseudonym": p["pseudo"],
            "skills_text": p["skills"],
            "work_history": p["work"],
            "interests_text": p["interests"],
            "languages": p["langs"],
            "latitude": lat,
            "longitude": lon,
            "max_distance_km": p["dist"],
            "min_hours_per_week": hours[0],
            "max_hours_per_week": hours[1],
            "availability": p["avail"],
            "constraints_text": p["cons"],
            "exclusions": p["excl"],
            "desired_pay": num(pay[0]),
            "pay_period": pay[1],
            "currency": currency,
        }
    )
    protected.append(
        {
            "person": pid,
            "gender": p["g"],
            "nationality": p["nat"],
            "birth_year": p["by"],
            "trafficking_history": p["hist"],
        }
    )
    consents.extend(person_consents(rng, pid, counsellor))


#: person id -> purposes never granted / withdrawn (hand-picked so the demo shows both cases)
NO_MATCHING = {"mcr-18", "add-19"}
WITHDRAWN = {
    "mcr-09": ["matching", "share_with_employers"],
    "ktm-06": ["share_with_employers"],
    "ktm-21": ["matching"],
    "add-12": ["matching"],
    "add-24": ["share_with_employers"],
}


def person_consents(rng: random.Random, pid: str, counsellor: str) -> list[Row]:
    """Return the consent rows of one person (recorded by their counsellor)."""
    start = day_between(rng, dt.date(2026, 1, 6), dt.date(2026, 10, 30))
    purposes = ["contact_by_counsellor"]
    if pid not in NO_MATCHING:
        purposes.append("matching")
        if rng.random() < 0.55 or "share_with_employers" in WITHDRAWN.get(pid, []):
            purposes.append("share_with_employers")
    if rng.random() < 0.4:
        purposes.append("demand_statistics")
    rows: list[Row] = []
    for purpose in purposes:
        granted = (
            start
            if purpose in ("contact_by_counsellor", "matching")
            else start + dt.timedelta(days=rng.randint(0, 40))
        )
        withdrawn: object = ""
        if purpose in WITHDRAWN.get(pid, []):
            withdrawn = day_between(rng, granted + dt.timedelta(days=20), dt.date(2026, 11, 25))
        rows.append(
            {
                "person": pid,
                "purpose": purpose,
                "granted_by": counsellor,
                "granted_on": granted,
                "withdrawn_on": withdrawn,
            }
        )
    return rows


def posting_dates(rng: random.Random, urgent: bool) -> tuple[dt.date, dt.date]:
    """Return (posted_on, closes_on); urgent adverts are posted late and close within two weeks."""
    if urgent:
        posted = day_between(rng, dt.date(2026, 11, 16), dt.date(2026, 11, 27))
        return posted, max(dt.date(2026, 12, 1), posted + dt.timedelta(days=rng.randint(7, 14)))
    posted = day_between(rng, dt.date(2026, 9, 1), dt.date(2026, 11, 25))
    return posted, day_between(rng, dt.date(2026, 12, 1), dt.date(2027, 2, 26))


def make_vacancy(
    rng: random.Random, vid: str, locality: str, role: dict[str, Any], site: str, where: list[str]
) -> Row:
    """Return one vacancy row: the role's advert posted at ``site``, with the employer's site line."""
    line = rng.choice(where).format(place=AREAS[locality][site][0])
    body = str(role["body"])
    description = f"{body} {line}" if rng.random() < 0.6 else f"{line} {body}"
    lat, lon = scatter(rng, locality, site, 0.6)
    posted, closes = posting_dates(rng, bool(role.get("urgent")))
    return {
        "id": vid,
        "employer": role["emp"],
        "title": role["title"],
        "sector": role["sector"],
        "locality": locality,
        "latitude": lat,
        "longitude": lon,
        "description": description,
        "skills_required": role["skills"],
        "languages_required": role["langs"],
        "hours_per_week": num(float(role["hours"])),
        "shift": role["shift"],
        "pay": num(float(role["pay"])),
        "pay_period": role["period"],
        "currency": LOCALITIES[locality][4],
        "contract": role["contract"],
        "posted_on": posted,
        "closes_on": closes,
    }


def build_vacancies(rng: random.Random) -> tuple[list[Row], list[Row], list[Row]]:
    """Return the employer organisations, vacancy rows and the vacancy answer-key rows."""
    orgs: list[Row] = []
    vacancies: list[Row] = []
    labels: list[Row] = []
    for locality, module in VACANCY_TEXT.items():
        for org_id, emp in module.EMPLOYERS.items():
            orgs.append(
                {
                    "id": org_id,
                    "name": emp["name"],
                    "kind": "employer",
                    "locality": locality,
                    "description": emp["description"],
                }
            )
        postings = [(role, site) for role in module.ROLES for site in role["sites"]]
        rng.shuffle(postings)  # ids say nothing about the employer or the answer key
        for n, (role, site) in enumerate(postings, start=1):
            vid = f"{PREFIX[locality]}-v{n:03d}"
            where: list[str] = module.EMPLOYERS[str(role["emp"])]["where"]
            vacancies.append(make_vacancy(rng, vid, locality, role, site, where))
            labels.append(
                {"vacancy": vid, "label": role.get("label", "ordinary"), "reasons": role.get("why", "")}
            )
    return orgs, vacancies, labels


def build_programmes() -> list[Row]:
    """Return the three Bright-Future-style placement programmes (hand-written)."""
    rows: list[Row] = []
    for p in text_programmes_coops.PROGRAMMES:
        locality = str(p["locality"])
        _, lat, lon = AREAS[locality][str(p["area"])]
        row = {k: v for k, v in p.items() if k != "area"}
        row.update({"latitude": lat, "longitude": lon, "currency": LOCALITIES[locality][4]})
        rows.append(row)
    return rows


def months(start: str, end: str) -> list[str]:
    """Return the ``YYYY-MM`` months from ``start`` to ``end`` inclusive."""
    y, m = map(int, start.split("-"))
    out = []
    while f"{y:04d}-{m:02d}" <= end:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def plan_loans(rng: random.Random, member: dict[str, Any], n_months: int) -> dict[int, int]:
    """Return {month index: number of instalments} for the member's loans, never overlapping.

    Closed loans are fully repaid before the history ends; an ``open_loan`` (the last one) is
    taken late enough that part of it is still outstanding in the last month.
    """
    plan: dict[int, int] = {}
    cursor = 6
    loans = int(member.get("loans", 0))
    for k in range(loans):
        n = rng.choice([6, 8, 10, 12])
        if member.get("open_loan") and k == loans - 1:
            lo, hi = max(cursor, n_months - n + 1), n_months - 2
        else:
            lo, hi = cursor, min(n_months - 1 - n, cursor + 8)
        if lo > hi:
            break
        start = rng.randint(lo, hi)
        plan[start] = n
        cursor = start + n + 2
    return plan


def savings_history(rng: random.Random, coop: dict[str, Any], member: dict[str, Any]) -> list[Row]:
    """Return one member's monthly savings; loans are repaid in instalments, never over-repaid."""
    share, step = float(coop["monthly_share"]), float(coop["loan_step"])
    end = member["left_on"][:7] if member["left_on"] else coop["last_month"]
    span = months(member["joined_on"][:7], end)
    if member["left_on"]:
        span = span[:-1]  # no saving in the month they leave
    plan = plan_loans(rng, member, len(span))
    rows: list[Row] = []
    total_saved = outstanding = instalment = 0.0
    for i, month in enumerate(span):
        roll = rng.random()
        saved = 0.0 if roll < 0.05 else share * 2 if roll > 0.93 else share
        taken = repaid = 0.0
        if outstanding > 0:
            repaid = min(instalment, outstanding)
            outstanding -= repaid
        elif i in plan:
            cap = float(coop["max_loan_multiple"]) * total_saved
            taken = step * math.floor(min(cap, share * rng.randint(10, 30)) / step)
            unit = step / 10
            outstanding = taken
            instalment = unit * math.ceil(taken / plan[i] / unit) if taken else 0.0
        total_saved += saved
        rows.append(
            {
                "cooperative": coop["id"],
                "member": member["member"],
                "month": month,
                "saved": num(saved),
                "loan_taken": num(taken),
                "loan_repaid": num(repaid),
            }
        )
    return rows


def build_cooperatives(rng: random.Random) -> tuple[list[Row], list[Row], list[Row], list[Row]]:
    """Return cooperative organisations, cooperatives, members and savings rows."""
    orgs: list[Row] = []
    coops: list[Row] = []
    members: list[Row] = []
    savings: list[Row] = []
    for coop in text_programmes_coops.COOPERATIVES:
        orgs.append(
            {
                "id": coop["organisation"],
                "name": coop["name"],
                "kind": "cooperative",
                "locality": coop["locality"],
                "description": coop["org_description"],
            }
        )
        coops.append({k: coop[k] for k in COLUMNS["cooperatives.csv"]})
        for m in coop["members"]:
            members.append(
                {"cooperative": coop["id"]} | {k: m.get(k, "") for k in COLUMNS["coop_members.csv"][1:]}
            )
            savings.extend(savings_history(rng, coop, m))
    return orgs, coops, members, savings


def write_csv(name: str, rows: Iterable[Row]) -> int:
    """Write ``rows`` to ``name`` with the schema's column order; return the row count."""
    cols = COLUMNS[name]
    n = 0
    with (HERE / name).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: "" if row.get(c) is None else row.get(c) for c in cols})
            n += 1
    return n


def main() -> None:
    """Build every file, write it, write the README and validate the result."""
    rng = random.Random(SEED)
    people, protected, consents = build_people(rng)
    emp_orgs, vacancies, labels = build_vacancies(rng)
    coop_orgs, coops, members, savings = build_cooperatives(rng)
    ngo_orgs = [
        {"id": k, "name": v[0], "kind": "ngo", "locality": v[1], "description": v[2]} for k, v in NGOS.items()
    ]
    tables: dict[str, Sequence[Row]] = {
        "localities.csv": [
            {"id": k, "name": v[0], "country": v[1], "latitude": v[2], "longitude": v[3], "currency": v[4]}
            for k, v in LOCALITIES.items()
        ],
        "organisations.csv": ngo_orgs + emp_orgs + coop_orgs,
        "users.csv": [dict(zip(COLUMNS["users.csv"], u, strict=True)) for u in USERS],
        "people.csv": people,
        "protected.csv": protected,
        "consents.csv": consents,
        "vacancies.csv": vacancies,
        "vacancy_labels.csv": labels,
        "programmes.csv": build_programmes(),
        "cooperatives.csv": coops,
        "coop_members.csv": members,
        "coop_savings.csv": savings,
    }
    counts = {name: write_csv(name, rows) for name, rows in tables.items()}
    (HERE / "as_of.txt").write_text(f"{AS_OF.isoformat()}\n", encoding="utf-8")
    problems = validate_demo.validate(HERE)
    write_readme(counts, tables)
    for name, n in counts.items():
        print(f"{name:22s} {n:5d}")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        raise SystemExit(f"{len(problems)} problem(s) in the generated data")
    print("validated: no problems")


def write_readme(counts: dict[str, int], tables: dict[str, Sequence[Row]]) -> None:
    """Write README.md with the counts per file and per locality."""
    by_loc: dict[str, Counter[str]] = {}
    for name in ("people.csv", "vacancies.csv", "programmes.csv", "cooperatives.csv"):
        by_loc[name] = Counter(str(r["locality"]) for r in tables[name])
    employers = Counter(str(r["locality"]) for r in tables["organisations.csv"] if r["kind"] == "employer")
    labels = Counter(str(r["label"]) for r in tables["vacancy_labels.csv"])
    lines = [f"| `{name}` | {n} |" for name, n in counts.items()]
    loc_lines = [
        f"| {LOCALITIES[loc][0]} | {by_loc['people.csv'][loc]} | {by_loc['vacancies.csv'][loc]} | "
        f"{employers[loc]} | {by_loc['programmes.csv'][loc]} | {by_loc['cooperatives.csv'][loc]} |"
        for loc in LOCALITIES
    ]
    text = (HERE / "README.template.md").read_text(encoding="utf-8")
    text = text.replace("{{FILE_COUNTS}}", "\n".join(lines))
    text = text.replace("{{LOCALITY_COUNTS}}", "\n".join(loc_lines))
    text = text.replace(
        "{{LABEL_COUNTS}}",
        f"{labels['exploitative']} exploitative or fraudulent, {labels['hard_legitimate']} hard but "
        f"legitimate, {labels['ordinary']} ordinary",
    )
    (HERE / "README.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

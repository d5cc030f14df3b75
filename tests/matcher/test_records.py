from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matcher.exceptions import InputError
from matcher.record_io import parse_past_job, read_people, read_vacancies, split_list
from matcher.records import Location, PastJob, Pay, PersonProfile, period_hours

PEOPLE_HEADER = (
    "id,organisation,counsellor,locality,pseudonym,skills_text,work_history,interests_text,languages,"
    "latitude,longitude,max_distance_km,min_hours_per_week,max_hours_per_week,availability,constraints_text,"
    "exclusions,desired_pay,pay_period,currency,gender,nationality,birth_year,trafficking_history"
)
PERSON_ROW = (
    'p-1,ngo-1,cou,mcr,Asha,"I cook, clean and sew","cleaner, hotel in Dubai, 3 years;sewing machinist",'
    "I want to drive,English;Nepali,53.48,-2.24,15,20,40,weekdays;mornings,,"
    "night shifts;live-in,1800,month,GBP,"
    "female,Nepali,1990,trafficked for domestic work"
)
VACANCY_HEADER = (
    "id,employer,title,sector,locality,latitude,longitude,description,skills_required,languages_required,"
    "hours_per_week,shift,pay,pay_period,currency,contract,posted_on,closes_on"
)
VACANCY_ROW = (
    'v-1,emp,Kitchen porter,hospitality,mcr,53.47,-2.23,"Wash dishes. Keep the kitchen clean.",'
    "washing dishes;cleaning,English,30,evening,11.5,hour,GBP,permanent,2026-11-01,2026-12-01"
)
PROGRAMME_HEADER = (
    "id,employer,title,sector,locality,latitude,longitude,description,skills_required,languages_required,"
    "capacity,placement_weeks,placement_pay,job_title,job_pay,pay_period,currency,hours_per_week,interview,starts_on"
)
PROGRAMME_ROW = (
    'bf-1,emp,Warehouse placement,logistics,mcr,53.5,-2.2,"Learn warehouse work.",teamwork,English,'
    "6,12,9,Warehouse operative,12.5,hour,GBP,37.5,non_competitive,2027-01-10"
)


def write(tmp_path: Path, name: str, *lines: str) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_person_from_csv_keeps_only_matching_fields(tmp_path: Path) -> None:
    (person,) = read_people(write(tmp_path, "people.csv", PEOPLE_HEADER, PERSON_ROW))
    assert person == PersonProfile(
        id="p-1",
        skills_text="I cook, clean and sew",
        work_history=(PastJob("cleaner", "hotel in Dubai", 3.0), PastJob("sewing machinist")),
        interests_text="I want to drive",
        languages=("English", "Nepali"),
        location=Location(53.48, -2.24),
        max_distance_km=15.0,
        min_hours_per_week=20.0,
        max_hours_per_week=40.0,
        availability=("weekdays", "mornings"),
        exclusions=("night shifts", "live-in"),
        desired_pay=Pay(1800.0, "month", "GBP"),
        locality="mcr",
    )


def test_profile_has_no_protected_attributes() -> None:
    fields = set(PersonProfile.__dataclass_fields__)
    assert not fields & {"gender", "nationality", "birth_year", "age", "trafficking_history"}


def test_jsonl_gives_the_same_records_as_csv(tmp_path: Path) -> None:
    (from_csv,) = read_people(write(tmp_path, "people.csv", PEOPLE_HEADER, PERSON_ROW))
    record = {
        "id": "p-1",
        "locality": "mcr",
        "skills_text": "I cook, clean and sew",
        "work_history": ["cleaner, hotel in Dubai, 3 years", "sewing machinist"],
        "interests_text": "I want to drive",
        "languages": ["English", "Nepali"],
        "latitude": 53.48,
        "longitude": -2.24,
        "max_distance_km": 15,
        "min_hours_per_week": 20,
        "max_hours_per_week": 40,
        "availability": ["weekdays", "mornings"],
        "exclusions": ["night shifts", "live-in"],
        "desired_pay": 1800,
        "pay_period": "month",
        "currency": "GBP",
    }
    path = write(tmp_path, "people.jsonl", "", json.dumps(record), "   ")
    assert read_people(path) == (from_csv,)


def test_vacancies_and_programmes(tmp_path: Path) -> None:
    (vacancy,) = read_vacancies(write(tmp_path, "v.csv", VACANCY_HEADER, "", VACANCY_ROW, ""))
    assert vacancy.kind == "vacancy" and vacancy.capacity == 1
    assert vacancy.skills_required == ("washing dishes", "cleaning")
    assert vacancy.shift == "evening" and vacancy.pay == Pay(11.5, "hour", "GBP")
    (programme,) = read_vacancies(write(tmp_path, "p.csv", PROGRAMME_HEADER, PROGRAMME_ROW))
    assert programme.is_programme and programme.capacity == 6
    assert programme.pay == Pay(9.0, "hour", "GBP") and programme.job_pay == Pay(12.5, "hour", "GBP")
    assert programme.best_pay == programme.job_pay


@pytest.mark.parametrize(
    ("name", "lines", "message"),
    [
        (
            "v.csv",
            [VACANCY_HEADER, VACANCY_ROW.replace(",30,", ",thirty,")],
            "v.csv:2: field 'hours_per_week'",
        ),
        (
            "v.csv",
            [VACANCY_HEADER, VACANCY_ROW, "", VACANCY_ROW.replace("evening", "dusk")],
            "v.csv:4: field 'shift'",
        ),
        ("v.csv", [VACANCY_HEADER, VACANCY_ROW, VACANCY_ROW], "the id 'v-1' appears twice"),
        ("v.csv", [VACANCY_HEADER, VACANCY_ROW + ",extra"], "v.csv:2: more cells"),
        ("v.csv", ["title,sector", "Cook,hospitality"], "v.csv:1: the CSV header must have an 'id'"),
        ("v.jsonl", ['{"id": "v-1", "title": "Cook"}', "", "{oops"], "v.jsonl:3: not valid JSON"),
        ("v.jsonl", ["[1, 2]"], "v.jsonl:1: expected a JSON object"),
        ("v.jsonl", ['{"id": "v-1"}'], "v.jsonl:1: field 'title' is missing"),
        (
            "v.jsonl",
            ['{"id": "v-1", "title": "Cook", "pay": 5}'],
            "v.jsonl:1: 'pay' is given but 'pay_period'",
        ),
        ("v.jsonl", ['{"id": "v-1", "title": "C", "latitude": 95, "longitude": 1}'], "not WGS84"),
    ],
)
def test_malformed_input_names_file_and_line(
    tmp_path: Path, name: str, lines: list[str], message: str
) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        read_vacancies(write(tmp_path, name, *lines))


def test_bad_availability_names_the_line(tmp_path: Path) -> None:
    row = PERSON_ROW.replace("weekdays;mornings", "weekdays;sometimes")
    with pytest.raises(InputError, match=r"people.csv:2: availability 'sometimes'"):
        read_people(write(tmp_path, "people.csv", PEOPLE_HEADER, row))


@pytest.mark.parametrize(
    ("pay", "hours", "period", "expected"),
    [
        (Pay(10, "hour", "EUR"), 40, "week", 400.0),
        (Pay(80, "day", "EUR"), None, "hour", 10.0),
        (Pay(400, "week", "EUR"), 40, "hour", 10.0),
        (Pay(400, "week", "EUR"), 20, "hour", 20.0),
        (Pay(1300, "month", "EUR"), 30, "week", 300.0),
        (Pay(10, "hour", "EUR"), None, "month", 10 * 40 * 52 / 12),
    ],
)
def test_pay_conversion(pay: Pay, hours: float | None, period: str, expected: float) -> None:
    assert pay.per(period, hours) == pytest.approx(expected)


def test_unknown_period_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown pay period"):
        period_hours("fortnight")


@given(st.floats(0.01, 1e5), st.sampled_from(["hour", "day", "week", "month"]), st.floats(1, 80))
def test_pay_round_trips_through_every_period(amount: float, period: str, hours: float) -> None:
    pay = Pay(amount, period, "EUR")
    for other in ("hour", "day", "week", "month"):
        back = Pay(pay.per(other, hours), other, "EUR").per(period, hours)
        assert back == pytest.approx(amount, rel=1e-9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cook, restaurant in Doha, 2 years", PastJob("cook", "restaurant in Doha", 2.0)),
        ("cook, 1.5 yrs", PastJob("cook", "", 1.5)),
        ("cleaner, office, Lima", PastJob("cleaner", "office, Lima")),
        ("", PastJob("")),
    ],
)
def test_parse_past_job(text: str, expected: PastJob) -> None:
    assert parse_past_job(text) == expected


def test_split_list_drops_blanks() -> None:
    assert split_list(" a ;; b ;") == ("a", "b") and split_list(None) == ()

"""Working hours read from an advert sentence: a day's span or shift length times the days in a week.

"8am-8pm, 7 days", "12-hour shifts, 6 days per week", "de 6h à 20h, 7 jours sur 7", "de lunes a domingo"
say the hours without the word "overtime"; this reckons them. Over :data:`WEEKLY_LIMIT` hours a week
(the ILO treats more than 60 as excessive) is :func:`long_hours`. A day's span counts from start to
finish, breaks included, so a rota of "7am-7pm Monday to Friday" (60) stays under the limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: More hours than this in a week is excessive (ILO: regularly more than 60).
WEEKLY_LIMIT = 60.0
#: A day this long (start to finish) is excessive even when the advert does not say how many days.
DAILY_LIMIT = 14.0

_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
}  # fmt: skip
_NUM = (
    r"(\d{1,2}|one|two|three|four|five|six|seven|uno|dos|tres|cuatro|cinco|seis|siete|deux|trois|quatre|"
    r"cinq|sept)"
)
_WEEKDAYS = {
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}
_TIME = (
    r"(\d{1,2})(?:\s?[:.h]\s?(\d{2})|\s?(h)\b)?\s?(am|pm|a\.m\.|p\.m\.|"
    r"de la (?:mañana|madrugada|tarde|noche)|du (?:matin|soir)|de l'après-midi)?"
)
_MORNING = ("am", "de la mañana", "de la madrugada", "du matin")
_NIGHT = ("de la noche", "du soir")
_SPAN = re.compile(
    _TIME + r"(?:[^.;\d]{0,25}?)\s*(?:-|–|—|to|until|till|back by|home by|finish(?:ing)? (?:at|by)|a|al|"
    r"hasta|las|à|jusqu'?à)\s*" + _TIME,
    re.IGNORECASE,
)
_EVERY_DAY = re.compile(
    r"\b(?:7|seven) days\b(?!'|\s+(?:on|off|notice|in a row|in every|out of|then|followed))|\bevery day\b|"
    r"\bdaily\b|\b7 ?j ?/ ?7\b|\b(?:7|sept) jours sur (?:7|sept)\b|\btous les jours\b|\btodos los días\b|"
    r"\b(?:7|siete) días (?:a la|por) semana\b",
    re.IGNORECASE,
)
_DAYS = re.compile(
    _NUM + r"\s+(?:days?|días|jours|shifts?|turnos)(?:\s+(?:a|per|each|every|por|a la|par|sur)\s+(?:week|"
    r"semana|semaine|7))?\b|\b" + _NUM + r"\s+(?:or\s+" + _NUM + r"\s+)?(?:a|per) week\b",
    re.IGNORECASE,
)
_SHIFT = re.compile(
    r"\b(\d{1,2})[- ]?(?:hour|hr|h)\b[- ]?(?:shifts?|days?|working days?)|\bshifts? of (\d{1,2}) ?(?:hours?|"
    r"h)\b|"
    r"\b(?:journées?|jornadas?|turnos?|shifts?|days?) de (\d{1,2}) ?(?:heures|horas|h)\b|"
    r"\b(\d{1,2}) ?(?:hours?|hrs?|heures|horas) (?:a|per|each|every|par|por|al|by) ?(?:day|shift|jour|día)\b",
    re.IGNORECASE,
)
_WEEKLY = re.compile(
    r"\b(\d{2})\s?(?:hours?|hrs?|h|heures|horas)\s?(?:a|per|each|every|/|par|por|a la|semanales|"
    r"hebdomadaires)\s?(?:week|semaine|semana)?\b|\b(\d{2})[- ]hour (?:working )?week\b",
    re.IGNORECASE,
)
_MIDNIGHT = re.compile(r"\b(?:midnight|minuit|medianoche)\b", re.IGNORECASE)
_FROM = re.compile(r"\b(?:de|from|entre|desde|du)\s*$", re.IGNORECASE)
_OPENING = re.compile(r"\b(?:open|opening|ouvert|abierto|horario de apertura|store hours)\b", re.IGNORECASE)


@dataclass(frozen=True)
class LongHours:
    """Where an advert sentence says excessive hours, and the reckoning (e.g. "12 h a day x 7 days")."""

    start: int
    end: int
    reckoning: str


def _hour(number: str, minutes: str | None, meridiem: str | None) -> float:
    value = float(number) + (float(minutes) / 60 if minutes else 0.0)
    mark = (meridiem or "").lower().replace(".", "")
    if mark and mark not in _MORNING and value < 12:
        value += 12
    if mark in _MORNING and value >= 12:
        value -= 12
    if mark in _NIGHT and value == 12:  # "12 de la noche", "12 h du soir": midnight
        value = 24.0
    return value


def _day_span(text: str) -> tuple[float, re.Match[str]] | None:
    best: tuple[float, re.Match[str]] | None = None
    # "midnight", "minuit", "medianoche" as the clock time 24:00 (same length, so offsets are kept)
    text = _MIDNIGHT.sub(lambda m: "24:00".ljust(len(m.group(0))), text)
    for match in _SPAN.finditer(text):
        h1, m1, h_1, ap1, h2, m2, h_2, ap2 = match.groups()
        # "de 7 a 22 h", "from 7 to 22:00": the clock mark on the end time also marks the start
        marked_by_end = bool(m2 or h_2) and _FROM.search(text[: match.start()]) is not None
        if not ((m1 or h_1 or ap1 or marked_by_end) and (m2 or h_2 or ap2)):  # "2 to 3 years": not a time
            continue
        if int(h1) > 24 or int(h2) > 24:
            continue
        if ap2 and not ap1 and ap2.lower() not in _MORNING and int(h1) < 12 and int(h1) > int(h2):
            ap1 = "am"
        start, end = _hour(h1, m1, ap1), _hour(h2, m2, ap2)
        if h2 == "00" and not ap2:  # "a 00:00", "to 00.00": the day ends at midnight
            end = 24.0
        elif not (ap1 or ap2) and end < start and end + 12 > start:
            end += 12  # "7:30-4:30" on a twelve-hour clock ends in the afternoon; "22:00-6:00" is a night
        span = (end - start) % 24
        if best is None or span > best[0]:
            best = (span, match)
    return best


def _weekday_range(text: str, language: str) -> int | None:
    days = _WEEKDAYS.get(language, _WEEKDAYS["en"])
    names = "|".join(days)
    found = re.search(
        rf"\b(?:from |de |du )?({names})s?\s*(?:to|through|until|-|–|a|al|au|à)\s*(?:le |el )?({names})s?\b",
        text,
        re.IGNORECASE,
    )
    if found is None:
        return None
    first, last = days.index(found.group(1).lower()), days.index(found.group(2).lower())
    return (last - first) % 7 + 1


def days_per_week(text: str, language: str = "en") -> int | None:
    """How many days a week ``text`` says are worked, if it says.

    Examples
    --------
    >>> days_per_week("8am-8pm, 7 days."), days_per_week("Monday to Friday")
    (7, 5)
    >>> days_per_week("de lunes a domingo", "es"), days_per_week("12-hour shifts, three or four a week")
    (7, 4)
    """
    if _EVERY_DAY.search(text):
        return 7
    ranged = _weekday_range(text, language)
    if ranged is not None:
        return ranged
    found = _DAYS.search(text)
    if found is None:
        return None
    values = [g for g in found.groups() if g]
    numbers = [int(v) if v.isdigit() else _NUMBERS[v.lower()] for v in values]
    days = max(numbers)
    return days if 1 <= days <= 7 else None


def long_hours(text: str, language: str = "en") -> LongHours | None:
    """Whether ``text`` (one sentence) describes more than 60 hours a week, or a day of 14 hours or more.

    Examples
    --------
    >>> long_hours("8am-8pm, 7 days.").reckoning
    '12 h a day x 7 days = 84 h a week'
    >>> long_hours("Rota 7am-7pm Monday to Friday.") is None
    True
    >>> long_hours("Journées de 6h à 20h, 7 jours sur 7.", "fr").reckoning
    '14 h a day x 7 days = 98 h a week'
    >>> long_hours("Roughly 60 hours a week.").reckoning
    '60 h a week'
    >>> long_hours("12-hour day shifts, three or four a week.") is None
    True
    >>> long_hours("7:30-4:30 Monday to Friday.") is None
    True
    >>> long_hours("De 7 de la mañana a 10 de la noche, de lunes a domingo.", "es").reckoning
    '15 h a day x 7 days = 105 h a week'
    >>> long_hours("De 10 de la mañana a 12 de la noche, seis días a la semana.", "es").reckoning
    '14 h a day x 6 days = 84 h a week'
    >>> long_hours("De 10:00 a 00:00 de lunes a sábado.", "es").reckoning
    '14 h a day x 6 days = 84 h a week'
    >>> long_hours("From 22:00 to 00:00, five nights a week.") is None
    True
    """
    weekly = _WEEKLY.search(text)
    if weekly is not None:
        hours = float(next(g for g in weekly.groups() if g))
        if WEEKLY_LIMIT <= hours <= 120:
            return LongHours(weekly.start(), weekly.end(), f"{hours:.0f} h a week")
    daily: tuple[float, re.Match[str]] | None = None
    shift = _SHIFT.search(text)
    if shift is not None:
        length = float(next(g for g in shift.groups() if g))
        if 0 < length <= 24:
            daily = (length, shift)
    span = _day_span(text)
    if span is not None and (daily is None or span[0] > daily[0]):
        daily = span
    if daily is None or _OPENING.search(text):  # a shop's opening hours are not one person's
        return None
    length, where = daily
    days = days_per_week(text, language)
    if days is not None and length * days > WEEKLY_LIMIT:
        reckoning = f"{length:.0f} h a day x {days} days = {length * days:.0f} h a week"
        return LongHours(where.start(), where.end(), reckoning)
    if days is None and length >= DAILY_LIMIT:
        return LongHours(where.start(), where.end(), f"{length:.0f} h a day")
    return None

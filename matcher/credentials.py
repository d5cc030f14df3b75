"""Licences, certificates, languages and things of one's own: a requirement is met only by the same kind.

Matching by meaning alone read "I can drive scooter and I have license for it" as covering a
"heavy vehicle licence", a "three-wheeler licence" and "Must have own scooter". Here a need that
names a credential (a driving licence of some class, a lift-truck licence, a certificate, a
language, a thing one must own) is a :class:`Requirement`, the person's words that claim one are
:class:`Held`, and :func:`verdict` says whether what is held meets what is asked: the same family
and a class the requirement accepts, counting what a class includes (a heavy vehicle licence also
covers a car), and only when held (not wanted, not expired). The kinds, their words, category codes
per jurisdiction and sources are data (``credentials.yaml``).

A vacancy's description sentence is a requirement only when it asks ("Heavy licence required",
"Must have own scooter"); one that offers ("Training for the three-wheeler licence is paid by the
company", "no HGV licence needed") is not, and is not matched to anything.

Examples
--------
>>> need = read_requirements("heavy vehicle licence", asked=True)[0]
>>> said = read_held(["I can drive scooter and I have license for it"], ())
>>> verdict(need, said).met
False
>>> verdict(read_requirements("two-wheeler licence", asked=True)[0], said).met
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

Translate = Callable[[str], str]
CREDENTIALS_FILE = Path(__file__).with_name("credentials.yaml")
LANGUAGE = "language"


def N_(message: str) -> str:  # noqa: N802 (the usual gettext marker name)
    """Mark ``message`` for extraction only; it is translated where it is said."""
    return message


#: How each class or group is said, by family (English; through gettext where shown).
LABELS: dict[str, dict[str, str]] = {
    "driving": {
        "scooter": N_("a scooter licence"),
        "motorcycle": N_("a motorcycle licence"),
        "three_wheeler": N_("a three-wheeler licence"),
        "car": N_("a car driving licence"),
        "light_truck": N_("a light truck or minibus licence"),
        "heavy_truck": N_("a heavy vehicle licence"),
        "articulated": N_("a truck-trailer (articulated) licence"),
        "bus": N_("a bus licence"),
        "two_wheeler": N_("a two-wheeler (scooter or motorcycle) licence"),
    },
    "lift_truck": {
        "counterbalance": N_("a counterbalance forklift licence"),
        "reach": N_("a reach truck licence"),
        "forklift": N_("a forklift licence"),
        "any_forklift": N_("a forklift licence"),
    },
    "driver_cpc": {"driver_cpc": N_("a Driver CPC")},
    "cscs": {"cscs": N_("a CSCS card")},
    "care_certificate": {"care_certificate": N_("the Care Certificate")},
    "food_hygiene": {"food_hygiene": N_("a food hygiene certificate")},
    "first_aid": {"first_aid": N_("a first aid certificate")},
    "sia": {"sia": N_("an SIA licence")},
    "anm": {"anm": N_("an ANM (auxiliary nurse midwife) certificate")},
    "own": {
        "scooter": N_("your own scooter"),
        "motorcycle": N_("your own motorbike"),
        "car": N_("your own car"),
        "bicycle": N_("your own bicycle"),
        "tools": N_("your own tools"),
        "smartphone": N_("your own smartphone"),
        "vehicle": N_("your own vehicle"),
        "bike": N_("your own bike"),
        "two_wheeler": N_("your own scooter or motorbike"),
    },
}
UNMET_NEAR = N_(
    "The job needs '%(need)s' (%(kind)s); you said '%(words)s' (%(held)s), which does not meet it."
)
UNMET_WANTED = N_("The job needs '%(need)s' (%(kind)s); you said '%(words)s', so you do not hold it yet.")
UNMET_EXPIRED = N_(
    "The job needs '%(need)s' (%(kind)s); you said '%(words)s': it has expired, so it does not meet it until "
    "it is renewed."
)
UNMET_NONE = N_("The job needs '%(need)s' (%(kind)s); you have not said you have it.")
UNMET_LANGUAGE = N_("The job needs '%(need)s'; your languages are %(spoken)s.")
NONE_GIVEN = N_("none given")
EITHER = N_("%(one)s or %(other)s")

_ASKS = re.compile(
    r"\b(must|required|requires?|essential|needed|needs?|mandatory|valid|hold|holding|in-date|you'll need|"
    r"you will need|with (?:a|an|your)|full)\b"
)
_OFFERS = re.compile(
    r"\b(training|train you|trained by us|paid by|sponsorship|sponsor|learn|"
    r"we (?:can |will |)(?:fund|pay|provide|sponsor|put you through|help you)|"
    r"not (?:needed|required|necessary)|no\b[^.;]{0,40}\b(?:needed|required))"
)
_WANTED = re.compile(
    r"\b(want|wants|would like|wish|hope|plan|planning|going to|learn|learning|training|apply|applying|"
    r"need (?:a|to get)|no licen[cs]e|not yet|yet|don'?t have|do not have|without|dream|get (?:a|my))\b"
)
_EXPIRED = re.compile(r"\b(expired|out of date|lapsed|no longer valid|refresher|renew|renewing|renewal)\b")
_OWNS = re.compile(r"\b(own|i have (?:a|an|my)|i've got (?:a|an|my)|i got (?:a|my)|my)\b")
_SPEAKS = re.compile(r"\b(?:i )?(?:speak|speaking|talk|read|write|writing)\b")
_LANGUAGE_NEED = (
    r"^(?:(?:basic|good|fluent|spoken|written|conversational|some|working|native|excellent|clear)\s+)?"
    r"({lang})(?:\s+(?:speaking|spoken|reading|writing|written|language|skills|speaker))?$",
    r"^(?:speaking|reading|writing|written|spoken|speak|read|write)\s+(?:in\s+)?({lang})$",
    r"\b(?:speak|speaking|read|reading|write|writing)\s+(?:in\s+)?(?:good\s+|basic\s+|some\s+|fluent\s+)?({lang})\b",
)
_NUMBER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2, "3rd": 3}
_NUMBER_WORDS |= {"4th": 4, "5th": 5}


@dataclass(frozen=True)
class Requirement:
    """What a need asks for: a family and the classes that meet it (a language by its name).

    ``offered`` is true when the words offer it ("training for the licence is paid") rather than
    ask for it: such a need is neither met nor missing.
    """

    family: str
    accepts: frozenset[str]
    offered: bool = False

    def label(self, translate: Translate | None = None) -> str:
        """The kind asked for, in plain words ("a heavy vehicle licence")."""
        return _label(self.family, self.accepts, translate)


@dataclass(frozen=True)
class Held:
    """A credential the person's words claim: its family, the classes it covers, and their words.

    ``status`` is ``held``, ``wanted`` (they would like one) or ``expired``; only ``held`` meets a
    requirement. ``named`` are the classes as said (for the words), ``covers`` adds what they include.
    """

    family: str
    named: frozenset[str]
    covers: frozenset[str]
    words: str
    status: str = "held"

    def label(self, translate: Translate | None = None) -> str:
        """What the person holds, in plain words ("a scooter licence")."""
        return _label(self.family, self.named, translate)


@dataclass(frozen=True)
class Verdict:
    """Whether a requirement is met, by which of the person's words, or what came closest."""

    met: bool
    evidence: Held | None = None
    near: Held | None = None


@cache
def _data() -> dict[str, Any]:
    with CREDENTIALS_FILE.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def _words(words: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")


@dataclass(frozen=True)
class _Family:
    name: str
    cue: re.Pattern[str]
    context: re.Pattern[str] | None
    default: str | None
    classes: tuple[tuple[str, re.Pattern[str]], ...]
    groups: tuple[tuple[str, re.Pattern[str], frozenset[str]], ...]
    includes: Mapping[str, frozenset[str]]
    codes: Mapping[str, Mapping[str, str]]

    def covers(self, named: Iterable[str]) -> frozenset[str]:
        out = set(named)
        for name in named:
            out |= self.includes.get(name, frozenset())
        return frozenset(out)


@cache
def _families() -> tuple[_Family, ...]:
    out = []
    for name, spec in _data()["families"].items():
        classes = spec.get("classes", {})
        out.append(
            _Family(
                name=name,
                cue=_words(spec["cue"]),
                context=_words(spec["context"]) if spec.get("context") else None,
                default=spec.get("default"),
                classes=tuple((c, _words(v["words"])) for c, v in classes.items()),
                groups=tuple(
                    (g, _words(v["words"]), frozenset(v["classes"]))
                    for g, v in spec.get("groups", {}).items()
                ),
                includes={c: frozenset(v.get("includes", ())) for c, v in classes.items()},
                codes={
                    j: {str(k).upper(): v for k, v in table.items()}
                    for j, table in spec.get("codes", {}).items()
                },
            )
        )
    return tuple(out)


def _family(name: str) -> _Family:
    return next(f for f in _families() if f.name == name)


@cache
def _languages() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name, _words(aliases)) for name, aliases in _data()["languages"].items())


def jurisdiction(currency: str | None) -> str | None:
    """The jurisdiction whose category codes a posting paid in ``currency`` most likely means.

    Examples
    --------
    >>> jurisdiction("NPR"), jurisdiction("GBP"), jurisdiction("USD")
    ('nepal', 'uk_eu', None)

    """
    for name, currencies in _data()["jurisdictions"].items():
        if currency and currency.upper() in currencies:
            return str(name)
    return None


def _jurisdiction_in(low: str) -> str | None:
    for name, words in _data()["jurisdiction_words"].items():
        if _words(words).search(low):
            return str(name)
    return None


_CODE_PATTERNS = (
    re.compile(r"(?i:licen[cs]e|category|cat\.)\s*\(?\b([A-Z][A-Z0-9]{0,2})\b\)?"),
    re.compile(r"\b([A-Z][A-Z0-9]{0,2})\s+(?i:licen[cs]e|category)"),
    re.compile(r"\(([A-Z][A-Z0-9]{0,2})\)"),
)
_CLASS_NUMBER = re.compile(r"\bclass\s*([12])\b")
_LEVEL = re.compile(r"\b(?:level|grade)\s*([1-5])\b")
_LEVEL_WORD = re.compile(r"\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)[- ]grade\b")


def _codes(text: str, low: str) -> list[str]:
    found = [m.group(1) for pattern in _CODE_PATTERNS for m in pattern.finditer(text)]
    found += [f"CLASS {m.group(1)}" for m in _CLASS_NUMBER.finditer(low)]
    found += [f"LEVEL {m.group(1)}" for m in _LEVEL.finditer(low)]
    found += [f"LEVEL {_NUMBER_WORDS[m.group(1)]}" for m in _LEVEL_WORD.finditer(low)]
    return found


def _coded(family: _Family, codes: list[str], where: str | None) -> set[str]:
    """Classes named by category codes, in ``where``'s table (unknown: codes every table agrees on)."""
    if not family.codes or not codes:
        return set()
    if where is not None and where in family.codes:
        table = family.codes[where]
        return {table[c] for c in codes if c in table}
    out = set()
    for code in codes:
        meanings = {t[code] for t in family.codes.values() if code in t}
        if len(meanings) == 1:
            out |= meanings
    return out


def _named(family: _Family, text: str, low: str, where: str | None) -> frozenset[str]:
    """The classes of ``family`` that ``text`` names (by words, groups or codes; else the default)."""
    named = {name for name, pattern in family.classes if pattern.search(low)}
    for _, pattern, members in family.groups:
        if pattern.search(low):
            named -= members  # "forklift" in a group also names its own class: the group says more
            named |= members
    named |= _coded(family, _codes(text, low), where)
    if not named and family.default and family.context is not None and family.context.search(low):
        named = {family.default}
    return frozenset(named)


def _mentions(text: str, where: str | None) -> list[tuple[_Family, frozenset[str]]]:
    """Each credential family ``text`` mentions, with the classes it names."""
    low = text.lower()
    out: list[tuple[_Family, frozenset[str]]] = []
    for family in _families():
        if not family.cue.search(low):
            continue
        if family.name == "driving" and any(f.name == "lift_truck" for f, _ in out):
            continue  # "reach truck licence" is a lift-truck licence, not a lorry licence
        named = _named(family, text, low, where)
        if named:
            out.append((family, named))
    return out


def _language_need(low: str) -> str | None:
    for name, pattern in _languages():
        alternatives = pattern.pattern
        for template in _LANGUAGE_NEED:
            if re.search(template.format(lang=alternatives), low):
                return name
    return None


@lru_cache(maxsize=65536)
def read_requirements(text: str, asked: bool, where: str | None = None) -> tuple[Requirement, ...]:
    """The credentials a vacancy's need asks for (or offers); ``()`` when it names none.

    ``asked`` is true for a listed required skill; a description sentence asks only when its words
    do ("must", "required", "needed", ...). ``where`` is the posting's jurisdiction, for codes.

    Examples
    --------
    >>> [(r.family, sorted(r.accepts)) for r in read_requirements("C licence and CPC needed", False, "uk_eu")]
    [('driving', ['heavy_truck']), ('driver_cpc', ['driver_cpc'])]
    >>> read_requirements("Training for the three-wheeler licence is paid by the company", False)[0].offered
    True
    >>> read_requirements("Nepali cuisine", True)
    ()

    """
    low = text.lower().strip(" .!;:")
    offered = bool(_OFFERS.search(low))
    if not (asked or offered or _ASKS.search(low)):
        return ()
    found = [Requirement(f.name, named, offered) for f, named in _mentions(text, where)]
    if not found:
        language = _language_need(low)
        if language is not None:
            found.append(Requirement(LANGUAGE, frozenset({language}), offered))
    return tuple(found)


def _status(low: str) -> str:
    if _EXPIRED.search(low):
        return "expired"
    if _WANTED.search(low):
        return "wanted"
    return "held"


def read_held(
    phrases: Sequence[str], languages: Sequence[str], currency: str | None = None
) -> tuple[Held, ...]:
    """The credentials the person's phrases claim (held, wanted or expired) and the languages they speak.

    Examples
    --------
    >>> [(h.family, sorted(h.covers), h.status) for h in read_held(["Heavy licence (Nepal)"], ["Nepali"])]
    [('driving', ['car', 'heavy_truck', 'light_truck'], 'held'), ('language', ['Nepali'], 'held')]
    >>> read_held(["want HGV licence"], ())[0].status
    'wanted'

    """
    out: list[Held] = []
    for phrase in phrases:
        low = phrase.lower()
        where = _jurisdiction_in(low) or jurisdiction(currency)
        for family, named in _mentions(phrase, where):
            if family.name != "own":
                out.append(Held(family.name, named, family.covers(named), phrase, _status(low)))
        own = _family("own")
        if _OWNS.search(low) and not _family("driving").cue.search(low):
            named = _named(own, phrase, low, where)
            if named:
                out.append(Held("own", named, named, phrase, _status(low)))
        if _SPEAKS.search(low):
            out += [
                Held(LANGUAGE, frozenset({name}), frozenset({name}), phrase)
                for name, pattern in _languages()
                if pattern.search(low)
            ]
    for language in languages:
        name = next(
            (n for n, pattern in _languages() if pattern.fullmatch(language.lower().strip())), language
        )
        out.append(Held(LANGUAGE, frozenset({name}), frozenset({name}), language))
    return tuple(out)


def verdict(requirement: Requirement, held: Sequence[Held]) -> Verdict:
    """Whether what the person holds meets ``requirement``, and which of their words do or come closest."""
    same = [h for h in held if h.family == requirement.family]
    meeting = [h for h in same if h.status == "held" and h.covers & requirement.accepts]
    if meeting:
        return Verdict(True, meeting[0])
    order = {"held": 0, "expired": 1, "wanted": 2}
    near = sorted((h for h in same if requirement.family != LANGUAGE), key=lambda h: order[h.status])
    if not near and requirement.family == "own":  # a licence for the thing is not the thing
        near = [h for h in held if h.family == "driving" and h.named & requirement.accepts]
    return Verdict(False, near=near[0] if near else None)


def unmet_sentence(
    need: str,
    requirement: Requirement,
    result: Verdict,
    spoken: Sequence[str],
    translate: Translate | None = None,
) -> str:
    """Say plainly that ``need`` is not met, and why (the person's own words where they said something)."""
    _ = translate or (lambda message: message)
    if requirement.family == LANGUAGE:
        return _(UNMET_LANGUAGE) % {"need": need, "spoken": ", ".join(spoken) or _(NONE_GIVEN)}
    values = {"need": need, "kind": requirement.label(translate)}
    near = result.near
    if near is None:
        return _(UNMET_NONE) % values
    values |= {"words": near.words, "held": near.label(translate)}
    if near.status == "expired":
        return _(UNMET_EXPIRED) % values
    if near.status == "wanted":
        return _(UNMET_WANTED) % values
    return _(UNMET_NEAR) % values


def _label(family: str, classes: frozenset[str], translate: Translate | None) -> str:
    _ = translate or (lambda message: message)
    if family == LANGUAGE:
        return ", ".join(sorted(classes))
    labels = LABELS.get(family, {})
    spec = _data()["families"].get(family, {})
    for group, members in ((g, frozenset(v["classes"])) for g, v in spec.get("groups", {}).items()):
        if classes == members and group in labels:
            return _(labels[group])
    said = [_(labels[c]) for c in sorted(classes) if c in labels]
    if not said:
        return family
    text = said[0]
    for other in said[1:]:
        text = _(EITHER) % {"one": text, "other": other}
    return text


def check_needs(
    texts: Sequence[str], asked: Sequence[bool], wheres: Sequence[str | None], held: Sequence[Held]
) -> tuple[list[bool], list[bool], list[bool]]:
    """For each need: whether it names a credential, whether that is met, and whether it is asked and not met.

    A credential need is decided by kind, not by meaning: met when every credential it asks for is
    met (:func:`verdict`); one it only offers is neither met nor missing.

    Examples
    --------
    >>> check_needs(["heavy vehicle licence", "cooking"], [True, True], ["nepal", "nepal"],
    ...             read_held(["I can drive scooter and I have license for it"], ()))
    ([True, False], [False, False], [True, False])

    """
    credential, met, unmet = [], [], []
    for text, is_asked, where in zip(texts, asked, wheres, strict=True):
        found = read_requirements(text, bool(is_asked), where)
        asks = [r for r in found if not r.offered]
        ok = bool(asks) and all(verdict(r, held).met for r in asks)
        credential.append(bool(found))
        met.append(ok)
        unmet.append(bool(asks) and not ok)
    return credential, met, unmet

"""Split people's and vacancies' words into the short phrases that get aligned.

Skill alignment compares phrases, not whole texts: "I cooked for 40 people, cleaned
rooms" becomes the sentence plus its parts ``"I cooked for 40 people"`` and
``"cleaned rooms"``, so each vacancy need can find the one phrase that covers it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from matcher.records import PersonProfile, Vacancy

MAX_DESCRIPTION_SENTENCES = 8
#: sentence ends of other scripts (Ethiopic ። ፤, Devanagari । ॥, Arabic ؟ ؛, CJK 。！？), no space needed
_SENTENCE = re.compile(r"(?<=[.!?])\s+|[\n;]+|\s*[\u1362\u1364\u0964\u0965\u061f\u061b\u3002\uff01\uff1f]\s*")
#: commas of other scripts too (Ethiopic ፣, Arabic ،, CJK 、，)
_PART = re.compile(r",\s*|\s+[-\u2013\u2014]\s+|\s*[\u1363\u060c\u3001\uff0c]\s*")
_NEGATED_WANT = re.compile(
    r"^\s*(?:i\s+)?(?:do\s+not|don'?t|does\s+not|doesn'?t|never|nothing|not|no|without|avoid|refuse)"
    r"(?:\s+(?:want|like|accept|do|work))?(?:\s+(?:to|any|in|with|at))?\s+",
    re.IGNORECASE,
)


_WISH = re.compile(
    r"\b(?:want|wants|like|would|wish|hope|dream|prefer|love|learn|interested)\b", re.IGNORECASE
)
# Being done with something is not a wish for it ("Honestly I am tired of kitchens").
_AVERSION = re.compile(
    r"\b(?:tired of|sick of|fed up(?: with| of)?|had enough of|done with|no more|never again|hate|"
    r"can'?t stand|cannot stand|cansad[oa]s? de|hart[oa]s? de|nunca m[aá]s|marre de|"
    r"assez de|plus jamais|fatigu[ée]e?s? de)\b",
    re.IGNORECASE,
)
# "I do not want / do not like" in the languages the people Pathways serves write in, anywhere in the
# phrase (their negation is not a leading word: Amharic and Tigrinya mark it on the verb, Nepali in the
# verb's ending, Spanish and French before the verb). A phrase saying it is not a wish, nor an aspiration.
_NEGATED_WANT_ANYWHERE = re.compile(
    r"\bno\s+(?:quiero|deseo|me\s+gusta|me\s+interesa|busco)\b"  # Spanish
    r"|\b(?:je\s+)?ne\s+(?:veux|souhaite|voudrais|désire|cherche)\s+(?:pas|plus)\b"  # French
    r"|\bje\s+n'aime\s+pas\b"
    r"|አልፈልግም|አልወድም|አልሻም"  # Amharic: I do not want / like / wish
    r"|ኣይደልን|ኣይፈቱን"  # Tigrinya: I do not want / like
    r"|चाहन्न|चाहँदिन|चाहन्नँ|मन\s+पर्दैन|मन\s+छैन"  # Nepali: I do not want / do not like
    r"|لا\s+(?:أريد|اريد|أرغب|ارغب|أحب|احب)|ما\s+بدي",  # Arabic
    re.IGNORECASE,
)
# A sentence telling what the person has done ("For two years I cared for my father after his stroke"),
# in English, Spanish and French: when it stands among their wishes, it is still evidence of a skill.
# What was done to them ("I was taken to ..."), a need ("I need ...") or a life event ("I returned from
# Qatar") is not.
_LIFE_EVENT = (
    r"need|exceed|proceed|succeed|speed|returned|arrived|escaped|migrated|moved|lived|married|travel+ed"
    r"|suffered|stayed|died|passed|divorced|deported|rescued|trafficked|forced|cheated|abused|tricked"
)
_DONE = re.compile(
    rf"\bI(?:'ve)?\s+(?:used\s+to\s+(?!(?:{_LIFE_EVENT}|live|move|go|come|travel)\b)\w+"
    r"|(?!used\s+to\b)(?:have\s+|had\s+|also\s+|already\s+)?"
    rf"(?:(?!(?:{_LIFE_EVENT})\b)[a-z]+ed|was\s+(?!\w+(?:ed|en|ld|ght|wn)\b)|been|did|done|made|took|ran"
    r"|taught|drove|grew|built|kept|fed|sewed|sewn|led))\b"
    r"|\b(?:he|había)\s+\w+(?:ado|ido)\b"
    r"|\b(?:trabajé|cuidé|limpié|cociné|cosí|vendí|conduje|atendí|ayudé|hice|estuve)\b"
    r"|\bj['’](?:ai|avais)\s+(?:\w+\s+)?\w+(?:é|i|u|is|it)\b",
    re.IGNORECASE,
)
_BARE_NO = re.compile(r"^(?:no|nope|never|not that|not really|not any ?more|no way)$", re.IGNORECASE)
# A sentence of an advert that says where the job is or states its terms ("Location: Kality", "Pay: GBP
# 12.71 an hour", "Based at our Trafford Park site"), in English, Spanish and French: pay, hours, place
# and contract are matched on their own fields, so such a line is not a need for skills.
_PLACE_NOUN = (
    r"location|site|place|address|area|branch|unit|factory|farm|hotel|property|hub|office|store|shop"
    r"|workshop|warehouse|depot|posting|assignment|lugar|centro|ubicaci[oó]n|direcci[oó]n|sede|tienda"
    r"|f[aá]brica|almac[eé]n|oficina|lieu|adresse|localisation|usine|entrep[oô]t|magasin|bureau|agence"
)
_WHERE_OR_TERMS = re.compile(
    r"^(?:(?:contract|farm|project|work|job|contact|main)\s+)?"
    rf"(?:{_PLACE_NOUN}|place of work|work ?place|lugar de trabajo|centro de trabajo|lieu de travail"
    r"|pay|salary|wages?|hours|working hours|shifts?|contract|start(?: date)?|closing date|deadline"
    r"|reference|ref|contact|salario|sueldo|horario|jornada|contrato|incorporaci[oó]n|salaire"
    r"|r[eé]mun[eé]ration|horaires|contrat|date de d[eé]but)(?:\s*/\s*\w+)?\s*:"
    r"|^(?:you'?ll be |you will be |this (?:role|job|post|position) is |the (?:role|job) is )?"
    r"based (?:at|in)\b"
    rf"|^(?:working |work )?at our (?:[\w'-]+ ){{1,3}}(?:{_PLACE_NOUN}|site)$"
    r"|^interviews? (?:in|at)\b|^office near\b",
    re.IGNORECASE,
)
# "Working in Manchester city centre", "Work in Kalanki area": a short sentence naming a place (a capital
# letter) where "Working in a busy kitchen" names the work
_IN_A_PLACE = re.compile(
    r"^(?:[Ww]ork(?:ing)?|[Jj]obs?) (?:in|at|from) (?:the )?[A-ZÀ-ÖØ-Þ][\w'-]*(?: [\w'-]+){0,3}$"
)


def sentences(text: str) -> list[str]:
    r"""Split ``text`` into sentences at . ! ? ; and new lines, without end marks.

    Examples
    --------
    >>> sentences("We clean offices. You must speak English!\nNights only")
    ['We clean offices', 'You must speak English', 'Nights only']
    >>> sentences("ምግብ ማብሰል እችላለሁ። ቡና በማፍላት ጥሩ ነኝ።")
    ['ምግብ ማብሰል እችላለሁ', 'ቡና በማፍላት ጥሩ ነኝ']

    """
    out = [s.strip(" .!?\t") for s in _SENTENCE.split(text or "")]
    return [s for s in out if len(s) > 1]


def phrases(text: str) -> list[str]:
    """Return each sentence of ``text`` plus its comma-separated parts, without duplicates.

    Examples
    --------
    >>> phrases("I cook, clean rooms and iron. I drive")
    ['I cook, clean rooms and iron', 'I cook', 'clean rooms and iron', 'I drive']
    >>> phrases("ምግብ ማብሰል፣ ልብስ ማጠብ")
    ['ምግብ ማብሰል፣ ልብስ ማጠብ', 'ምግብ ማብሰል', 'ልብስ ማጠብ']

    """
    return _with_parts(sentences(text))


def _with_parts(said: list[str]) -> list[str]:
    out: list[str] = []
    for sentence in said:
        out.append(sentence)
        out.extend(_parts(sentence))
    return list(dict.fromkeys(out))


def _parts(sentence: str) -> list[str]:
    parts = [p.strip() for p in _PART.split(sentence) if len(p.strip()) > 1]
    return parts if len(parts) > 1 else []


def wish_phrases(text: str) -> list[str]:
    """The phrases of ``text`` that state a wish: :func:`phrases` without what the person denies.

    A phrase that starts with a negation ("I don't want to sew") or says the person is done
    with something ("tired of kitchens", "harta de", "marre de") is not a wish, nor is a
    sentence the person answers with a bare "No." ("People think I want construction. No.").
    Of a sentence that starts with a negation, only the parts that voice a wish stay (not
    its explanation: "I don't want barber again, the people who brought me had barbershops").

    Examples
    --------
    >>> wish_phrases("People think I want construction. No. I want to care for people")
    ['I want to care for people']
    >>> wish_phrases("I don't want to sew, I want to drive")
    ['I want to drive']
    >>> wish_phrases("Not garment again, the salary was too small. Cooking, maybe")
    ['Cooking, maybe', 'Cooking', 'maybe']
    >>> wish_phrases("Honestly I am tired of kitchens. I want to work in care")
    ['I want to work in care']
    >>> wish_phrases("Quiero ser camarera. No quiero coser")
    ['Quiero ser camarera']
    >>> wish_phrases("በካፌ ባሪስታ መሆን እፈልጋለሁ። የቤት ሰራተኛ መሆን አልፈልግም።")  # ... I do not want to be a maid
    ['በካፌ ባሪስታ መሆን እፈልጋለሁ']

    """
    said = sentences(text)
    denied = {i for i, s in enumerate(said) if _BARE_NO.match(s)}
    denied |= {i - 1 for i in denied}
    out: list[str] = []
    for sentence in (s for i, s in enumerate(said) if i not in denied):
        if _unwanted(sentence):
            out.extend(p for p in _parts(sentence) if _WISH.search(p) and not _unwanted(p))
        else:
            out.extend(p for p in _with_parts([sentence]) if not _unwanted(p))
    return list(dict.fromkeys(out))


def done_phrases(text: str) -> list[str]:
    """The phrases of sentences in ``text`` that tell what the person has done, not what they wish.

    People often say what they can do where they say what they want ("For two years I cared for my
    father after his stroke. I want to work as caregiver"): the first sentence is evidence of a skill.
    A sentence that voices a wish, or says what the person is done with, is not.

    Examples
    --------
    >>> done_phrases("For two years I cared for my father, bathing him. I want to work as caregiver")
    ['For two years I cared for my father, bathing him', 'For two years I cared for my father', 'bathing him']
    >>> done_phrases("I was tired of kitchens. I would like to drive")
    []
    >>> done_phrases("He cuidado a mi abuela. Quiero trabajar en una residencia")
    ['He cuidado a mi abuela']
    """
    said = [s for s in sentences(text) if _DONE.search(s) and not _WISH.search(s) and not _unwanted(s)]
    return _with_parts(said)


def _unwanted(phrase: str) -> bool:
    """Whether ``phrase`` says what the person does not want, or is done with, in any language we read."""
    return bool(
        _NEGATED_WANT.match(phrase) or _AVERSION.search(phrase) or _NEGATED_WANT_ANYWHERE.search(phrase)
    )


def readable_sector(sector: str) -> str:
    """Write a sector code in words.

    Examples
    --------
    >>> readable_sector("food_processing")
    'food processing'

    """
    return sector.replace("_", " ").strip()


@dataclass(frozen=True)
class PersonPhrases:
    """A person's phrases: skills (own words and past jobs), interests, past job titles."""

    skills: tuple[str, ...]
    interests: tuple[str, ...]
    past_titles: tuple[str, ...]
    exclusions: tuple[str, ...]


@dataclass(frozen=True)
class VacancyPhrases:
    """A vacancy's needs (with weight and source) and the texts that say what the job is."""

    needs: tuple[str, ...]
    need_weights: tuple[float, ...]
    need_required: tuple[bool, ...]
    about: tuple[str, ...]


def person_phrases(person: PersonProfile) -> PersonPhrases:
    """Split a person's words into phrases.

    Past jobs, and what the person says they have done among their wishes, count as skills evidence too.
    """
    own = phrases(person.skills_text)
    own += [p for p in done_phrases(person.interests_text) if p not in own]
    history: list[str] = []
    for job in person.work_history:
        if job.title:
            history.append(job.title)
            if job.place:
                history.append(f"{job.title}, {job.place}")
    history = [h for h in dict.fromkeys(history) if h not in own]
    return PersonPhrases(
        skills=tuple(own + history),
        interests=tuple(wish_phrases(person.interests_text)),
        past_titles=tuple(dict.fromkeys(j.title for j in person.work_history if j.title)),
        exclusions=tuple(person.exclusions),
    )


def vacancy_phrases(vacancy: Vacancy, description_weight: float = 0.5) -> VacancyPhrases:
    """Split a vacancy into needs (required skills weigh 1, description sentences less) and about-texts."""
    required = list(dict.fromkeys(vacancy.skills_required))
    described = [s for s in sentences(vacancy.description) if s not in required and not where_or_terms(s)]
    described = described[:MAX_DESCRIPTION_SENTENCES]
    about = [vacancy.title]
    if vacancy.job_title and vacancy.job_title != vacancy.title:
        about.append(vacancy.job_title)
    if vacancy.sector:
        about.append(f"work in {readable_sector(vacancy.sector)}")
    about.extend(described[:2])
    return VacancyPhrases(
        needs=tuple(required + described),
        need_weights=tuple([1.0] * len(required) + [description_weight] * len(described)),
        need_required=tuple([True] * len(required) + [False] * len(described)),
        about=tuple(dict.fromkeys(about)),
    )


def where_or_terms(sentence: str) -> bool:
    """Whether an advert's sentence only says where the job is or states its terms, not a skill it needs.

    Examples
    --------
    >>> [where_or_terms(s) for s in ("Place of work: Bole", "Based at our Trafford Park site", "Pay: 12.71")]
    [True, True, True]
    >>> [where_or_terms(s) for s in ("Requirements: forklift licence", "Work in a busy hotel kitchen")]
    [False, False]
    >>> where_or_terms("Lugar de trabajo: Vallecas"), where_or_terms("Lieu de travail : Saint-Denis")
    (True, True)
    """
    sentence = sentence.strip()
    return bool(_WHERE_OR_TERMS.search(sentence) or _IN_A_PLACE.match(sentence))


def strip_negation(exclusion: str) -> str:
    """The thing a person does not want, without the "no"/"I don't want" around it.

    Examples
    --------
    >>> strip_negation("No night shifts")
    'night shifts'
    >>> strip_negation("I don't want to work in hotels")
    'work in hotels'
    >>> strip_negation("live-in")
    'live-in'
    """
    return _NEGATED_WANT.sub("", exclusion, count=1).strip() or exclusion.strip()

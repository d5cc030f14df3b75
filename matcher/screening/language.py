"""Which language an advert is written in, from a small shipped stopword and script model (no download).

The screener reads English, Spanish and French (:data:`SUPPORTED`). An advert in another language must be
held for a person to read rather than passed because no rule understood it, so the model also knows the
common function words of other languages that migrant workers' adverts are written in, and the writing
systems that are not Latin (an advert in Amharic, Arabic or Nepali has no Latin stopwords at all).

The model: every word of the text is looked up in each language's list of frequent function words; the
language with the most hits wins if it has at least :data:`MIN_HITS` of them and clearly more than the
runner-up. Letters outside the Latin script decide first: a text whose letters are mostly in one other
script is in that script's language(s). Texts too short to tell are *undetermined*: they are screened, by
the rules of all three languages (a title such as "Cook" is not held for its language).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Languages the screener has rules for.
SUPPORTED = ("en", "es", "fr")
#: Least stopword hits for a language to be named.
MIN_HITS = 3

# Frequent function words, chosen to tell the languages apart (words shared by neighbours, such as
# "de", "la", "a", "e", are left out of all but the language where they are most telling, or weighed by
# the other words around them). Written for this project from general knowledge of each language.
_STOPWORDS: dict[str, str] = {
    "en": "the and of to in for with you your we our are is be will this that on at from by an as or "
    "have has it they their who all not but can must per week hours day work job",
    "es": "el los las del y en con para por una uno unos unas que es son se su sus tu tus te nuestro "
    "nuestra nosotros usted al como más pero sin hasta desde trabajo semana horas día cada también muy "
    "hay ser está están tiene tienen le les lo",
    "fr": "le les des du et en avec pour par une un que qui est sont se sa son ses vous votre vos nous "
    "notre nos au aux sur dans pas ne plus mais sans jusqu travail semaine heures jour chaque aussi très "
    "être avez avoir il ils elle leur",
    "pt": "o os do da dos das e em com para por um uma que é são seu sua você vocês nosso nossa não "
    "mais mas sem até trabalho semana horas dia cada também muito há ser está estão tem têm ao pelo pela",
    "it": "il gli i della delle degli dei e con per che è sono si suo sua tuo tua noi nostro nostra non più "
    "ma senza fino lavoro settimana ore giorno giorni ogni anche molto essere ha hanno nel nella di da alla "
    "alle questo questa ci sul nei",
    "de": "der die das den dem des und mit für von zu ein eine einen ist sind sie wir unser unsere ihr "
    "ihre nicht mehr aber ohne bis arbeit woche stunden tag jeden auch sehr sein hat haben im bei auf",
    "nl": "het een van voor met zijn wij ons onze jij jouw niet meer maar zonder tot werk uur dag elke ook "
    "zeer heeft hebben bij aan naar wordt",
    "ro": "și în cu pentru pe este sunt nu mai dar fără până lucru muncă săptămână ore zi fiecare "
    "asemenea foarte au noi nostru noastră dumneavoastră vă din",
    "pl": "w z dla jest są nie się że od przez praca pracy tydzień godzin dzień każdy także "
    "bardzo mamy ma oraz lub jak też ich nasz nasza",
    "vi": "và của là có không được cho người với các những làm việc một trong này đến ngày giờ tuần "
    "lương bạn chúng tôi sẽ cần",
    "id": "dan di yang untuk dengan dari ini itu adalah tidak akan ada kami kita anda bisa kerja jam hari "
    "minggu gaji setiap juga atau pada sebagai",
    "tl": "ang ng mga sa na ay ito kami kayo namin ninyo hindi trabaho oras araw linggo sahod bawat din rin "
    "po",
    "sw": "na ya wa kwa katika ni za kazi saa siku wiki mshahara kila pia sisi wewe yako yetu hii hapa "
    "kuna hakuna",
    "tr": "ve bir bu için ile çok daha ama gibi olarak iş saat gün hafta maaş her ayrıca biz siz sizin "
    "bizim değil var yok",
}
STOPWORDS: dict[str, frozenset[str]] = {code: frozenset(words.split()) for code, words in _STOPWORDS.items()}
#: Letters that only one of these languages uses; a word containing one counts as one hit for it.
SIGNATURE_LETTERS: dict[str, frozenset[str]] = {
    "es": frozenset("ñ¿¡áíóú"),
    "fr": frozenset("œæûîÿèêàùç"),
    "pt": frozenset("ãõ"),
    "de": frozenset("ßäö"),
    "ro": frozenset("ășşțţ"),
    "pl": frozenset("łżźśćńąę"),
    "tr": frozenset("ığ"),
    "vi": frozenset("đơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"),
}

#: Unicode script -> the BCP 47 tag of an undetermined language in that script (``und-Ethi``...), or the
#: language itself where one script means one language here.
_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("ETHIOPIC", "und-Ethi"),  # Amharic, Tigrinya
    ("ARABIC", "und-Arab"),  # Arabic, Urdu, Persian
    ("DEVANAGARI", "und-Deva"),  # Nepali, Hindi
    ("BENGALI", "bn"),
    ("CYRILLIC", "und-Cyrl"),
    ("GREEK", "el"),
    ("HEBREW", "he"),
    ("THAI", "th"),
    ("MYANMAR", "my"),
    ("KHMER", "km"),
    ("LAO", "lo"),
    ("SINHALA", "si"),
    ("TAMIL", "ta"),
    ("GEORGIAN", "ka"),
    ("ARMENIAN", "hy"),
    ("HANGUL", "ko"),
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
    ("CJK", "und-Hani"),
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


@dataclass(frozen=True)
class LanguageGuess:
    """The language of a text: a BCP 47 code, or ``None`` when the text is too short to tell.

    ``supported`` is whether the screener has rules for it (an undetermined text counts as supported);
    ``rules`` are the languages whose screening rules apply: the language itself, or for an undetermined
    text all three (a short advert is read by each language's rules rather than by a guess); English for
    an unsupported language. ``evidence`` says how it was decided.
    """

    code: str | None
    supported: bool
    rules: tuple[str, ...]
    evidence: str


def _script(char: str) -> str | None:
    if char.isascii():  # the common case, without a look-up of the character's name
        return "LATIN" if char.isalpha() else None
    try:
        name = unicodedata.name(char)
    except ValueError:
        return None
    if name.startswith("LATIN"):
        return "LATIN"
    for script, code in _SCRIPTS:
        if name.startswith(script):
            return code
    return None


def _script_language(letters: list[str]) -> tuple[str, float] | None:
    """The non-Latin script most letters are written in, and its share, if it is the majority."""
    counts: dict[str, int] = {}
    for char in letters:
        script = _script(char)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    total = sum(counts.values())
    if not total:
        return None
    script, top = max(counts.items(), key=lambda kv: kv[1])
    return (script, top / total) if script != "LATIN" and top / total >= 0.5 else None


def identify_language(text: str) -> LanguageGuess:
    """Guess the language of ``text`` (English, Spanish, French or another), without any download.

    Examples
    --------
    >>> identify_language("Cleaners wanted for our hotel, paid weekly with two days off.").code
    'en'
    >>> identify_language("Se buscan camareras para el hotel, con contrato y dos días libres.").code
    'es'
    >>> g = identify_language("Wir suchen Reinigungskräfte für unser Hotel, mit Vertrag und Unterkunft.")
    >>> g.code, g.supported
    ('de', False)
    >>> identify_language("ለሆቴላችን የጽዳት ሰራተኞች እንፈልጋለን").code
    'und-Ethi'
    >>> identify_language("Cook").code is None
    True
    """
    letters = [c for c in text if c.isalpha()]
    by_script = _script_language(letters)
    if by_script is not None:
        code, share = by_script
        return LanguageGuess(code, False, ("en",), f"{share:.0%} of the letters in a script other than Latin")
    found = _WORD.findall(text)
    words = [w.lower().replace("’", "'") for w in found]
    tokens = [part for w in words for part in (w.split("'") if "'" in w else [w]) if part]
    hits = {code: sum(t in stop for t in tokens) for code, stop in STOPWORDS.items()}
    # "I" is English's pronoun, always a capital, and Italian's article "i", written small but at the
    # start of a sentence: a person's "I cook, I clean, I iron" is English, not Italian
    pronouns = sum(w == "I" for w in found)
    hits["en"] += pronouns
    hits["it"] -= pronouns
    accented = [set(w) for w in words if not w.isascii()]  # signature letters are none of them ASCII
    for code, signature in SIGNATURE_LETTERS.items():
        hits[code] += sum(not signature.isdisjoint(w) for w in accented)
    leaning = max(SUPPORTED, key=lambda c: (hits[c], c == "en"))
    best = max(hits, key=lambda c: (hits[c], c == leaning))
    top = hits[best]
    if best not in SUPPORTED:
        # Another language only when it clearly outweighs all three the screener reads: a terse English
        # advert full of place names must not be held as Romanian.
        if top >= MIN_HITS and top >= 2 * hits[leaning]:
            said = f"{top} function words of {best}, {hits[leaning]} of {leaning}"
            return LanguageGuess(best, False, ("en",), said)
        best, top = leaning, hits[leaning]
    second = max(n for c, n in hits.items() if c != best)
    if top < MIN_HITS or top < 1.25 * second:
        return LanguageGuess(None, True, SUPPORTED, f"too few function words to tell ({top} of {best})")
    return LanguageGuess(best, True, (best,), f"{top} function words of {best}, {second} of the next")

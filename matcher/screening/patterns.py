"""Lexical patterns for each screening indicator, with negation and context guards.

Each pattern is a regular expression over one sentence. A *negatable* pattern is dropped when the
sentence negates it ("we never hold passports", "no fees"); patterns whose wording already carries the
warning ("no papers needed", "no day off") are not negatable. Guards cancel a hit when the sentence says
the legitimate thing (the worker keeps the passport, the employer pays the fee, deductions are agreed in
writing, pay is weekly).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from matcher.screening.segments import Segment, is_negated

_F = re.IGNORECASE
_DOC = (
    r"(?:pass?ports?|id(?:entity)? cards?|ids|id documents?|identity (?:documents?|papers)|travel documents?|"
    r"documents|seam[ae]n(?:'s)? books?|civil ids?|residence (?:cards?|permits?)|qids?|work permits?)"
)
_PAY = r"(?:salar(?:y|ies)|wages?|pay|earnings|payment)"
_HOUSING = (
    r"(?:rent|accommodation|accomodation|housing|lodging|beds?|rooms?|food|meals?|transport|bus|travel|"
    r"uniforms?|breakages?|insurance|fines?|admin|tools|water|electricity)"
)
_THIRD = r"(?:agent|agency|team leader|gangmaster|leader|person who|broker|sponsor|boss|supervisor|recruiter)"


@dataclass(frozen=True)
class Pattern:
    """One regular expression that signals ``indicator`` in a sentence."""

    indicator: str
    regex: re.Pattern[str]
    negatable: bool = True


@dataclass(frozen=True)
class PatternHit:
    """A pattern that fired: the indicator, the sentence it fired in and the exact words it matched."""

    indicator: str
    segment: Segment
    start: int
    end: int
    words: str


def _p(indicator: str, *regexes: str, negatable: bool = True) -> list[Pattern]:
    return [Pattern(indicator, re.compile(r, _F), negatable) for r in regexes]


PATTERNS: tuple[Pattern, ...] = tuple(
    _p(
        "retention_of_identity_documents",
        _DOC + r"[^.;]{0,60}?\b(?:kept|held|retained|collected|surrendered|submitted|handed|confiscated|"
        r"deposited|given to|stays? with (?:the )?(?:employer|manager|agent|company|agency|sponsor|captain)|"
        r"for safe ?keeping)\b",
        r"\b(?:keeps?|hold|holds|retains?|collects?|surrender|look after|looks after|deposit|confiscate)\b"
        r"[^.;]{0,40}?" + _DOC,
        r"\b(?:give|hand|submit)\b[^.;]{0,25}?\boriginal\b[^.;]{0,10}" + _DOC,
    )
    + _p(
        "upfront_id_or_bank",
        r"\b(?:send|provide|submit|upload|whatsapp|e-?mail|give us|share)\b[^.;]{0,50}?\b(?:passport|id card|"
        r"national id|id number|bank (?:card|account|details|statement|login)|online banking|\bpin\b|"
        r"password|social security number|date of birth|selfie)",
        r"\b(?:bank(?:ing)? (?:login|password)|online banking password|m-?pesa pin|card details and pin)\b",
    )
    + _p(
        "recruitment_fees",
        r"\b(?:placement|recruitment|registration|processing|agency|broker|training|booking|"
        r"reservation|application|commission|admin|selection)\s+(?:fees?|charges?|commission|costs?|deposit)\b",
        r"\b(?:pay|paid|payable|charged?|cover)\b[^.;]{0,35}?\b(?:fees?|deposit|commission|charges)\b",
        r"\bpay\b[^.;]{0,25}?\b(?:registration|processing|reservation)\b",
        r"\bpay\s+[\d.,]+\s*\w*\s+(?:for|to)\b",
        r"\b(?:price|cost)s?\s+(?:of|for)\s+(?:the\s+)?(?:processing|registration|placement|the worker|"
        r"workers|candidates?)\b",
        r"\bcandidates? (?:cover|pay|bear)\b",
        r"\bservice (?:fee|charge)s?\b[^.;]{0,40}?\b(?:payable|to be paid|paid to|before|of [A-Z]{3}|\d)",
    )
    + _p(
        "debt_bondage",
        r"\b(?:lend|lent|loan|loaned|advance[sd]?|borrow)\b[^.;]{0,80}?\b(?:repa(?:y|id)|pay (?:it )?back|"
        r"paid back|deduct\w*|from your (?:wages|salary|pay|earnings))",
        r"\b(?:debt|loan|advance|credit)\b[^.;]{0,60}?"
        r"\b(?:worked off|work off|paid off|repaid|settled|cleared)",
        r"\buntil\b[^.;]{0,40}?\b(?:debt|loan|advance)\b",
        r"\byou owe\b|\bon credit\b|\bwith (?:\d+ ?%|interest)\b",
    )
    + _p(
        "withholding_of_wages",
        r"\b" + _PAY + r"\b[^.;]{0,50}?\b(?:kept|held|retained|withheld|kept back|held back)\b",
        r"\b(?:keeps?|hold|holds|retains?|withholds?)\b[^.;]{0,30}?\b(?:one|two|three|\d|first)\b[^.;]{0,15}"
        r"(?:months?'?s?)\s+" + _PAY,
        r"\b(?:lose|loses|forfeit|forfeits)\b[^.;]{0,30}?" + _PAY,
        r"\b" + _PAY + r"\b[^.;]{0,30}?\b(?:late|delayed)\b",
        r"\bpaid only if you stay\b|\bas a (?:bond|guarantee|security deposit)\b",
    )
    + _p(
        "pay_withheld_until_end",
        r"\b(?:" + _PAY + r"|paid)\b[^.;]{0,60}?\b(?:at the end of|on completion of|upon completion|"
        r"when you (?:finish|return|go home|complete)|before you fly home|in (?:one|a) lump sum)",
        r"\bpocket money\b",
    )
    + _p(
        "cash_or_third_party_pay",
        r"\bcash in hand\b|\bcash (?:only|daily|every|weekly|each)\b|\ben liquide\b",
        r"\b(?:" + _PAY + r"|paid|pay is)\b[^.;]{0,25}?\bin cash\b",
        r"\b" + _PAY + r"\b[^.;]{0,40}?\b(?:paid|given|transferred|goes|go|sent)\b[^.;]{0,25}?\b(?:to|into)\b"
        r"[^.;]{0,25}?" + _THIRD,
        r"\bpaid to (?:your|the) " + _THIRD,
    )
    + _p(
        "wage_deductions",
        _HOUSING + r"\b[^.;]{0,70}?\b(?:deducted|taken from (?:your |the )?(?:wages|pay|salary)|"
        r"taken out of)",
        r"\b(?:deduct\w*|minus)\b[^.;]{0,40}?" + _HOUSING,
        r"\bwe take\b[^.;]{0,30}?\bfor (?:the )?" + _HOUSING,
    )
    + _p(
        "no_written_contract",
        r"\bcontract\b[^.;]{0,40}?\b(?:after you arrive|on arrival|upon arrival|when you arrive|"
        r"after arrival|after you reach|when you reach|at the site|on site)",
        r"\b(?:sign|receive|get)\b[^.;]{0,30}?\bcontract\b[^.;]{0,30}?\b(?:arriv\w*|reach)",
        r"\bverbal agreement\b|\bword of mouth\b|\bsign papers later\b|\bno contract\b",
        r"\bno written contract\b|\bwithout (?:a )?(?:written )?contract\b",
        negatable=False,
    )
    + _p(
        "unidentified_employer",
        r"\b(?:company|employer|client)(?:'s)? (?:name|details|identity)\b[^.;]{0,40}?\b(?:revealed|given|"
        r"disclosed|explained|provided)\b[^.;]{0,25}?\b(?:after|later|when|on|upon)\b",
        r"\b(?:cannot|can't|will not|won't) be (?:named|disclosed|revealed)\b",
        negatable=False,
    )
    + _p(
        "pressure_urgency",
        r"\b(?:only|last)\s+(?:\d+|two|three|few)\s+(?:places|seats|slots|spots|positions)\b",
        r"\b(?:today only|valid today|only today|offer expires|expires (?:tonight|today)|"
        r"within (?:the next )?\d+ hours?|in the next (?:hour|\d+ hours?)|decide (?:today|now)|sign now|"
        r"act now|hurry|places are going fast|or you lose|or lose your|price goes up|leave tomorrow|"
        r"don'?t think too long|do not think too long|don'?t miss|do not miss)\b",
        r"\b(?:don'?t|do not|dont)\s+(?:tell|discuss|inform|talk)\b[^.;]{0,30}?\b(?:family|anyone|anybody)\b",
        r"\bkeep this (?:offer )?(?:confidential|secret)\b|\btell nobody\b",
        negatable=False,
    )
    + _p(
        "too_good_to_be_true",
        r"\bearn\b[^.;]{0,40}?\bguarantee|\bguaranteed (?:income|earnings|profit)\b|\beasy money\b",
        r"\b(?:only|just)\s+(?:\d+|one|two)\s+hours?\b[^.;]{0,20}?\b(?:a|per)\s+day\b",
        r"\bearn\b[^.;]{0,40}?\b(?:no experience|no skills|no english|no language|without experience|"
        r"from home)\b",
        r"\b(?:no experience|no skills)\b[^.;]{0,40}?\bearn\b",
        negatable=False,
    )
    + _p(
        "no_papers_needed",
        r"\bno papers?\b(?!\s+(?:or|and)\s+certificates)|\bsans[- ]papiers\b",
        r"\b(?:no|without)\s+(?:work\s+)?(?:permit|visa|documents?|papers|ni number|national insurance|"
        r"social security|ssn)\s+(?:number\s+)?(?:needed|required|necessary|no problem)\b",
        r"\b(?:immigration|legal) status (?:doesn'?t|does not|don'?t) matter\b",
        r"\b(?:don'?t|do not|never|dont)\s+(?:ask for|ask about|check|need)\s+(?:your\s+)?(?:papers|visas?|"
        r"documents|permits?|social security|status)\b",
        negatable=False,
    )
    + _p(
        "deception",
        r"\b(?:real|actual|true)\s+(?:job|work|duties)\b[^.;]{0,50}?\b(?:after|on|upon|when)\b",
        r"\b(?:job|work|duties|salary|pay)\b[^.;]{0,50}?\b(?:may|might|can|will) be (?:changed|different|"
        r"decided)\b",
        r"\btourist visa\b|\bvisa guarantee\w*|\bnot (?:mentioned|written|stated) in the contract\b",
        negatable=False,
    )
    + _p(
        "abuse_of_vulnerability",
        r"\b(?:without (?:papers|legal status|documents)|no legal status|undocumented)\b[^.;]{0,40}?"
        r"\b(?:welcome|preferred|especially)\b",
        r"\b(?:desperate|nowhere else|no (?:other )?choice)\b",
        r"\b(?:you just obey|do as you are told|don'?t ask (?:questions|about))\b",
        negatable=False,
    )
    + _p(
        "restriction_of_movement",
        r"\bnot (?:allowed|permitted) (?:to )?(?:go|leave|go out|go outside|go ashore|out)\b",
        r"\b(?:may|can|must) not (?:leave|go out)\b|\bcannot (?:leave|go out)\b",
        r"\b(?:gates?|doors?)\b[^.;]{0,20}?\blocked\b|\blocked in\b",
        r"\bstay inside\b|\bgo out only\b|\bonly go out\b|\bnot allowed out\b",
        r"\b(?:leave|go out)\b[^.;]{0,30}?\bwithout (?:the )?(?:permission|madam|employer|sir|supervisor)\b",
        negatable=False,
    )
    + _p(
        "isolation",
        r"\b(?:no|not allowed|not permitted)\b[^.;]{0,30}?\b(?:phones?|mobile|contact|internet|calls?)\b",
        r"\bphones?\b[^.;]{0,30}?\b(?:handed|taken|collected|confiscated|not allowed|kept)\b",
        r"\b(?:years?|months?) at sea\b|\bwithout (?:coming|returning) to port\b|\bno port calls\b",
        r"\b(?:don'?t|do not|not) (?:talk|speak) to (?:outsiders|neighbours|anyone)\b",
        r"\btalks? to outsiders\b",
        negatable=False,
    )
    + _p(
        "physical_sexual_violence",
        r"\b(?:beat|beaten|beating|punish(?:ed|ment)?|disciplined physically|the stick|slapped)\b",
        r"\bhits? (?:workers|you|staff|them)\b",
        r"\b(?:extra|special) services\b|\bprivate visits\b|\bentertain (?:the )?(?:supervisors|clients|"
        r"customers|guests|boss)\b|\bspend the night with\b",
    )
    + _p(
        "intimidation_threats",
        r"\b(?:report(?:ed)?|call)\b[^.;]{0,30}?\b(?:police|immigration|authorities)\b",
        r"\b(?:deported|blacklisted|blacklist)\b|\bwe know where\b|\bknow your family\b|\bin your village\b",
        r"\bwill regret\b|\bwill find you\b|\blegal action against\b|\bfamily\b[^.;]{0,20}?\bwill hear\b",
    )
    + _p(
        "excessive_overtime",
        r"\b(?:1[3-9]|2[0-4])\s*(?:hours?|hrs?|h)\s*(?:a |per |each |every )?(?:day|daily)\b",
        r"\bshifts? of (?:1[3-9]|2[0-4]) hours?\b",
        r"\b(?:overtime|ot)\b[^.;]{0,20}?\b(?:compulsory|mandatory|obligatory|unpaid|not paid)\b",
        r"\bno (?:day off|days off|rest day|weekly rest|weekly holiday)\b|\bon call 24\b|\b24/7\b",
        r"\b(?:7|seven) days (?:a|per) week\b|\b30 days (?:a|per) month\b|\buntil midnight\b|\bto midnight\b",
        # "hard workers 7 days", "working seven days": every day of the week, unless it is a rotation
        r"\bwork(?:ers?|ing|s)?\s+(?:\w+\s+)?(?:7|seven) days\b(?!'|\s+(?:on|off|notice|in a row|in every|"
        r"out of|then|followed))",
        negatable=False,
    )
    + _p(
        "abusive_conditions",
        r"\bsleeps?\b[^.;]{0,30}?\b(?:on the floor|on the ground|in (?:the )?(?:shed|tents?|storage|"
        r"warehouse|kitchen|containers?|car)|on the sofa|in the \w+ shed)\b",
        r"\b(?:[89]|1\d|2\d|ten|twenty)\s+(?:people |workers |persons )?(?:per|in|to) (?:a |one )?"
        r"(?:room|container|tent)\b",
        r"\bno (?:toilets?|running water|electricity|air conditioning|protective equipment|ppe|helmet)\b",
        r"\bwithout (?:helmet|mask|ppe|protective)\b|\bchildren (?:can|may|will) (?:help|work)\b",
        r"\bleftovers\b|\bshacks?\b|\bwater (?:is )?limited\b|\blimited water\b|\bbring your own water\b",
        negatable=False,
    )
)

#: A hit on an indicator is cancelled when its sentence also matches the indicator's guard.
GUARDS: dict[str, re.Pattern[str]] = {
    "retention_of_identity_documents": re.compile(
        r"\b(?:you|workers?|employees?|crew|helpers?|staff|she|he|they|maids?)\s+(?:keeps?|holds?|retains?|"
        r"(?:is|are) (?:entitled|free) to keep)\b|\b(?:your|their|her|his) own\b|\b(?:copy|photocopy|scan|"
        r"photo)\b|\bby the (?:worker|employee)s?\b|\bstays? with (?:you|the (?:worker|employee))\b|"
        r"\breturned to you\b|\blockers?\b|\bsafe in your room\b",
        _F,
    ),
    "recruitment_fees": re.compile(
        r"\b(?:employer|company|we|hotel|trust|sponsor|client|jumeirah)\b[^.;]{0,25}\b(?:pays?|paid|covers?|"
        r"covered|bears?|reimburses?)\b|\b(?:paid|covered|borne|reimbursed|refunded) by (?:the )?"
        r"(?:employer|company|us|hotel|trust)\b|\blegal maximum\b",
        _F,
    ),
    "wage_deductions": re.compile(
        r"\b(?:written consent|your consent|if you choose|optional|in writing|rental agreement|"
        r"signed agreement|legal (?:limit|offset)|only if)\b",
        _F,
    ),
    # Pay at the end of each day, shift, week or month is a pay period, not pay held back to the end.
    "pay_withheld_until_end": re.compile(
        r"\b(?:weekly|monthly|fortnightly|(?:every|each) (?:working |work )?(?:day|shift|week|fortnight|"
        r"month)|end of the (?:working )?(?:day|shift|week|month)|as you prefer|if you prefer|your choice)\b",
        _F,
    ),
    # Cash against a written record (payslip, receipt, signed wage register) is traceable pay.
    "cash_or_third_party_pay": re.compile(
        r"\btips?\b|\b(?:with|against|and)\s+(?:a\s+|your\s+)?(?:(?:signed|written|printed)\s+)?"
        r"(?:payslips?|pay slips?|receipts?|signature)\b|\b(?:wage|pay|payroll) (?:register|book|record)s?\b",
        _F,
    ),
    "withholding_of_wages": re.compile(r"\bon time\b|\bno bond\b|\bnever late\b", _F),
    "restriction_of_movement": re.compile(r"\bfree to (?:come|go|leave)\b|\bat any time\b", _F),
    "excessive_overtime": re.compile(r"\bopen (?:7|seven) days\b", _F),
}


def guarded(indicator: str, sentence: str) -> bool:
    """Whether ``sentence`` says the legitimate thing that cancels ``indicator`` (its guard matches).

    Examples
    --------
    >>> guarded("retention_of_identity_documents", "Workers keep their own passports.")
    True
    >>> guarded("retention_of_identity_documents", "The agent keeps the passports.")
    False
    """
    guard = GUARDS.get(indicator)
    return guard is not None and guard.search(sentence) is not None


def find_hits(segments: Iterable[Segment], patterns: Iterable[Pattern] = PATTERNS) -> list[PatternHit]:
    """Every pattern hit in ``segments`` that is neither negated nor cancelled by a guard.

    Examples
    --------
    >>> from matcher.screening.segments import split_sentences
    >>> [h.indicator for h in find_hits(split_sentences("We keep your passport safe."))]
    ['retention_of_identity_documents']
    >>> find_hits(split_sentences("You keep your own passport. No fees are charged."))
    []
    """
    patterns = tuple(patterns)
    hits: list[PatternHit] = []
    for segment in segments:
        text = segment.text
        for pattern in patterns:
            if guarded(pattern.indicator, text):
                continue
            for match in pattern.regex.finditer(text):
                if pattern.negatable and is_negated(text, match.start(), match.end()):
                    continue
                hits.append(
                    PatternHit(
                        indicator=pattern.indicator,
                        segment=segment,
                        start=segment.start + match.start(),
                        end=segment.start + match.end(),
                        words=match.group(0),
                    )
                )
                break
    return hits

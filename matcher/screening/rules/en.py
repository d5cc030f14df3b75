"""English screening rules: patterns per indicator, legitimate-context guards and homonyms.

Patterns are written from the indicator definitions (ILO forced-labour indicators, ILO fair-recruitment
principles and the Employer Pays Principle, job-scam guidance), for the concept, not for one advert's
wording: "a cost the worker carries is recovered from their wages", not "ticket repaid".
"""

from __future__ import annotations

from matcher.screening.rules.base import MONEY, LanguageRules, guards, homonyms, patterns

_DOC = (
    r"(?:pass?ports?|id(?:entity)? cards?|ids|id documents?|identity (?:documents?|papers)|travel documents?|"
    r"seam[ae]n(?:'s)? books?|civil ids?|residence (?:cards?|permits?)|qids?|iqamas?|work permits?|documents|"
    r"(?:your|their|his|her|workers'?|employees'?|staff|personal|original|immigration|identity|the workers'?)"
    r"\s+(?:papers|paperwork|certificates|diplomas?))"
)
_PAY = r"(?:salar(?:y|ies)|wages?|pay|earnings|payment|income|commission)"
_WAGES = (
    r"(?:salar(?:y|ies)|wages?|pay|paychecks?|paycheques?|payslips?|earnings|income|work|(?:first|next)\s+"
    r"(?:\w+\s+)?(?:months?|weeks?|wages|salar(?:y|ies)|paychecks?|pay))"
)
_HOUSING = (
    r"(?:rent|accommodation|accomodation|housing|lodging|beds?|rooms?|food|meals?|transport|bus|van|travel|"
    r"uniforms?|breakages?|(?<!national )insurance|fines?|admin|tools|water|electricity|advertising)"
)
_THIRD = r"(?:agent|agency|team leader|gangmaster|leader|person who|broker|sponsor|boss|supervisor|recruiter)"
_WORKER = (
    r"(?:you|candidates?|applicants?|workers?|employees?|trainees?|recruits?|carers?|nurses?|drivers?|"
    r"crew|seafarers?|models?|members?|starters)"
)
_COST = (
    r"(?:visa|sponsorship|certificate of sponsorship|work permit|permit|job offer|placement|recruitment|"
    r"registration|processing|medical|training|course|induction|uniform|kit|equipment|tools|portfolio|"
    r"photo ?shoot|headshots|starter pack|materials?|licen[cs]e|ticket|flights?|airfare|insurance|"
    r"(?:background|security) check|interview|booking|reservation|admission|enrol?ment|package|brokerage|"
    r"agency|job)"
)
_RECOVER = (
    r"(?:recovered|recouped|repaid|paid back|settled|deducted|clawed back|taken back|taken|offset|come off|"
    r"comes off|taken off|docked|repayable|to be repaid|paid off|worked off)"
)

PATTERNS = tuple(
    patterns(
        "retention_of_identity_documents",
        _DOC + r"[^.;]{0,60}?\b(?:kept|held|retained|collected|surrendered|submitted|handed|confiscated|"
        r"deposited|given to|(?:stays?|remains?) with (?:the )?(?:employer|manager|agent|company|agency|hr|"
        r"security|management|"
        r"sponsor|captain|"
        r"family|office|boss|owner)|for safe ?keeping)\b",
        r"\b(?:keeps?|keeping|hold|holds|retains?|collects?|surrender|look after|looks after|deposit|"
        r"confiscate)\b[^.;]{0,40}?\b" + _DOC,
        r"\b(?:give|hand|submit)\b[^.;]{0,25}?\boriginal\b[^.;]{0,10}" + _DOC,
        # a passport handed to a private person or a recruiter, not shown at a right-to-work check
        r"\b(?:bring|give|hand(?: over)?|send|leave)\b[^.;]{0,15}?\b(?:your |the )?(?:pass?ports?|id cards?|"
        r"documents|papers)\b[^.;]{0,10}?\bto (?:me|him|her|the (?:agent|recruiter|sponsor|madam|boss)|my "
        r"(?:house|place))\b",
        r"\b(?:keep|keeps|hold|manage|handle|look after|take care of|sort)\w*\s+(?:all\s+)?(?:your|their)\s+"
        r"(?:paperwork|papers|documents)\b",
    )
    + patterns(
        "upfront_id_or_bank",
        r"\b(?:send|provide|submit|upload|whatsapp|e-?mail|give us|share)\b[^.;]{0,50}?\b(?:passport|id card|"
        r"national id|id number|bank (?:card|account|details|statement|login)|online banking|\bpin\b|"
        r"password|social security number|date of birth|selfie)",
        r"\b(?:bank(?:ing)? (?:login|password)|online banking password|m-?pesa pin|card details and pin)\b",
    )
    + patterns(
        "recruitment_fees",
        r"\b(?:placement|recruitment|registration|processing|agency|broker|brokerage|booking|reservation|"
        r"application|commission|admin|selection|visa|sponsorship|mobili[sz]ation|deployment|documentation|"
        r"joining|ticket|interview)(?:'s)?\s+(?:fees?|charges?|commission|costs?|deposit|package)\b",
        r"\b(?:pay|paid|payable|charged?|cover)\b[^.;]{0,35}?\b(?:fees?|deposit|charges)\b",
        # commission the worker pays, not commission the worker is paid ("base salary plus commission")
        r"\b(?:pay|charged?|payable)\b(?:\s+(?:us|the agency|the agent|them|him|her))?\s+(?:a\s+|"
        r"an\s+|the\s+|"
        r"our\s+)?(?:\d+\s?%\s+)?commission\b",
        r"\bpay\b[^.;]{0,25}?\b(?:registration|processing|reservation)\b",
        r"\bpay\s+[\d.,]+\s*\w*\s+(?:for|to)\b",
        r"\b(?:price|cost)s?\s+(?:of|for)\s+(?:the\s+)?(?:processing|registration|placement|the worker|"
        r"workers|candidates?)\b",
        r"\bcandidates? (?:cover|pay|bear)\b",
        r"\bservice (?:fee|charge)s?\b[^.;]{0,40}?\b(?:payable|to be paid|paid to|before|of [A-Z]{3}|\d)",
        # the worker pays or contributes towards the visa, sponsorship, placement or the job itself
        # (not living costs paid to a landlord: rent, bills or meals are not a fee for the job)
        r"(?<!skilled )\b" + _WORKER + r"\b(?:\s+\w+){0,2}?\s+(?:pays?|contribute|bear|cover|fund)\b"
        r"(?!\s+(?:(?:the|your|their)\s+)?(?:rent|bills|utilities|board|council tax|"
        r"for (?:your |their )?(?:own )?(?:meals|food|groceries|lunch|rent)))[^.;]{0,50}?"
        r"(?:\b" + _COST + r"\b|" + MONEY + ")",
        r"\bcontribut\w*\s+" + MONEY + r"[^.;]{0,20}?\btowards?\b",
        r"\b(?:total\s+)?(?:cost|price|fee|charge)s?\s+(?:for|of)\s+(?:the\s+|your\s+)?" + _COST + r"\b"
        r"[^.;]{0,50}?\b(?:is|are|of|:|totals?)\s*" + MONEY,
        r"\b(?:fees?|costs?|package|charges?|deposit)\b[^.;]{0,40}?(?:" + MONEY + r")[^.;]{0,40}?"
        r"\b(?:payable|to be paid|paid (?:at|on|before|upfront|in advance)|due (?:at|on|before)|upfront)\b",
        r"\b(?:\d+\s?%|balance|half|the rest)\s+(?:is\s+)?(?:payable|to be paid|paid)\s+(?:upfront|"
        r"in advance|"
        r"before|on signing|at registration|after (?:the )?visa)",
        r"\bpayable\s+(?:upfront|in advance|before (?:departure|the interview|travel|you travel|the visa)|to "
        r"(?:the|our) (?:agency|office|recruiter|agent))\b",
        r"\b(?:payable|paid|to be paid|borne) by (?:the )?(?:candidates?|workers?|applicants?|employees?|"
        r"you)\b",
        r"\bpay for (?:your|their) own (?:flights?|tickets?|visas?|medicals?|work permits?|sponsorship|"
        r"travel|airfare|placement|processing)\b",
        r"\b(?:bring|send|transfer|wire)\s+(?:us\s+)?" + MONEY + r"[^.;]{0,30}?\bfor\b",
        r"\b(?:job offers?|offer letters?|work permits?|visas?|sponsorship|placements?|certificates? of "
        r"sponsorship|recruitment|processing)\b[^.;]{0,25}?\b(?:costs?|fees?|charges?|price|:)\s*(?:of\s+|"
        r"is\s+|"
        r"are\s+)?" + MONEY,
        r"\b(?:percentage|share|part|cut|portion)\s+of\s+(?:your|the workers'?|their)\s+"
        + _PAY
        + r"\b[^.;]{0,30}?"
        r"\b(?:for|as)\s+(?:our|the agency's|the)?\s*(?:service|fee|commission|placement)\b",
        r"\b(?:charged?|fee)\b[^.;]{0,30}?\bfor (?:finding|getting|securing|arranging) (?:you )?(?:the |a |"
        r"this )?"
        r"(?:job|work|position|placement)\b",
    )
    + patterns(
        "work_related_charges",
        r"\b(?:deposit|bond)\b[^.;]{0,30}?\b(?:for|on)\s+(?:the\s+|your\s+)?(?:uniforms?|kit|equipment|tools|"
        r"materials?|training|course|bikes?|vans?|vehicles?|phones?|tablets?|laptops?|badges?|lockers?|"
        r"starter (?:pack|kit)|first (?:lot|batch|delivery))\b",
        r"\b(?:training|uniform|kit|equipment|tool|holding|refundable|security)\s+(?:deposit|bond)\b",
        r"\b(?:purchase|buy|order|pay for|rent|hire)\b[^.;]{0,60}?\bfrom (?:our|the company's|the agency's|"
        r"an?|the) (?:certified |approved |preferred |designated |partner |recommended |nominated |in-house |"
        r"own )+(?:vendor|supplier|store|shop|provider|partner|photographer|clinic|school|college|academy|"
        r"training (?:centre|center|provider))s?\b",
        r"\b(?:with|at|through) (?:our|the agency's) (?:own |in-house |partner |approved |affiliated )+"
        r"(?:photographer|clinic|school|college|academy|training (?:centre|center)|medical centre|doctor)\b"
        r"[^.;]{0,40}?(?:" + MONEY + r"|\bfee\b|\bcost\b)",
        r"\b(?:book|purchase|buy|pay for)\s+(?:their|your|a)\s+(?:own\s+)?(?:professional\s+)?(?:portfolio|"
        r"photo ?shoot|headshots|starter (?:pack|kit)|uniform|kit|training|course|equipment)\b[^.;]{0,40}?"
        + MONEY,
        r"\b(?:compulsory|mandatory|obligatory|required)\s+(?:\w+\s+){0,2}?(?:course|training|uniform|kit|"
        r"medical|portfolio|equipment)\b[^.;]{0,20}?" + MONEY,
        # the work vehicle or kit rented or sold to the worker
        r"\b(?:vans?|vehicles?|cars?|bikes?|scooters?|motorbikes?|equipment|tools|uniforms?|"
        r"phones?)\b[^.;]{0,30}?"
        r"\b(?:rented|hired|leased|sold)\s+to\s+(?:the\s+|our\s+)?(?:drivers?|workers?|riders?|"
        r"couriers?|staff|"
        r"you)\b",
        r"\b(?:buy|purchase|pay for)\s+(?:your|their)\s+own\s+(?:uniform|kit|equipment|tools|ppe|safety "
        r"(?:boots|gear))\b[^.;]{0,25}?\bfrom (?:us|the company|the agency|our)\b",
    )
    + patterns(
        "debt_bondage",
        r"\b(?:lend|lent|loan|loaned|advance[sd]?|borrow)\b[^.;]{0,80}?\b(?:repa(?:y|id)|pay (?:it )?back|"
        r"paid back|deduct\w*|from your (?:wages|salary|pay|earnings)|recovered|settled|recouped)",
        r"\b(?:debt|loan|advance|credit)\b[^.;]{0,60}?"
        r"\b(?:worked off|work off|paid off|repaid|settled|cleared)",
        r"\buntil\b[^.;]{0,40}?\b(?:debt|loan|advance)\b",
        r"\byou owe\b|\bon credit\b|\bwith (?:\d+ ?%|interest)\b|\bstill owe\b|\bowe (?:us|me|the agency)\b",
        # a cost the worker carries is recovered from their wages or work
        r"\b(?:costs?|tickets?|visas?|fares?|airfares?|flights?|travel|fees?|loans?|debts?|expenses|package|"
        r"training|advances?|total|balance|amount|sum)\b[^.;]{0,80}?\b"
        + _RECOVER
        + r"\b[^.;]{0,30}?\b(?:from|"
        r"out of|through|against|via|by|with|in|over)\b[^.;]{0,15}?\b(?:your |their |the )?" + _WAGES + r"\b",
        r"\b(?:repaid|paid back|settled|recovered|recouped)\s+(?:from|out of|through|by)\s+(?:your|their)\s+"
        + _WAGES
        + r"\b",
        r"\bpay\s+(?:me|us|it|them|this|that|the money|everything|the costs?)\s+back\b",
        # a large sum falls due if the worker leaves early (a repayment clause that ties them)
        r"\bif you (?:leave|quit|resign|go)\b[^.;]{0,60}?\b(?:payable|repayable|repay|pay back|owe|due|"
        r"to be repaid|must (?:re)?pay)\b",
        r"\b(?:payable|repayable|to be repaid|must be repaid)\b[^.;]{0,40}?\bif you (?:leave|quit|resign)\b",
        r"\b(?:land|property|house|farm)\s+(?:title|deed|papers)\b[^.;]{0,40}?\b(?:collateral|security|"
        r"guarantee)\b|\bas (?:collateral|security for the loan)\b",
        r"\b(?:borrow\w*|loans?|financ\w*|credit)\b[^.;]{0,30}?\b(?:from|through|via|with|at)\s+(?:our|the "
        r"agency's|an?)\s+(?:partner|affiliated|associated|recommended|approved|own)\b[^.;]{0,20}?\b(?:bank|"
        r"lender|cooperative|co-op|finance|company|microfinance|money ?lender)s?\b",
        r"\bremains? (?:owing|due|payable)\b",
        r"\b(?:sign|signs|signing)\b[^.;]{0,20}?\b(?:an iou|a promissory note|a debt acknowledg\w+)\b",
        r"\buntil (?:you have |you've |it is |it's |they are |the (?:costs?|money) (?:is|are) )?(?:fully )?"
        r"(?:repaid|paid back|paid off|cleared|recovered)\b",
    )
    + patterns(
        "withholding_of_wages",
        r"\b" + _PAY + r"\b[^.;]{0,50}?\b(?:kept|held|retained|withheld|kept back|held back)\b",
        r"\b(?:keeps?|hold|holds|retains?|withholds?)\b[^.;]{0,30}?\b(?:one|two|three|\d|first)\b[^.;]{0,15}"
        r"(?:months?'?s?)\s+" + _PAY,
        r"\b(?:lose|loses|forfeit|forfeits)\b[^.;]{0,30}?" + _PAY,
        r"\b" + _PAY + r"\b[^.;]{0,30}?\b(?:late|delayed)\b",
        r"\bpaid only if you stay\b|\bas a (?:bond|guarantee|security deposit)\b",
        r"\bunpaid\s+(?:training|trial|probation|induction|internship|placement|first)\b",
        r"\bpaid (?:every|once every) (?:two|three|four|six|\d) months\b|\bpaid quarterly\b",
        r"\b(?:first|1st)\s+(?:\w+\s+)?(?:weeks?|months?|days?|shifts?)\s+(?:are|is)\s+(?:unpaid|not paid|"
        r"without pay|free)\b",
        r"\b(?:save|saves|keep|keeps|hold|holds|put aside|puts aside|set aside|sets aside)\w*\b[^.;]{0,25}?"
        r"\b(?:part|portion|half|\d+\s?%|some)\s+of\s+(?:your\s+|their\s+|the\s+)?" + _PAY + r"\b",
        r"\b(?:compulsory|mandatory|forced) savings\b",
        r"\b" + _PAY + r"\b[^.;]{0,30}?\bonly (?:paid |given )?if you (?:complete|finish|stay|see out)\b",
        r"\bpaid (?:only )?(?:when|once|after) (?:the client|the customer|we get paid|we are paid|"
        r"we receive)\b",
    )
    + patterns(
        "pay_withheld_until_end",
        r"\b(?:" + _PAY + r"|paid)\b[^.;]{0,60}?\b(?:at the end of|on completion of|upon completion|"
        r"when you (?:finish|return|go home|complete)|before you fly home|in (?:one|a) lump sum)",
        r"\bpocket money\b",
        # held until a target or quota is met, or until a trial period ends
        r"\b(?:" + _PAY + r"|tips|money)s?\b[^.;]{0,25}?\b(?:held|kept|retained|withheld|paid|released|"
        r"paid out)\b[^.;]{0,25}?\b(?:until|once|after|when)\b[^.;]{0,25}?\b(?:target|quota|goal|trial|"
        r"probation\w*|qualifying period)\b",
        r"\b(?:" + _PAY + r"|paid)\b[^.;]{0,15}?\b(?:only\s+)?(?:once|after|when)\s+(?:your|the)\s+"
        r"(?:[\w-]+\s+)?(?:trial|probation\w*|training)\b(?!\s+(?:rise|increase|review))",
        r"\b(?:" + _PAY + r"|paid(?: out)?)\b[^.;]{0,25}?\b(?:only\s+)?(?:after|once|when)\s+the\s+(?:season|"
        r"contract|harvest|voyage|project|trip|tour|campaign)\s+(?:ends|is over|finishes|is finished|"
        r"is complete)",
        r"\b(?:" + _PAY + r"|paid)\b[^.;]{0,25}?\bat (?:the )?(?:season|harvest|muster|contract|voyage|trip|"
        r"project)'?s end\b",
        r"\b(?:released|paid|given|handed over)\s+(?:to you\s+)?(?:on|upon|at)\s+(?:departure|completion|"
        r"your "
        r"departure|the end)\b",
    )
    + patterns(
        "control_of_pay",
        r"\b(?:keep|keeps|hold|holds|look after|manage|manages|control|controls|take care of|handle|handles|"
        r"retain|retains|operate)\b[^.;]{0,25}?\b(?:your|their|workers'|the workers'|the|his|her)\s+"
        r"(?:bank\s+|debit\s+|cash\s+|atm\s+|payment\s+|salary\s+)?(?:cards?|bank accounts?|pins?|benefits|"
        r"wages|salar(?:y|ies)|earnings|savings)\b",
        # a third party receives the worker's pay, or runs the account, and hands over a share or allowance
        r"\b(?:agency|agent|office|boss|team leader|supervisor|recruiter|we|company|club|studio|manager|"
        r"sponsor|"
        r"landlord|driver|owner)\s+(?:\w+\s+)?(?:receives?|collects?|takes?|keeps?|holds?)\s+(?:all\s+)?"
        r"(?:your|the workers'?|their|the)\s+(?:wages|salar(?:y|ies)|pay|earnings|money|tips)\b",
        r"\b(?:bank account|bank card|debit card|pin)\b[^.;]{0,60}?\b(?:the )?(?:office|agency|company|"
        r"employer|"
        r"boss|manager|team leader|supervisor|we|agent)\s+(?:manages?|controls?|keeps?|holds?|runs?|"
        r"operates?|"
        r"looks after)\b",
        r"\b(?:collects?|receives?|takes?)\s+(?:all\s+)?(?:the\s+)?(?:client\s+|customer\s+)?(?:payments?|"
        r"earnings|money|fees|cash)\b[^.;]{0,60}?\b(?:share|cut|percentage|portion|allowance)\b",
        r"\b(?:your|their|a|the workers'?)\s+(?:share|cut|percentage)\b[^.;]{0,20}?\b(?:after|minus|less)\s+"
        r"(?:deductions|" + _HOUSING + r"|expenses|fees|costs)\b",
        r"\bgives? (?:you|them|workers) (?:a |an )?(?:weekly |monthly |daily )?(?:allowance|pocket money)\b",
        r"\b(?:account|card)s?\s+(?:that is\s+|which is\s+)?(?:managed|controlled|held|kept|run|"
        r"operated)\s+by\s+"
        r"(?:the|our|your)\s+(?:agency|agent|office|employer|company|boss|recruiter|team leader|"
        r"supervisor)\b",
        r"\b(?:tips|gratuities)\b[^.;]{0,15}?\b(?:kept|retained|collected|"
        r"taken)\s+by\s+(?:the\s+)?(?:management|"
        r"manager|house|owner|company|boss)\b",
    )
    + patterns(
        "pay_differs_from_contract",
        r"\b(?:contract|papers|paperwork|payslips?|pay slips?|visa|offer letter|documents?)\b[^.;]{0,40}?\b"
        r"(?:say|says|show|shows|state|states|will (?:say|show)|lists?|mentions?)\b[^.;]{0,50}?\b(?:but|"
        r"however|actual(?:ly)?|real|in reality|in practice|you (?:will )?(?:get|receive|earn))\b",
        r"\b(?:actual|real|true)\s+(?:salary|pay|wage|wages|rate|amount)\s+(?:is|will be|may be)\b",
        r"\b(?:salary|pay|wages?)\s+(?:on|in)\s+(?:the\s+)?(?:contract|paper|papers|payslip|visa)\b"
        r"[^.;]{0,40}?\b(?:only|just|differ\w*|not|higher|for the (?:visa|embassy|authorities))\b",
        r"\bsign\w*\b[^.;]{0,20}?\b(?:contract|payslip|receipt|paper)s?\b[^.;]{0,40}?\b(?:for|showing|"
        r"stating|with)\s+(?:more|a higher|the full|the minimum wage)\b",
        r"\bpaid (?:less|differently) than (?:the|your) (?:contract|payslip)\b",
        negatable=False,
    )
    + patterns(
        "money_mule",
        r"\b(?:receive|accept|collect|process)\b[^.;]{0,30}?\b(?:payments?|money|funds|transfers|cheques?|"
        r"checks?)\b[^.;]{0,40}?\b(?:into|in|to|through|via)\s+(?:your|their)\s+(?:own\s+|personal\s+|"
        r"private\s+)?(?:bank\s+)?accounts?\b",
        r"\b(?:forward|transfer|send|wire|pass on|remit|move)\b[^.;]{0,30}?\b(?:them|it|the money|the funds|"
        r"payments?|the balance|money|funds|the payment)\b[^.;]{0,40}?\b(?:to|into)\s+(?:our|the|a|their)\s+"
        r"(?:\w+\s+){0,2}?(?:accounts?|wallets?|suppliers?|vendors?)\b",
        r"\b(?:we|our client)\s+(?:will\s+)?(?:send|mail|post)\s+you\s+a\s+(?:cheque|check)\b",
        r"\bdeposit (?:a|the|this) (?:cheque|check)\b[^.;]{0,60}?\b(?:forward|send|transfer|"
        r"wire)\b[^.;]{0,30}?"
        r"\b(?:rest|balance|remainder|difference|vendor|supplier|payment|money)\b",
        r"\breceive\b[^.;]{0,20}?\b(?:packages|parcels|goods|deliveries)\b[^.;]{0,60}?\b(?:repack|reship|"
        r"forward|relabel|prepaid (?:shipping )?labels?|send them on)\w*",
        r"\b(?:reship|repack|relabel|forward|re-?send|post on|"
        r"send on)\w*\b[^.;]{0,20}?\b(?:the )?(?:parcels?|"
        r"packages?|goods|items)\b[^.;]{0,40}?\b(?:your|the applicant's) (?:home|house|flat|address|"
        r"apartment)\b",
        r"\btop[- ]?up\s+(?:your|the)\s+(?:account|balance|wallet)\b|\brecharge (?:your|the) (?:account|"
        r"balance)\b",
        r"\bpaid\b[^.;]{0,15}?\bin (?:usdt|crypto\w*|bitcoin|btc|gift cards)\b",
    )
    + patterns(
        "cash_or_third_party_pay",
        r"\bcash in hand\b|\bcash (?:only|daily|every|weekly|each)\b|\ben liquide\b",
        r"\b(?:" + _PAY + r"|paid|pay is)\b[^.;]{0,25}?\bin cash\b",
        r"\b" + _PAY + r"\b[^.;]{0,40}?\b(?:paid|given|transferred|goes|go|sent)\b[^.;]{0,25}?\b(?:to|into)\b"
        r"[^.;]{0,25}?" + _THIRD,
        r"\bpaid to (?:your|the) " + _THIRD,
        r"\bpaid (?:by|through|via) (?:the |your )?(?:team leader|gangmaster|driver|agent|recruiter|"
        r"middleman|"
        r"intermediary|landlord)\b",
        r"\bpaid in (?:vouchers|tokens|kind|food|goods|credit)\b",
    )
    + patterns(
        "wage_deductions",
        _HOUSING + r"\b[^.;]{0,70}?\b(?:deducted|taken from (?:your |the )?(?:wages|pay|salary)|"
        r"taken out of|comes? off (?:your |the )?(?:pay|wages|salary)|taken off (?:your )?(?:pay|wages))",
        r"\b(?:deduct\w*|minus)\b[^.;]{0,40}?" + _HOUSING,
        r"\bwe take\b[^.;]{0,30}?\bfor (?:the )?" + _HOUSING,
    )
    + patterns(
        "no_written_contract",
        r"\bcontract\b[^.;]{0,40}?\b(?:after you arrive|on arrival|upon arrival|when you arrive|"
        r"after arrival|after you reach|when you reach|at the site|on site)",
        r"\b(?:sign|receive|get)\b[^.;]{0,30}?\bcontract\b[^.;]{0,30}?\b(?:arriv\w*|reach)",
        r"\bverbal agreement\b|\bword of mouth\b|\bsign papers later\b|\bno contract\b",
        r"\bno written contract\b|\bwithout (?:a )?(?:written )?contract\b",
        negatable=False,
    )
    + patterns(
        "unidentified_employer",
        r"\b(?:company|employer|client)(?:'s)? (?:name|details|identity)\b[^.;]{0,40}?\b(?:revealed|given|"
        r"disclosed|explained|provided)\b[^.;]{0,25}?\b(?:after|later|when|on|upon)\b",
        r"\b(?:cannot|can't|will not|won't) be (?:named|disclosed|revealed)\b",
        negatable=False,
    )
    + patterns(
        "pressure_urgency",
        r"\b(?:only|last)\s+(?:\d+|two|three|few)\s+(?:places|seats|slots|spots|positions|spaces)\b",
        r"\b(?:today only|valid today|only today|offer expires|expires (?:tonight|today)|in the next (?:hour|"
        r"\d+ hours?)|decide (?:today|now)|sign now|act now|hurry|places are going fast|or you lose|"
        r"or lose your|price goes up|leave tomorrow|don'?t think too long|do not think too long|don'?t miss|"
        r"do not miss)\b",
        r"\b(?:confirm|decide|reply|respond|pay|apply|register|sign|accept|book|send|secure)\w*\b[^.;]{0,30}?"
        r"\bwithin (?:the next )?(?:\d+|an?|one|two) (?:hours?|minutes?)\b",
        r"\b(?:don'?t|do not|dont)\s+(?:tell|discuss|inform|talk)\b[^.;]{0,30}?\b(?:family|anyone|anybody|"
        r"parents|friends|many people|others|people)\b",
        r"\bkeep this (?:offer )?(?:confidential|secret)\b|\btell nobody\b",
        r"\b(?:spaces|places|spots|seats) are (?:few|limited|filling)\b",
        negatable=False,
    )
    + patterns(
        "too_good_to_be_true",
        r"\bearn\b[^.;]{0,40}?\bguarantee|\bguaranteed (?:income|earnings|profit|returns?)\b|\beasy money\b",
        r"\b(?:only|just)\s+(?:\d+|one|two)\s+hours?\b[^.;]{0,20}?\b(?:a|per)\s+day\b",
        r"\bearn\b[^.;]{0,40}?\b(?:no experience|no skills|no english|no language|without experience|"
        r"from home)\b",
        r"\b(?:no experience|no skills)\b[^.;]{0,40}?\bearn\b",
        negatable=False,
    )
    + patterns(
        "no_papers_needed",
        r"\bno papers?\b(?!\s+(?:or|and)\s+certificates)|\bsans[- ]papiers\b",
        r"\b(?:no|without)\s+(?:work\s+)?(?:permit|visa|documents?|papers|ni number|national insurance|"
        r"social security|ssn|registration|right to work)\s+(?:number\s+)?(?:needed|required|necessary|"
        r"no problem)\b",
        r"\b(?:immigration|legal) status (?:doesn'?t|does not|don'?t) matter\b",
        r"\b(?:don'?t|do not|never|dont)\s+(?:ask for|ask about|check|need)\s+(?:your\s+)?(?:papers|visas?|"
        r"documents|permits?|social security|status)\b",
        # someone else's work account lent or rented to a worker who may not hold one
        r"\b(?:rent|renting|lend|lending|loan|borrow|sub-?let)\w*\s+(?:you\s+)?(?:my|our|an?|the)\s+"
        r"(?:\w+\s+)?accounts?\b",
        r"\b(?:can'?t|cannot|unable to|not allowed to) work legally\b",
        negatable=False,
    )
    + patterns(
        "deception",
        r"\b(?:real|actual|true)\s+(?:job|work|duties)\b[^.;]{0,50}?\b(?:after|on|upon|when)\b",
        r"\b(?:job|work|duties|salary|pay)\b[^.;]{0,50}?\b(?:may|might|can|will) be (?:changed|different|"
        r"decided)\b",
        r"\b(?:tourist|visit|visitor) visas?\b|\bvisa guarantee\w*|\bnot (?:mentioned|written|stated) in the "
        r"contract\b",
        r"\b(?:jobs?|placements?|employment|positions?|job offers?)\s+(?:is\s+|are\s+)?(?:100\s?%\s+)?"
        r"guaranteed\b|\bguaranteed (?:jobs?|placements?|employment|positions?)\b",
        r"\b(?:papers|documents|visa|status|permit)\s+(?:will be\s+)?(?:sorted|fixed|arranged|regulari[sz]ed|"
        r"changed|converted)\s+(?:later|after (?:you arrive|arrival)|once you (?:are|get) there|on arrival)",
        r"\bwork full[- ]time\b[^.;]{0,60}?\bwhile you\W{0,2}\s*study\b|\bstudent visa\b[^.;]{0,60}?\bwork "
        r"full[- ]time\b",
        r"\b(?:enter|travel|come|fly|arrive)\w*\s+(?:in\s+)?as (?:a )?tourists?\b",
        r"\b(?:visa|papers|permit|status)\b[^.;]{0,40}?\b(?:sort|fix|arrange|change|convert)\w*\b[^.;]{0,20}?"
        r"\b(?:when you (?:are|get) (?:here|there)|after (?:you )?arriv\w*|later|on arrival|"
        r"once you arrive)\b",
        r"\b(?:job title|position|role|occupation)\s+(?:on|in)\s+(?:the\s+)?(?:visa|contract|papers|permit)\b"
        r"[^.;]{0,50}?\bbut\b",
        r"\b(?:job|work|duties|employer|workplace|location|salary|pay|"
        r"position)\s+(?:details\s+)?(?:will be\s+|are\s+|"
        r"is\s+)?(?:given|explained|confirmed|revealed|decided|told|assigned)\s+(?:to you\s+)?(?:on|upon|"
        r"after)\s+"
        r"(?:arrival|you arrive)\b",
        negatable=False,
    )
    + patterns(
        "abuse_of_vulnerability",
        r"\b(?:without (?:papers|legal status|documents)|no legal status|undocumented)\b[^.;]{0,40}?"
        r"\b(?:welcome|preferred|especially)\b",
        r"\b(?:desperate|nowhere else|no (?:other )?choice)\b",
        r"\b(?:you just obey|do as you are told|don'?t ask (?:questions|about))\b",
        r"\b(?:learning difficult\w+|homeless\w*|debts?|no bank account|no fixed address)\s+(?:is\s+|are\s+)?"
        r"(?:no problem|not a problem|ok|(?:do(?:es)?n['’]?t|do(?:es)? not) matter)\b",
        r"\bno questions asked\b",
        negatable=False,
    )
    + patterns(
        "restriction_of_movement",
        r"\bnot (?:allowed|permitted) (?:to )?(?:go|leave|go out|go outside|go ashore|out)\b",
        r"\b(?:may|can|must) not (?:leave|go out)\b|\bcannot (?:leave|go out)\b",
        r"\b(?:gates?|doors?)\b[^.;]{0,20}?\blocked\b|\blocked in\b",
        r"\bstay inside\b|\bgo out only\b|\bonly go out\b|\bnot allowed out\b|\bno going out\b|\bcurfew\b",
        r"\bno shore leave\b|\b(?:are|is|be|get) escorted\b",
        r"\b(?:leave|go out|go into town|go to (?:the )?(?:shops?|town))\b[^.;]{0,30}?\bonly with (?:the |a |"
        r"an )?"
        r"(?:supervisor|escort|manager|madam|boss|employer|guard|team leader|driver)\b",
        r"\b(?:leave|go out)\b[^.;]{0,30}?\bwithout (?:the )?(?:permission|madam|employer|sir|supervisor)\b",
        r"\b(?:must|should|will|to) (?:remain|stay) (?:on site|on the premises|inside|in the (?:compound|"
        r"house|hostel|dormitory|studio|factory))\b",
        r"\b(?:outing|exit) (?:hours|permission|passes?)\b|\bpermitted outings?\b|\boutings?\b[^.;]{0,15}?"
        r"\b(?:cancelled|withdrawn|stopped|only)\b",
        r"\b(?:no need|(?:don'?t|do not|never|won'?t|will not) (?:need|have)) to (?:go|leave) (?:anywhere|"
        r"out|outside)\b(?![^.;]{0,30}\b(?:home|remote|online)\b)",
        r"\b(?:need|needs|require|requires|must (?:ask|get|request))\b[^.;]{0,15}?\b(?:permission|approval|"
        r"authori[sz]ation)\b[^.;]{0,25}?\bto (?:leave|go out|go into town|go to town|go outside)\b",
        r"\bsupervised (?:outings?|trips?|days? out)\b|\bwe (?:do|buy) (?:all )?(?:your|the) shopping\b",
        r"\b(?:you|workers|staff|employees)\s+(?:stay|remain)\s+(?:in|inside|on|"
        r"at)\s+(?:the\s+)?(?:dormitory|"
        r"compound|hostel|house|premises|site|farm|camp)\s+(?:after work|at night|outside working hours|"
        r"between shifts)\b",
        r"\b(?:leaving|going out|going outside)\b[^.;]{0,30}?\b(?:is |are )?(?:not (?:allowed|permitted)|"
        r"forbidden|prohibited)\b",
        negatable=False,
    )
    + patterns(
        "isolation",
        r"\b(?:no|not allowed|not permitted)\b[^.;]{0,30}?\b(?:phones?|mobile|contact|internet|calls?)\b",
        r"\bphones?\b[^.;]{0,30}?\b(?:handed|taken|collected|confiscated|not allowed|kept)\b",
        r"\bphones?\b(?:\s+use)?[^.;]{0,20}?\b(?:only|after \d+\s?(?:pm|am|h|o'clock)?|restricted|limited|"
        r"once a (?:week|day)|on (?:sundays|your day off)|at set times)\b",
        r"\b(?:years?|months?) at sea\b|\bwithout (?:coming|returning) to port\b|\bno port calls\b",
        r"\b(?:don'?t|do not|not) (?:talk|speak) to (?:outsiders|neighbours|anyone)\b",
        r"\btalks? to outsiders\b",
        r"\b(?:must not|may not|cannot|can't|are not allowed to|do not|don't|never)\s+(?:discuss|talk about|"
        r"speak about|mention|disclose|share)\b[^.;]{0,40}?\b(?:pay|wages|salary|conditions|housing|hostel|"
        r"accommodation|the job|hours)\b[^.;]{0,50}?\b(?:with|to)\b[^.;]{0,30}?\b(?:staff|auditors?|"
        r"inspectors?|visitors?|anyone|outsiders|clients?|police|unions?|journalists?|others)\b",
        # second wordings of the same concepts (written from the ILO indicator definitions)
        r"\bno visitors\b|\b(?:may not|cannot|can't|must not) (?:have|receive|invite) visitors\b|"
        r"\bvisitors? (?:are |is )?not (?:allowed|permitted)\b|\bno contact with (?:locals|"
        r"neighbours|outsiders|family|the outside)\b",
        r"\b(?:calls?|contact)\s+(?:home|with (?:your )?family)\b[^.;]{0,30}?\b(?:arranged|only|through|"
        r"via)\s+"
        r"(?:by\s+|through\s+)?(?:the\s+)?(?:office|agency|supervisor|captain|employer|sponsor|manager)\b",
        r"\b(?:internet|wi-?fi)\b[^.;]{0,30}?\b(?:only|once a (?:week|month)|restricted|limited|"
        r"not allowed)\b",
        r"\b(?:transport|travel|lift|trips?|bus)\s+(?:to town|out|home|"
        r"back)\b[^.;]{0,25}?\bonly\b[^.;]{0,20}?"
        r"\b(?:at the end|once|every)\b",
        negatable=False,
    )
    + patterns(
        "physical_sexual_violence",
        r"\b(?:beat|beats|beaten|beating|punish(?:ed|ment)?|disciplined physically|the stick|slapped)\b",
        r"\bhits? (?:workers|you|staff|them)\b",
        r"\b(?:extra|special) services\b|\bprivate (?:visits|work|parties|services)\b|"
        # entertaining customers is a tourist animator's job; entertaining men, or clients in private, is not
        r"\bentertain (?:the )?(?:supervisors|boss|men|gentlemen|male (?:clients|customers|"
        r"guests))\b|\bentertain "
        r"(?:the )?(?:clients|customers|guests)\b[^.;]{0,30}?\b(?:after hours|privately|in private|in their "
        r"rooms|at their hotels?|one[- ]to[- ]one|with drinks)\b|\bspend the night with\b",
        # recruitment on looks for company with customers: signs of sexual exploitation
        r"\b(?:pretty|beautiful|attractive|good[- ]looking|sexy|slim|hot|gorgeous|open[- ]minded|cute)\b"
        r"[^.;]{0,20}?\b(?:girls?|ladies|lady|women|woman|females?|hostess\w*|dancers?|waitress\w*)\b",
        r"\b(?:girls?|ladies|women|females?)\b[^.;]{0,40}?\b(?:pretty|beautiful|attractive|good[- ]looking|"
        r"sexy|slim|open[- ]minded)\b",
        r"\b(?:sit|drink|dance|sociali[sz]e|spend time|go out)\b[^.;]{0,15}?\bwith (?:the\s+)?(?:guests|"
        r"customers|clients|gentlemen|men|vips?|patrons)\b|\bdinner dates?\b",
        r"\b(?:drinks?|lady drinks?) (?:quota|commission|target)s?\b|\bcommission on (?:the )?drinks\b",
        r"\bkeep (?:the )?(?:guests|customers|clients|men|gentlemen) company\b|\bprivate (?:photo )?"
        r"(?:sessions|shoots)\b",
        r"\b(?:rich|wealthy|generous|older) (?:guys|men|gentlemen|clients|sponsors)\b",
        r"\bdiscreet (?:agency|work|services|clients)\b|\bweb ?cam\b|\bcam (?:models?|girls?)\b|\badult "
        r"(?:content|chat|entertainment)\b",
        r"\b(?:ladies|girls)\b[^.;]{0,30}?\bmassage\b|\bmassage\b[^.;]{0,30}?\b(?:ladies|girls)\b",
        r"\b(?:drinks?|drinking)\s+with\s+(?:the\s+)?(?:customers|clients|guests|gentlemen|men)\b|"
        r"\bcommission "
        r"on (?:each |every |all )?drinks?\b",
        r"\b(?:young|pretty) (?:women|girls|ladies)\b[^.;]{0,40}?\b(?:hostess\w*|entertain\w*|clubs?|bars?|"
        r"karaoke|lounges?|dancers?|nightlife)\b",
    )
    + patterns(
        "intimidation_threats",
        r"\b(?:report(?:ed)?|call|inform|tell|notify|contact|alert)\b[^.;]{0,30}?\b(?:police|immigration|"
        r"authorities|home office|border force|embassy|ice)\b",
        r"\b(?:deported|blacklisted|blacklist)\b|\bwe know where\b|\bknow your family\b|\bin your village\b",
        r"\bwill regret\b|\bwill find you\b|\blegal action against\b|\bfamily\b[^.;]{0,20}?\bwill hear\b",
        r"\byour (?:visa|permit|status|papers|stay) (?:depends|depend) on (?:us|me|the (?:employer|company|"
        r"agency|sponsor|boss))\b",
        r"\b(?:anyone|those|workers?|staff|whoever)\s+(?:who|that)\b[^.;]{0,60}?\b(?:loses?|forfeits?|will "
        r"lose|will be (?:fined|deported|reported|punished|sent home|blacklisted|dismissed))\b",
        r"\bif you\b[^.;]{0,60}?\b(?:complain|leave|quit|refuse|talk|speak|report|miss)\w*\b[^.;]{0,60}?"
        r"\b(?:we will|you will (?:lose|be)|will be (?:reported|deported|fined))\b",
    )
    + patterns(
        "excessive_overtime",
        r"\b(?:1[3-9]|2[0-4])\s*(?:hours?|hrs?|h)\s*(?:a |per |each |every )?(?:day|daily)\b",
        r"\bshifts? of (?:1[3-9]|2[0-4]) hours?\b",
        r"\b(?:overtime|ot)\b[^.;]{0,20}?\b(?:compulsory|mandatory|obligatory|unpaid|not paid)\b",
        r"\bno (?:day off|days off|rest day|weekly rest|weekly holiday|rest|breaks)\b|\bon call 24\b|"
        r"\b24/7\b",
        r"\b(?:7|seven) days (?:a|per) week\b|\b30 days (?:a|per) month\b|\buntil midnight\b|\bto midnight\b",
        # "hard workers 7 days", "working seven days": every day of the week, unless it is a rotation
        r"\bwork(?:ers?|ing|s)?\s+(?:\w+\s+)?(?:7|seven) days\b(?!'|\s+(?:on|off|notice|in a row|in every|"
        r"out of|then|followed))",
        r"\b(?:overtime|extra hours)\b[^.;]{0,20}?\b(?:is |are )?(?:part of the job|expected|required|"
        r"included in the (?:salary|pay|rate)|without extra pay|at no extra pay)\b",
        r"\b(?:stay|work)\b[^.;]{0,15}?\buntil (?:the )?(?:target|quota|job|work|orders?)\b[^.;]{0,15}?"
        r"\b(?:is |are )?(?:finished|done|met|reached|complete|completed)\b",
        r"\b(?:rest days?|days? off|day of rest)\b[^.;]{0,30}?\b(?:arranged|decided|given|depend\w*|"
        r"according to|"
        r"at the discretion|"
        r"when (?:work|the family|the employer) allows|if possible|subject to)\b",
        r"\bavailab\w+\s+(?:24|day and night|at all times|around the clock|any time|all hours)\b",
        r"\bovertime whenever\b|\bhowever long (?:it|that) takes\b",
        r"\b(?:employer|family|household|madam|boss|sponsor|manager|we)\s+(?:will\s+)?(?:decides?|arranges?|"
        r"chooses?|sets?)\s+(?:your|the)\s+(?:rest days?|days? off)\b",
        r"\b(?:seven|7)[- ]day (?:working )?weeks?\b|\bdouble shifts\b[^.;]{0,20}?\b(?:common|expected|"
        r"regular|"
        r"required|often)\b|\bno fixed hours\b|\bas many hours as (?:needed|required|it takes)\b",
        r"\b(?:work|on duty|available|availability)\b[^.;]{0,15}?\b(?:round|around) the clock\b|\b(?:work|on "
        r"duty|available)\b[^.;]{0,15}?\bday and night\b",
        r"\b(?:hours|work|schedule|working time)\b[^.;]{0,20}?\b(?:depend\w*|according) (?:on|to) (?:the )?"
        r"(?:family|employer|household|boss|madam|client|sponsor)(?:'s)? needs\b",
        negatable=False,
    )
    + patterns(
        "abusive_conditions",
        r"\bsleeps?\b[^.;]{0,30}?\b(?:on the floor|on the ground|on mattresses|in (?:the |a )?(?:shed|tents?|"
        r"storage|warehouse|kitchen|containers?|car|van|cabin|garage|barn|hangar|back room|stockroom)|"
        r"on the sofa|in the \w+ shed|behind the (?:shop|wash|restaurant|bar|kitchen|salon|factory))\b",
        r"\b(?:accommodation|housing|rooms?|beds?)\b[^.;]{0,30}?\b(?:in|inside) (?:the |a )?(?:shed|"
        r"warehouse|"
        r"container|hangar|barn|garage|factory|workshop)\b",
        r"\b(?:[89]|1\d|2\d|ten|twenty)\s+(?:people |workers |persons )?(?:per|in|to|share) (?:a |one |"
        r"each )?"
        r"(?:room|container|tent|caravan)\b",
        r"\bno (?:toilets?|running water|electricity|air conditioning|protective equipment|ppe|helmet)\b",
        r"\bwithout (?:helmet|mask|ppe|protective)\b|\bchildren (?:can|may|will) (?:help|work)\b",
        r"\bleftovers\b|\bshacks?\b|\bwater (?:is )?limited\b|\blimited water\b|\bbring your own water\b",
        r"\b(?:bunks?|mattress\w*|sleeping)\b[^.;]{0,20}?\bin (?:the |a )?(?:shed|warehouse|container|barn|"
        r"garage|hangar|workshop|van|car)\b",
        negatable=False,
    )
)

# Wordings that carry their own "not"/"no"/"without" (so cannot be negatable), and the same concepts with
# words between their parts: unpaid first weeks, pay lost on leaving early, paying "in exchange for" a job.
PATTERNS += tuple(
    patterns(
        "withholding_of_wages",
        r"\bfirst\b[^.;]{0,30}?\b(?:weeks?|months?|days?|shifts?)\b[^.;]{0,25}?\b(?:unpaid|not paid|without "
        r"pay|are free|no pay)\b",
        r"\bif you (?:leave|quit|go|walk out|abandon)\b[^.;]{0,50}?\b(?:no pay|not (?:be )?paid|(?:get|receiv"
        r"e) "
        r"nothing|nothing is paid|unpaid)\b",
        negatable=False,
    )
    + patterns(
        "recruitment_fees",
        r"\bin (?:exchange|return) for\s+(?:a (?:payment|fee) of\s+)?" + MONEY,
    )
)

GUARDS = guards(
    {
        "retention_of_identity_documents": r"\b(?:you|workers?|employees?|crew|helpers?|staff|she|he|they|"
        r"maids?)\s+(?:keeps?|holds?|retains?|(?:is|are) (?:entitled|free) to keep)\b|\b(?:your|their|her|"
        r"his) own\b|\b(?:copy|copies|photocopy|scan|photo)\b|\bby the (?:worker|employee)s?\b|\bstays? with "
        r"(?:you|the (?:worker|employee))\b|\breturned to you\b|\blockers?\b|\bsafe in your room\b|"
        r"\bhand(?:ed)? (?:them |it )?(?:straight |right )?back\b|\bright[- ]to[- ]work\b",
        # someone other than the worker pays: the Employer Pays Principle honoured
        "recruitment_fees": r"\b(?:employer|company|we|hotel|trust|sponsor|client|owner|hospital|yacht)\b"
        r"[^.;]{0,25}\b(?:pays?|paid|covers?|covered|bears?|reimburses?|shoulders?|absorbs?)\b|"
        # a fee stated as zero ("Zero placement fee", "Placement fee: PHP 0")
        r"\bzero (?:\w+ )?(?:fees?|charges?|costs?)\b|"
        r"\b(?:fees?|charges?)\s*:?\s*(?:[a-z]{3}|[£€$₱₹])?\s?0(?![\d.,])|"
        # a working-holiday or youth-mobility visa is the traveller's own, not a visa for the job
        r"\bworking holiday\b|\byouth mobility\b|"
        # a statement of the rule or a warning to report a request ("charging workers fees is illegal",
        # "if anyone asks you to pay for this job, report it") is not a charge
        r"\b(?:illegal|unlawful|prohibited|forbidden|against the law)\b|\bif (?:anyone|someone|anybody|a "
        r"recruiter|an agent)\b[^.;]{0,40}?\b(?:asks?|requests?|demands?|wants?)\b|\breport (?:it|"
        r"them|this|any)\b|"
        # income tax and National Insurance are the law, not a fee for the job
        r"\b(?:income )?tax(?:es)? and national insurance\b|\bpaye\b|"
        # a benefits or relocation package the employer gives, when nothing in it is charged back
        r"^(?![^.;]*\b(?:you pay|you will pay|payable|deduct\w*|repa\w+|recover\w*|recoup\w*)\b)[^.;]*?"
        r"\b(?:(?:relocation|benefits?|expat\w*) package|package (?:includes?|including|covers?))\b|"
        # the worker's share of a meal-voucher benefit they choose to take up
        r"\b(?:meal|lunch|luncheon|restaurant) vouchers?\b[^.;]{0,60}?\b(?:contribut\w*|your share)\b|"
        r"\bwe (?:will |then |also )?(?:refund|reimburse|repay|pay back)\b|\b(?:paid|covered|borne|met|"
        r"funded|"
        r"reimbursed|refunded) (?:in full |entirely |fully |wholly |completely )?by (?!you\b|"
        r"the worker|workers|candidates?|applicants?|yourself)"
        r"|(?<!you )(?<!workers )(?<!candidates )(?<!applicants )\b(?-i:[A-Z])\w+ (?:pays|covers|bears|funds|"
        r"reimburses)\b|\bwe\b(?:(?!\byou\b|\bworkers?\b|\bcandidates?\b|\bapplicants?\b)[^.;]){0,40}?"
        r"\b(?:pay|cover)\b|\blegal maximum\b|\bat (?:no|our) (?:cost|expense)\b|\b(?:reimbursed|refunded)\b",
        # a tenancy deposit held under the tenancy (and its protection scheme) is the landlord's, not a charge
        "work_related_charges": r"\btenancy\b|\bdeposit protection\b|\bprovided (?:free|at no cost)\b|\bfree "
        r"of charge\b|\bwe (?:pay|cover)\b",
        # a deduction the law or the worker's visa programme allows, said as such
        "wage_deductions": r"\bas (?:the )?(?:\w+ )?(?:law|rules?|programme|program|scheme|stream|"
        r"regulations?)\b"
        r"[^.;]{0,20}?\b(?:permits?|allows?|requires?)\b|\bas permitted by\b|\b(?:may|"
        r"can) choose to live\b|\bfree to live (?:elsewhere|off[- ]site)\b|"
        r"\b(?:meal|lunch|luncheon|restaurant) vouchers?\b[^.;]{0,60}?\b(?:contribut\w*|"
        r"your share)\b|\b(?:written consent|your consent|if you choose|optional|in writing|rental "
        r"agreement|signed agreement|legal (?:limit|offset)|accommodation offset|only if|if you want it|"
        r"capped|employment agreement|shown (?:in|on) your|as required by law|required by law|statutory "
        r"deductions?)\b",
        # Pay at the end of each day, shift, week or month is a pay period, not pay held back to the end.
        # the final pay when a worker leaves, or a bonus on top of pay, is not pay held back
        # "pocket money" is the au pair scheme's own word for the allowance
        "pay_withheld_until_end": r"\bau pairs?\b[^.;]{0,40}?\bpocket money\b|"
        r"\b(?:final|last) (?:pay|payslip|wages?|salary)\b|^(?:(?!wages?\b|salary|"
        r"pay\b)[^.;])*\b(?:bonus|gratuity|end[- ]of[- ]service|severance)\b(?![^.;]{0,40}\b(?:wages?|salary|"
        r"pay)\b)|\bon top of (?:your |the )?(?:wages?|salary|pay)\b|\bin addition to (?:your |"
        r"the )?(?:wages?|"
        r"salary|pay)\b|\bau pair (?:rules|scheme|programme|regulations)\b|\b(?:official|legal|"
        r"statutory)\b[^.;]{0,20}?\bau pair\b|\b(?:weekly|monthly|fortnightly|(?:every|each) (?:working |"
        r"work )?"
        r"(?:day|shift|week|fortnight|month)|end of the (?:working )?(?:day|shift|week|month)|as you prefer|"
        r"if you prefer|your choice)\b(?!\s+(?:sales\s+)?(?:target|quota|goal))",
        # Cash against a written record (payslip, receipt, signed wage register) is traceable pay.
        "cash_or_third_party_pay": r"\btips?\b|\b(?:with|against|and)\s+(?:a\s+|your\s+)?(?:(?:signed|"
        r"written|printed)\s+)?(?:payslips?|pay slips?|receipts?|signature)\b|\b(?:wage|pay|payroll) "
        r"(?:register|book|record)s?\b",
        # an optional staff benefit repaid from salary (season ticket, cycle to work) is not a debt that binds
        "debt_bondage": r"\bseason ticket loans?\b|\bstudent loans?\b|"
        # a cost refunded to the worker with their pay is the employer paying, not the worker repaying
        r"\b(?:paid back|repaid|refunded|reimbursed|returned|given back) to you\b|"
        r"\bcycle[- ]to[- ]work\b|\bsalary sacrifice\b|\boptional\b|"
        r"\bif you (?:choose|wish|want)\b",
        # a commission or bonus paid each quarter is on top of pay, not wages held back for months
        "withholding_of_wages": r"\bon time\b|\bno bond\b|\bnever late\b|\b(?:commission|bonus(?:es)?|"
        r"profit[- ]shar\w*)\s+(?:is\s+|are\s+)?paid (?:quarterly|annually|yearly|every)\b",
        "restriction_of_movement": r"\bfree to (?:come|go|leave)\b|\bat any time\b",
        "excessive_overtime": r"\bopen (?:7|seven) days\b",
        # helping clients with their money is the job's subject; the worker's own account is fine
        "control_of_pay": r"\b(?:help|support|assist|advise)\w*\s+(?:\w+\s+)?(?:clients?|customers?|"
        r"residents?|service users?|patients?|"
        r"tenants?|people)\b[^.;]{0,15}?\b(?:manage|with|budget)\b|\b(?:clients?|customers?|residents?|"
        r"patients?)'\s+(?:money|finances|accounts?|benefits)\b|\byour own (?:bank )?(?:account|card)\b",
        "intimidation_threats": r"\bin (?:cases?|the event) of\b|\b(?:any|your) (?:concerns?|"
        r"requests?|abuse|problems?|worries)\b|\bin an "
        r"emergency\b|\b(?:hotline|helpline)\b|\byou (?:can|may)\b|\bfeel free\b",
        "too_good_to_be_true": r"\bguaranteed (?:base|basic|minimum) (?:salary|pay|wage|rate)\b|\bguaranteed "
        r"(?:hours|minimum)\b",
    }
)

#: Words that look like a warning but name an ordinary thing here, by indicator, each with why.
HOMONYMS = {
    "recruitment_fees": (
        (
            "a fee charged to customers is the business's price, not a charge on the worker",
            r"\b(?:charge|charges|charging|charged|bill|invoice)\s+(?:our\s+|the\s+)?(?:clients?|customers?|"
            r"guests?|patients?|members?|visitors?|passengers?|tenants?|diners)\b|\b(?:clients?|customers?|"
            r"guests?|patients?|members?|passengers?|tenants?|diners)\s+(?:pay|are charged)\b|\b(?:fees?|"
            r"charges?)\b[^.;]{0,15}?\b(?:to|from|for|with)\s+(?:our\s+|the\s+)?(?:clients?|customers?|"
            r"guests?|"
            r"patients?|members?|passengers?|tenants?|diners)\b",
        ),
        (
            "handling, billing or explaining fees is the job's task when no one asks the worker to pay",
            r"^(?![^.;]*\byour?\b)(?:(?!" + MONEY + r")[^.;])*?\b(?:process|calculat|handl|collect|bill|"
            r"invoic|administer|explain|quot|reconcil|chas|refund)\w*\b(?:\s+[\w-]+){0,3}?\s+(?:fees?|"
            r"charges|deposits|payments)\b|\bfees? (?:you|we) (?:bill|invoice|raise|collect)\b",
        ),
    ),
    "debt_bondage": (
        (
            "processing colleagues' advances, loans and deductions is a payroll duty, not the worker's debt",
            r"\b(?:process|run|handle|administer|manage|calculat|reconcil|"
            r"record)\w*\b[^.;]{0,60}?\b(?:advances|"
            r"loans?|repayments|deductions)\b[^.;]{0,60}?\bfor (?:\d[\d,]*|all|our|the|about \d+) "
            r"(?:employees|staff|colleagues|workers|people)\b",
        ),
        (
            "support tickets are requests for help, not travel tickets",
            r"\b(?:support|service|help ?desk|it|"
            r"customer|jira|open)\s+tickets?\b|\btickets?\b[^.;]{0,40}?\b(?:log|triage|resolve|escalat\w*|"
            r"queue|raise|close|system|portal|second line|first line)\b|\b(?:log|triage|resolve|escalate|"
            r"raise|"
            r"close)\w*\b[^.;]{0,30}?\btickets?\b",
        ),
        (
            "debt advice, lending and collection are the job's subject, not the worker's own debt",
            r"\bdebt (?:advice|adviser|advisor|relief|collection|recovery)\b|"
            r"\bclients? in (?:financial difficulty|"
            r"debt)\b|\bloans? (?:officer|adviser|advisor|processor|underwriter|applications?)\b|"
            r"\bmortgages?\b|"
            r"\bcredit (?:control|controller|analyst|checks?)\b|\barrears\b|\b(?:customers?|clients?)'? "
            r"(?:loans?|repayments?|accounts?)\b",
        ),
    ),
    "retention_of_identity_documents": (
        (
            "shipping, legal or technical documents are work papers, not a worker's identity documents",
            r"\b(?:guest|customer|patient|tenant|passenger|visitor)s?'?\s+(?:documents|records|files)\b|"
            r"\bdocuments? and records\b|\brecords and documents\b|\b(?:administration|administrative|"
            r"transaction|supporting) documents\b|\bdocuments? (?:up to date|updated|in order|filed)\b|"
            r"\b(?:shipping|customs|export|import|legal|technical|quality|project|clinical|medical|tender|"
            r"financial|business|client|clients'|company|office|application|supporting|course|training|"
            r"delivery|order|sales|accounting|planning|design)\s+(?:documents|documentation|paperwork|papers|"
            r"records)\b|"
            r"\bdocument (?:control|management|controller)\b|\b(?:personnel|employee|staff) (?:files|"
            r"records)\b",
        ),
    ),
    "physical_sexual_violence": (
        (
            "beating eggs or cream is cooking, and beating a target or deadline is doing well",
            r"\bbeat(?:ing|s)? (?:the |your |our |its |their |my )?(?:eggs?|egg whites|cream|"
            r"butter|batter|mixture|sugar|dough|"
            r"targets?|deadlines?|records?|competition|rush|traffic)\b",
        ),
        (
            "open to everyone whatever their gender is equal-opportunity wording",
            r"\b(?:any|all|every) genders?\b|\bregardless of gender\b|\b(?:women|men) and (?:men|women)\b|"
            r"\b(?:m/f|f/m|m/w/d|h/f)\b",
        ),
        ("a massage therapist's work is treatment", r"\b(?:sports?|physio\w*|clinical|remedial) massage\b"),
    ),
    "work_related_charges": (
        (
            "banking the takings is a duty, not a deposit the worker pays",
            r"\b(?:bank|cash|night|direct|till)\s+deposits?\b|\bdeposit(?:ing|s|ed)?\s+(?:the\s+)?(?:takings|"
            r"cash|money|cheques?|checks?|the day's)\b|\bdeposit(?:ed)? (?:in|into|to) (?:your|the|"
            r"their) (?:own "
            r")?(?:bank )?account\b",
        ),
    ),
    "withholding_of_wages": (
        (
            "pay deposited into the worker's own account is paid, not held",
            r"\b(?:direct deposit|deposit(?:ed)? (?:in|into|to) (?:your|their) (?:own )?(?:bank )?account)\b",
        ),
    ),
    "excessive_overtime": (("'cold calling' is a sales method, not being on call", r"\bcold[- ]call\w*\b"),),
    "intimidation_threats": (
        (
            "reporting defects or damage to the authorities is a duty, not a threat to the worker",
            r"^(?![^.;]*\b(?:you|your|workers?|staff|anyone who|those who)\b)[^.;]*?\b(?:inform|notify|"
            r"contact|liaise with|report (?:to|it to))\w*\b[^.;]{0,40}?\b(?:port |relevant |"
            r"responsible |local "
            r"|building |planning )?authorities\b",
        ),
    ),
    "restriction_of_movement": (
        (
            "checking that the site is locked is a guard's duty; a part 'locked in place' is machinery",
            r"\b(?:ensur|check|mak\w* sure|confirm|verif)\w*\b[^.;]{0,30}?\b(?:gates?|doors?|"
            r"windows?|premises|"
            r"building|site)\b[^.;]{0,20}?\b(?:are |is )?locked\b|\blocked in (?:place|position)\b",
        ),
    ),
}

RULES = LanguageRules("en", PATTERNS, GUARDS, homonyms(HOMONYMS))

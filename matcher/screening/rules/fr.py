"""French screening rules: the English concepts, as adverts in France, Belgium, Quebec and Africa word them.

Written from the indicator definitions, not from any evaluation advert; see :mod:`matcher.screening.rules.en`.
"""

from __future__ import annotations

from matcher.screening.rules.base import MONEY, LanguageRules, guards, homonyms, patterns

_DOC = (
    r"(?:passeports?|pi[èe]ces? d'identit[ée]|cartes? d'identit[ée]|titres? de s[ée]jour|"
    r"cartes? de s[ée]jour|"
    r"papiers|documents (?:d'identit[ée]|personnels|originaux)|(?:vos|leurs|ses) documents|permis de travail|"
    r"r[ée]c[ée]piss[ée]s?|dipl[ôo]mes?)"
)
_KEEP = (
    r"(?:garde|gardent|gardons|gardera|garder|conserve|conservent|conservons|conservera|conserver|retient|"
    r"retenons|retenir|confisqu\w+|r[ée]cup[èée]r\w+|d[ée]tient|d[ée]tenons)"
)
_PAY = r"(?:paie|paye|salaires?|r[ée]mun[ée]rations?|gains|payes?)"
_WAGES = (
    r"(?:paie|paye|salaires?|r[ée]mun[ée]rations?|gains|courses|recettes|(?:premiers?|premi[èe]res?)\s+"
    r"(?:\w+\s+)?(?:salaires?|paies|gains|mois))"
)
_COST = (
    r"(?:voyage|visas?|billets?|vols?|frais|avances?|pr[êe]ts?|dettes?|formation|"
    r"d[ée]penses|co[ûu]ts?)"
)
_HOUSING = (
    r"(?:logement|h[ée]bergement|chambre|lit|loyer|repas|nourriture|transport|navette|location|uniformes?|"
    r"outils|amendes?)"
)

PATTERNS = tuple(
    patterns(
        "retention_of_identity_documents",
        r"\b" + _KEEP + r"\b[^.;]{0,40}?\b" + _DOC + r"\b",
        r"\b"
        + _DOC
        + r"\b[^.;]{0,40}?\b(?:gard[ée]s?|conserv[ée]s?|retenus?|confisqu[ée]s?|remis|d[ée]pos[ée]s?|"
        r"confi[ée]e?s?)\b[^.;]{0,30}?\b(?:par|[àa]|chez|au) (?:l'|le |la )?(?:employeur|agence|patron|agent|"
        r"soci[ée]t[ée]|bureau|famille|recruteur|responsable)\b",
        r"\b(?:remettre|remettez|d[ée]poser|d[ée]posez|confier|confiez|laisser|"
        r"laissez)\b[^.;]{0,20}?\b(?:votre|"
        r"vos|son|ses)\s+" + _DOC + r"\b",
    )
    + patterns(
        "upfront_id_or_bank",
        r"\b(?:envoye[zr]|transmett\w+|fourni\w+)\b[^.;]{0,40}?\b(?:passeport|pi[èe]ce d'identit[ée]|carte "
        r"bancaire|rib|code (?:pin|secret)|mot de passe)\b",
    )
    + patterns(
        "recruitment_fees",
        r"\b(?:frais|co[ûu]ts?|prix|commission|cotisation|tarif)\s+(?:de |d')(?:recrutement|placement|"
        r"dossier|"
        r"inscription|visa|agence|s[ée]lection|r[ée]servation|traitement|gestion|intervention)\b",
        # the worker pays: not "vous serez payé 12 €" or "congés payés" (the worker is paid), nor commission
        # the worker earns ("payé au SMIC plus commission")
        r"\b(?:payer|r[ée]gler|verser|versez|payez|r[ée]glez|s'acquitter)\b[^.;]{0,40}?(?:"
        + MONEY
        + r"|\b(?:frais|visa|inscription|dossier)\b)",
        r"\bpay[ée]e?s? par (?:le candidat|le travailleur|vous|les candidats|les travailleurs|"
        r"le salari[ée])\b",
        r"\b(?:payer|r[ée]gler|verser|versez|payez|r[ée]glez)\b[^.;]{0,20}?\b(?:une |la |un )?commission\b",
        # "à la charge" alone is not the worker's: it is whose charge that tells ("de l'entreprise")
        r"\b(?:[àa] votre charge|[àa] la charge (?:du candidat|du travailleur|des candidats|des travailleurs|"
        r"du salari[ée]|des salari[ée]s)|[àa] vos frais)\b",
    )
    + patterns(
        "work_related_charges",
        r"\b(?:caution|d[ée]p[ôo]t(?: de garantie)?|garantie)\b[^.;]{0,40}?(?:"
        + MONEY
        + r"|\b(?:mat[ée]riel|"
        r"[ée]quipement|uniforme|tenue|outils|v[ée]lo|scooter|voiture|v[ée]hicule|kit)\b)",
        r"\b(?:formation|stage|visite m[ée]dicale|book|photos|tenue|kit)\b[^.;]{0,20}?\bobligatoire\b"
        r"[^.;]{0,30}?" + MONEY,
        r"\b(?:aupr[èe]s de|chez) notre (?:photographe|clinique|[ée]cole|centre de formation|fournisseur)\b",
        r"\bachet\w+\s+(?:votre|le|un|une|vos|son)\s+(?:kit|mat[ée]riel|uniforme|tenue|[ée]quipement|outils|"
        r"stock)\b[^.;]{0,40}?" + MONEY,
    )
    + patterns(
        "debt_bondage",
        r"\b"
        + _COST
        + r"\b[^.;]{0,60}?\b(?:remboursables?|[àa] rembourser|rembours[ée]s? sur|d[ée]duits? de|"
        r"retenus? sur|pr[ée]lev[ée]s? sur)\b[^.;]{0,25}?\b(?:vos|votre|les|des)?\s*" + _WAGES + r"\b",
        r"\bremboursement de\s+" + MONEY + r"[^.;]{0,60}?\b(?:en cas de|si vous)\b",
        r"\b(?:en cas de d[ée]part|si vous (?:quittez|partez|d[ée]missionnez|arr[êe]tez))\b[^.;]{0,50}?"
        r"(?:\brembours\w+|\bp[ée]nalit[ée]|\bindemnit[ée]|" + MONEY + r")",
        r"\bvous devrez (?:nous )?rembourser\b",
        # "vous devez" is also "you must": owing is "vous nous devez", or "vous devez" a sum
        r"\b(?:reste|restent) d[ûu]s?\b|\bvous (?:nous|lui|leur) devez\b|"
        r"\bvous devez (?:encore )?(?:la somme|"
        r"le montant|de l'argent|" + MONEY + r")|\bjusqu'au remboursement\b",
        r"\bvous rembourserez\b|\brembours\w+\s+(?:le|les|votre|vos)\s+(?:voyage|billet|frais|avance|visa)\b"
        r"[^.;]{0,30}?\bsur (?:vos|votre) (?:salaires?|paies?|gains)\b",
    )
    + patterns(
        "withholding_of_wages",
        r"\b" + _PAY + r"\b[^.;]{0,40}?\b(?:retenue?s?|gard[ée]e?s?|bloqu[ée]e?s?|conserv[ée]e?s?)\b(?! sur)",
    )
    + patterns(
        "pay_withheld_until_end",
        r"\b(?:"
        + _PAY
        + r"|pay[ée]e?s?|vers[ée]e?s?)\b[^.;]{0,40}?\b(?:[àa] la fin (?:des|de la|du) (?:vendanges|"
        r"saison|contrat|chantier|mission|r[ée]colte|campagne)|en fin de (?:saison|contrat|mission)|"
        r"au retour|"
        r"en une (?:seule )?fois)\b",
        r"\b" + _PAY + r"\b[^.;]{0,30}?\bjusqu'[àa] (?:atteindre|ce que vous atteigniez)\b",
    )
    + patterns(
        "control_of_pay",
        r"\b(?:gardons|gardera|garde|g[ée]rons|g[ée]re|conservons|conserve|"
        r"contr[ôo]lons)\b[^.;]{0,15}?\b(?:votre|"
        r"vos|la|les|leur|leurs)\s+(?:cartes? bancaires?|cartes?|comptes?(?: bancaires?)?|salaires?|paies?|"
        r"allocations|gains)\b",
        r"\b(?:encaiss\w+|per[çc]oi\w*|re[çc]oi\w*|touche\w*|r[ée]cup[èe]r\w+)\s+(?:les|vos|votre|leurs?)\s+"
        r"(?:salaires?|paies?|gains|r[ée]mun[ée]rations?)\b[^.;]{0,40}?\b(?:part|partie|argent de poche)\b",
        r"\bvous (?:donne|verse|reverse|remet)\w*\s+(?:votre|une|sa) (?:part|partie)\b",
        r"\bvers[ée]e?\s+sur\s+le\s+compte\s+(?:de l'agence|du patron|de l'employeur|du recruteur|du chef)\b",
    )
    + patterns(
        "pay_differs_from_contract",
        r"\b(?:le contrat|la fiche de paie|le bulletin)\b[^.;]{0,30}?\b(?:indiqu\w*|mentionn\w*|affich\w*|"
        r"pr[ée]voi\w*|dira)\b"
        r"[^.;]{0,50}?\b(?:mais|en r[ée]alit[ée])\b",
        r"\bsalaire (?:r[ée]el|d[ée]clar[ée])\b[^.;]{0,30}?\b(?:diff[ée]rent|inf[ée]rieur|moins)\b",
        negatable=False,
    )
    + patterns(
        "money_mule",
        r"\b(?:rec(?:evoir|evrez|evez|evra|evrons|evant|oit|ois)|r[ée]ceptionn\w+|"
        r"encaiss\w+)\b[^.;]{0,30}?\b(?:paiements|"
        r"virements|fonds|argent|ch[èe]ques|"
        r"colis)\b[^.;]{0,40}?\b(?:sur votre compte|chez vous|[àa] votre domicile)\b",
        r"\b(?:reverser|transf[ée]rer|renvoyer|r[ée]exp[ée]dier)\b[^.;]{0,30}?\b(?:[àa] nos|aux|vers nos)\s+"
        r"(?:fournisseurs|comptes|partenaires)\b",
        r"\brecharge[rz] (?:votre|le) compte\b",
    )
    + patterns(
        "cash_or_third_party_pay",
        # "espèces" is also "species" (fishing, farming) and cash handling is a till duty: cash pay is pay
        # said to be in cash
        r"\b(?:pay[ée]e?s?|paiement|vers[ée]e?s?|r[ée]mun[ée]r[ée]e?s?|r[ée]mun[ée]ration|salaires?|paies?|"
        r"r[èe]glement)\b[^.;]{0,25}?\b(?:en )?esp[èe]ces\b|(?:" + MONEY + r")[^.;]{0,30}?\besp[èe]ces\b|"
        r"\ben esp[èe]ces (?:uniquement|seulement)\b|\bau noir\b|\bde la main [àa] la main\b",
        r"\b(?:"
        + _PAY
        + r"|pay[ée]e?s?)\b[^.;]{0,40}?\b(?:vers[ée]e?s?|pay[ée]e?s?|remise?s?)\s+(?:directement\s+)?(?:par|a"
        r"u|"
        r"[àa])\s+"
        r"(?:le |l')?(?:chef d'[ée]quipe|interm[ée]diaire|passeur|agent|recruteur|patron de l'[ée]quipe)\b",
        negatable=False,
    )
    + patterns(
        "wage_deductions",
        r"\b" + _HOUSING + r"\b[^.;]{0,60}?\b(?:retenus?|d[ée]duits?|pr[ée]lev[ée]s?|retir[ée]s?|"
        r"d[ée]compt[ée]s?)\b",
        r"(?:" + MONEY + r")\s+par (?:jour|semaine|mois|nuit)\s+(?:retenus?|d[ée]duits?|pr[ée]lev[ée]s?)\b",
    )
    + patterns(
        "no_written_contract",
        r"\bsans contrat\b|\bcontrat (?:[àa] l'arriv[ée]e|sur place|verbal)\b|\bpas de contrat\b",
        negatable=False,
    )
    + patterns(
        "pressure_urgency",
        r"\b(?:plus que|derni[èe]res?|seulement) (?:\d+|deux|trois|quelques) places\b|\bplaces limit[ée]es\b|"
        r"\bd[ée]cidez (?:aujourd'hui|maintenant)\b|\bn'en parlez [àa] personne\b|\bne (?:le )?dites (?:rien|"
        r"pas)\b",
        negatable=False,
    )
    + patterns(
        "too_good_to_be_true",
        r"\bgagne[zr]\b[^.;]{0,40}?\b(?:sans exp[ée]rience|depuis chez vous|facilement)\b|\bargent facile\b|"
        r"\brevenus? garantis?\b",
        negatable=False,
    )
    + patterns(
        "no_papers_needed",
        r"\b(?:pas (?:besoin|n[ée]cessaire) d[e']|sans)\s*(?:papiers|titre de s[ée]jour|permis de travail|"
        r"carte vtc|carte professionnelle|d[ée]claration|num[ée]ro de s[ée]curit[ée] sociale)\b",
        r"\bon s'arrange\b|\bm[êe]me sans (?:papiers|titre)\b|\bsans[- ]papiers\b",
        r"\b(?:pr[êe]t\w*|lou\w+|sous-lou\w+)\s+(?:un|votre|mon|notre|son)\s+compte\b",
        r"\b(?:n'avez|n'ont|n'a) pas de (?:papiers|titre de s[ée]jour)\b",
        negatable=False,
    )
    + patterns(
        "deception",
        r"\bvisa (?:de )?touris\w+\b|\b(?:papiers|situation)\b[^.;]{0,15}?\b(?:r[ée]gularis[ée]e?s?|"
        r"arrang[ée]e?s?)"
        r"\s+(?:apr[èe]s|plus tard|sur place)\b",
        r"\b(?:emploi|poste|travail|placement|contrat)s? garantie?s?\b",
        r"\ble (?:vrai|v[ée]ritable) (?:travail|poste)\b",
        r"\b(?:poste|travail|missions?|employeur|salaire|"
        r"lieu de travail)\b[^.;]{0,30}?\b(?:pr[ée]cis[ée]e?s?|"
        r"expliqu[ée]e?s?|communiqu[ée]e?s?|d[ée]fini\w*|"
        r"d[ée]cid[ée]e?s?)\b[^.;]{0,15}?\b(?:[àa] l'arriv[ée]e|"
        r"une fois sur place)\b",
        negatable=False,
    )
    + patterns(
        "abuse_of_vulnerability",
        r"\b(?:sans[- ]papiers|en situation irr[ée]guli[èe]re)\b[^.;]{0,30}?\b(?:bienvenu|accept[ée]|"
        r"pr[ée]f[ée]r)"
        r"\w*",
        r"\b(?:d[ée]sesp[ée]r[ée]e?s?|vous n'avez pas le choix)\b",
        negatable=False,
    )
    + patterns(
        "restriction_of_movement",
        r"\b(?:interdit|pas le droit|pas autoris[ée]e?s?)\w* (?:de )?sortir\b|\bsorties? (?:interdites?|"
        r"limit[ée]es?|"
        r"autoris[ée]es? uniquement|accompagn[ée]es?)\b|\bne (?:pas|jamais) sortir\b|\bcouvre-feu\b",
        r"\bne (?:pouvez|pourrez|pourront|peuvent|peut|pourra|devez|doivent) (?:pas|jamais) (?:quitter|"
        r"sortir)\b",
        r"\bportes?\b[^.;]{0,20}?\b(?:ferm[ée]es?|verrouill[ée]es?) [àa] cl[ée]\b|\b(?:autorisation|"
        r"permission)\b"
        r"[^.;]{0,25}?\bpour sortir\b",
        negatable=False,
    )
    + patterns(
        "isolation",
        r"\b(?:t[ée]l[ée]phones?|portables?)\b[^.;]{0,20}?\b(?:confisqu[ée]s?|interdits?|r[ée]cup[ée]r[ée]s?|"
        r"gard[ée]s?|retir[ée]s?)\b|\bpas de (?:t[ée]l[ée]phone|portable|contact)\b",
        # second wordings of the same concepts
        r"\bpas de (?:r[ée]seau|wifi|internet|visites?)\b|\bvisites? interdites?\b|\bappels?\b[^.;]{0,30}?"
        r"\b(?:uniquement|seulement)\b",
        negatable=False,
    )
    + patterns(
        "physical_sexual_violence",
        r"\b(?:jeunes femmes|jeunes filles|filles|h[ôo]tesses|"
        r"demoiselles)\b[^.;]{0,60}?\b(?:belle pr[ée]sentation|"
        r"jolies?|belles?|sexy|ouvertes? d'esprit|photos? en pied|client[èe]le vip|messieurs)\b",
        r"\bphotos? (?:en pied|du corps|en maillot)\b",
        r"\b(?:tenir compagnie|accompagner|boire|consommer|sortir)\b[^.;]{0,15}?\b(?:avec|[àa]|aux) (?:les )?"
        r"(?:clients|messieurs)\b|\bservices? (?:priv[ée]s|sp[ée]ciaux)\b",
        # not "vitesse de frappe" (typing) nor "hors des sentiers battus"
        r"(?<!sentiers )\bbattu(?:e|s|es)?\b|\bfrapp(?:é|ée|és|ées|er|ent|ons)\b|\b(?:on|il|elle|"
        r"le chef|le patron) "
        r"(?:vous |les |nous )?frappe\b|\bch[âa]timents? corporels?\b",
    )
    + patterns(
        "intimidation_threats",
        r"\b(?:signal\w+|d[ée]non[cç]\w+|pr[ée]v(?:en|ien)\w*|appel\w*|avert\w*|inform\w+)\b[^.;]{0,30}?"
        r"\b(?:police|pr[ée]fecture|office des [ée]trangers|immigration|autorit[ée]s|gendarmerie)\b",
        r"\b(?:expuls[ée]e?s?|liste noire)\b",
    )
    + patterns(
        "excessive_overtime",
        r"\b7 ?j ?/ ?7\b|\b(?:7|sept) jours sur (?:7|sept)\b|\bsans (?:jour de )?repos\b|"
        r"\bpas de (?:jour de )?"
        r"repos\b|\bpas de cong[ée]s?\b",
        r"\bheures? sup\w*\b[^.;]{0,15}?\b(?:comprises|incluses|non pay[ée]es|non r[ée]mun[ée]r[ée]es|"
        r"obligatoires|dans le forfait)\b",
        r"\bdisponibilit[ée] (?:totale|compl[èe]te|24)\b",
        r"\bdu lever au coucher du soleil\b|\bpas d'horaires? fixes?\b|\bjour et nuit\b",
        r"\bpas de jours? de cong[ée]s?\b",
        negatable=False,
    )
    + patterns(
        "abusive_conditions",
        r"\b(?:h[ée]bergement|logement|logés?|dormir|couchage)\b[^.;]{0,30}?\b(?:dans un hangar|"
        r"sur des matelas|"
        r"[àa] m[êe]me le sol|dans une grange|dans un garage|dans un conteneur|dans l'entrep[ôo]t|dans la "
        r"voiture)\b",
        r"\b(?:sans|pas d'|pas de) (?:eau|[ée]lectricit[ée]|toilettes|douche|[ée]quipement de protection)\b",
        r"\b(?:[89]|1\d|2\d|huit|neuf|dix|douze|quinze|vingt)\s+personnes\s+par\s+chambre\b",
        negatable=False,
    )
    + patterns(
        "withholding_of_wages",
        r"\b(?:premi[èe]res?|premiers?)\s+(?:\w+\s+)?(?:semaines?|mois|jours)\s+(?:sont\s+|est\s+)?(?:non "
        r"pay[ée]e?s|non r[ée]mun[ée]r[ée]e?s|gratuite?s|sans salaire)\b",
        r"\b(?:stage|essai|p[ée]riode d'essai) non (?:pay[ée]e?|r[ée]mun[ée]r[ée]e?)\b",
        r"\b(?:premier|1er)\s+mois\b[^.;]{0,25}?\b(?:n'est pas pay[ée]|non pay[ée]|non r[ée]mun[ée]r[ée]|"
        r"gratuit)\b|\bune partie du salaire\b[^.;]{0,30}?\b(?:gard[ée]e|retenue|bloqu[ée]e|conserv[ée]e)\b",
        negatable=False,
    )
)

#: Someone other than the worker: an agency, a boss, a go-between.
_THIRD = (
    r"(?:agence|agent|chef d'[ée]quipe|chef|contrema[îi]tre|patron|interm[ée]diaire|recruteur|responsable|"
    r"employeur|"
    r"soci[ée]t[ée]|entreprise|passeur|nous)"
)

# Parity with the English rules: each concept of ``en.py`` in the wordings French adverts use for it
# (written from the indicator definitions and how French job adverts and scams are phrased).
PATTERNS += tuple(
    patterns(
        "recruitment_fees",
        # the job offer, visa, permit or place itself has a price for the worker
        r"\b(?:offre d'emploi|lettre d'offre|contrat|poste|place|visas?|permis de travail|d[ée]marches|"
        r"inscription|placement|r[ée]servation|dossier)\b[^.;]{0,40}?\b(?:co[ûu]te|co[ûu]tent|vaut|"
        r"(?:au )?prix de|tarif\w*)\b[^.;]{0,15}?" + MONEY,
        r"\b(?:le|la|les|chaque)\s+(?:candidat|travailleur|salari[ée]|postulant|recrue|s[ée]lectionn[ée])\w*"
        r"\s+(?:paie|paye|payent|paient|prend en charge|prennent en charge|r[èe]gle|r[èe]glent|assume|"
        r"assument|finance|financent|verse|versent)\b[^.;]{0,40}?(?:\b(?:visa|permis|billet|vol|voyage|"
        r"d[ée]marches|frais|co[ûu]t|commission|inscription|placement|dossier)\w*|" + MONEY + r")",
        r"\b(?:frais|co[ûu]ts?|d[ée]penses)\b[^.;]{0,50}?\b(?:[àa] la charge du (?:candidat|travailleur|"
        r"salari[ée]|postulant)|[àa] votre charge|[àa] vos frais|sont pour vous)\b",
        r"\b(?:inscription|adh[ée]sion|ouverture de dossier)\s+(?:de\s+|d'un montant de\s+)?" + MONEY,
        r"\bcommission\b[^.;]{0,40}?\b(?:de votre|du|sur le|sur votre)\s+premier\w*\s+(?:salaire|paie|"
        r"mois)\b",
        r"\br[ée]serve[zr]?\s+(?:votre|sa|la)\s+place\b[^.;]{0,30}?(?:\bacompte\b|\bpaiement\b|\bvers\w+|"
        r"\bpay\w+|" + MONEY + r")",
        r"\b(?:acompte|avance)\s+de\s+" + MONEY + r"[^.;]{0,30}?\b(?:pour|avant)\b",
        r"\bpay\w*\b[^.;]{0,25}?\bpour (?:obtenir )?(?:l'offre|le poste|la place|le contrat|le travail|"
        r"l'emploi|le placement|le visa|la lettre)\b",
        r"\b(?:pourcentage|part|partie)\s+de\s+(?:votre|vos|leur|leurs)\s+" + _PAY + r"\b[^.;]{0,30}?\bpour "
        r"(?:l'agence|l'agent|l'interm[ée]diaire)\b",
    )
    + patterns(
        "work_related_charges",
        r"\b(?:payer|payez|acheter|achetez|acheter)\b[^.;]{0,15}?\b(?:votre|le|la|vos|les|son|sa)\s+(?:propre"
        r"s?\s+)?(?:mat[ée]riel|uniformes?|tenues?|[ée]quipements?|outils|kit|v[êe]tements de travail|epi|"
        r"chaussures de s[ée]curit[ée])\b[^.;]{0,40}?(?:\b(?:[àa] l'entreprise|[àa] l'agence|aupr[èe]s de "
        r"(?:nous|la soci[ée]t[ée]|l'entreprise|l'agence)|dans notre boutique|chez nous)\b|" + MONEY + r")",
        r"\b(?:mat[ée]riel|tenue|uniforme|kit|[ée]quipement|outils)\b[^.;]{0,30}?\b(?:est |sont )?[àa] "
        r"acheter (?:aupr[èe]s de|chez|[àa]) (?:la soci[ée]t[ée]|l'entreprise|l'agence|nous)\b",
        r"\b(?:formation|stage|tenue|uniforme|kit|book|photos)\b[^.;]{0,30}?\b(?:[àa] votre charge|[àa] vos "
        r"frais|que vous payez)\b",
        r"\bpar notre (?:photographe|clinique|[ée]cole|centre de formation|fournisseur)\b[^.;]{0,30}?"
        + MONEY,
    )
    + patterns(
        "debt_bondage",
        r"\b(?:nous )?(?:vous )?(?:avan[çc]\w+|pr[êe]t\w*|financ\w+)\b[^.;]{0,60}?\b(?:rembours\w+|"
        r"retenons|retenu\w*|d[ée]dui\w+|pr[ée]lev\w+|en travaillant|sur (?:la|votre|vos) (?:paie|"
        r"salaires?))\b",
        r"\b(?:rembourser|payer|r[ée]gler)\s+(?:ce que vous (?:nous |lui |leur )?devez|la dette|"
        r"votre dette)\b|"
        r"\bce que vous (?:nous |lui |leur )?devez\b",
        r"\b(?:dette|avance|pr[êe]t)\b[^.;]{0,40}?\b(?:par (?:votre|son) travail|en travaillant|sur (?:vos|"
        r"votre|les|ses) (?:premi[èe]res? )?(?:paies?|salaires?|gains)|r[ée]cup[ée]r[ée]e?s?)\b",
        r"\b(?:frais|co[ûu]ts?) (?:de (?:voyage|transport|visa|billet|recrutement)|du (?:voyage|billet|visa))"
        r"\b[^.;]{0,30}?\b(?:d[ée]dui\w+|retenu\w*|pr[ée]lev\w+)\b",
    )
    + patterns(
        "pay_withheld_until_end",
        r"\b(?:"
        + _PAY
        + r"|pay[ée]e?s?|vers[ée]e?s?|r[ée]gl[ée]e?s?|remise?s?)\b[^.;]{0,40}?\b(?:[àa] la fin "
        r"(?:des|de la|du|de) (?:r[ée]coltes?|vendanges?|saison|contrat|chantier|mission|campagne|s[ée]jour|"
        r"tourn[ée]e)|au terme (?:du|de la) (?:contrat|saison|mission)|en totalit[ée] [àa] la fin)\b",
        r"\b(?:paiement|pay[ée]e?s?|vers[ée]e?s?|" + _PAY + r")\b[^.;]{0,25}?\b(?:uniquement |seulement )?"
        r"(?:une fois|apr[èe]s|quand|lorsque)\b[^.;]{0,20}?\b(?:objectif|quota|p[ée]riode d'essai)\b",
    )
    + patterns(
        "withholding_of_wages",
        r"\b(?:pay[ée]e?s?|vous payons|vous paierons)\b[^.;]{0,15}?\b(?:quand|lorsque|d[èe]s que) (?:le "
        r"client|nous (?:sommes|serons) pay[ée]s|nous encaissons|le client nous paie)\b",
        r"\b(?:premier|1er|deux premiers|trois premiers)\s+mois de (?:salaire|paie)\b[^.;]{0,25}?\b(?:retenu|"
        r"gard[ée]|conserv[ée]|bloqu[ée])\w*\b",
        r"\b"
        + _PAY
        + r"\b[^.;]{0,25}?\b(?:tous les|une fois tous les) (?:deux|trois|quatre|six|[2-9]) mois\b|"
        r"\b" + _PAY + r"\b[^.;]{0,20}?\btrimestriel\w*\b",
        r"\b(?:premi[èe]res?|premiers?|deux premiers|trois premiers)\s+(?:\w+\s+)?(?:semaines?|mois|jours)\s+"
        r"(?:ne sont pas pay[ée]e?s|ne sont pas r[ée]mun[ée]r[ée]e?s|non pay[ée]e?s|non r[ée]mun[ée]r[ée]e?s|"
        r"sont gratuite?s|sans salaire)\b",
        negatable=False,
    )
    + patterns(
        "control_of_pay",
        r"\b" + _THIRD + r"\s+(?:\w+\s+)?(?:touche|encaisse|per[çc]oit|re[çc]oit|garde|g[èe]re|contr[ôo]le|"
        r"conserve)\s+(?:votre|vos|le|les|leur|leurs)\s+(?:salaires?|paies?|gains|argent|"
        r"r[ée]mun[ée]rations?|"
        r"cartes?(?: bancaires?)?|comptes?(?: bancaires?)?)\b",
        r"\b(?:carte bancaire|carte|compte bancaire|code)\b[^.;]{0,30}?\b(?:est |sont )?(?:gard[ée]e?s?|"
        r"g[ée]r"
        r"[ée]e?s?|conserv[ée]e?s?|d[ée]tenue?s?)\s+par\s+(?:le |la |l')?" + _THIRD + r"\b",
        r"\b(?:vers[ée]e?s?|vir[ée]e?s?|pay[ée]e?s?)\s+sur\s+le\s+compte\s+(?:de l'|du |de la )(?:interm[ée]"
        r"diaire|agence|agent|chef|patron|recruteur|responsable)\b",
        r"\bargent de poche\b|\bgardons le reste\b|\ble reste est (?:gard[ée]|conserv[ée]|retenu)\b",
    )
    + patterns(
        "retention_of_identity_documents",
        r"\b" + _DOC + r"\b[^.;]{0,20}?\b(?:sont remis|restent|resteront|seront remis|sont d[ée]pos[ée]s)\b"
        r"[^.;]{0,25}?\b(?:[àa] l'|au |[àa] la |chez l'|chez le )(?:entreprise|bureau|agence|employeur|"
        r"patron|responsable|chef|coffre|famille)\b",
    )
    + patterns(
        "isolation",
        r"\b(?:t[ée]l[ée]phones?|portables?)\b[^.;]{0,25}?\b(?:remis|d[ée]pos[ée]s|rendus?)\b[^.;]{0,30}?"
        r"\b(?:[àa] l'arriv[ée]e|le dimanche|le week-end|une fois)\b",
        r"\b(?:appeler|contacter|joindre)\s+(?:votre|sa|leur) famille\b[^.;]{0,30}?\b(?:une fois|uniquement|"
        r"seulement)\b",
        r"\bne parlez (?:[àa] personne|pas)\b[^.;]{0,30}?\b(?:de l'ext[ée]rieur|aux voisins|de votre travail|"
        r"du travail)\b",
        r"\b(?:isol[ée]e?|loin|[àa] \w+ (?:heures?|km|kilom[èe]tres))\b[^.;]{0,40}?\bsans (?:transport|"
        r"v[ée]hicule|voiture|r[ée]seau)\b",
        negatable=False,
    )
    + patterns(
        "restriction_of_movement",
        r"\binterdiction de (?:quitter|sortir)\b|\bne (?:peuvent|peut|pouvez|pourrez|"
        r"pourront) pas (?:quitter|"
        r"sortir)\b",
        r"\bsorties?\b[^.;]{0,30}?\b(?:uniquement|seulement|toujours)\s+(?:avec|accompagn)",
        negatable=False,
    )
    + patterns(
        "excessive_overtime",
        r"\b(?:sept|7) jours (?:par|sur|la) semaine\b",
        r"\bdisponibilit[ée] 24 ?(?:h|heures)\b|\b24 ?(?:h|heures) sur 24\b",
        r"\b(?:jour|jours) de (?:repos|cong[ée])\b[^.;]{0,30}?\b(?:selon les besoins|fix[ée]s? par|d[ée]cid"
        r"[ée]s? par|quand (?:la famille|l'employeur|le patron))\b",
        r"\bsans jours? de (?:repos|cong[ée])(?: fixes?)?\b",
        negatable=False,
    )
    + patterns(
        "physical_sexual_violence",
        r"\b(?:filles|demoiselles|jeunes femmes|h[ôo]tesses)\b[^.;]{0,40}?\b(?:bonne pr[ée]sentation|club de "
        r"nuit|bar de nuit|soir[ée]es? priv[ée]es|bo[îi]te de nuit)\b",
        r"\bcommission\b[^.;]{0,20}?\b(?:verres?|boissons|consommations|bouteilles)\b(?:[^.;]{0,30}?"
        r"\bclients\b)?|\bverres?\b[^.;]{0,20}?"
        r"\boffert\w*\b[^.;]{0,15}?\bclients\b",
        r"\bc[âa]lin\w*\b[^.;]{0,20}?\bclients\b|\bmasseuses? (?:jeunes|jolies)\b|\bjeunes masseuses\b",
    )
    + patterns(
        "intimidation_threats",
        r"\b(?:votre|sa|leur) famille\b[^.;]{0,30}?\b(?:aura des (?:probl[èe]mes|ennuis)|le paiera|en "
        r"subira)\b",
        r"\bsi vous (?:quittez|partez|vous plaignez|parlez|refusez)\b[^.;]{0,50}?\b(?:votre famille|"
        r"probl[èe]mes|ennuis|cons[ée]quences|amende\w*)\b",
        r"\b(?:seront|serez|sera) (?:sanctionn[ée]e?s?|punie?s?|mis(?:es)? [àa] l'amende)\b|\bauront une "
        r"amende\b|\bamende\b[^.;]{0,20}?\bsi (?:vous )?n['e]",
        negatable=False,
    )
    + patterns(
        "abuse_of_vulnerability",
        r"\b(?:acceptons|acceptent|accept[ée]e?s?|embauchons|prenons)\b[^.;]{0,25}?\b(?:sans[- ]papiers|"
        r"situation irr[ée]guli[èe]re|sans titre de s[ée]jour)\b",
        r"\b(?:id[ée]al|parfait)\b[^.;]{0,20}?\bpour (?:les )?(?:personnes|gens|ceux)\b[^.;]{0,30}?"
        r"\b(?:endett[ée]e?s|dettes|sans (?:logement|domicile|papiers)|dans le besoin)\b",
        r"\bpeu importe\b[^.;]{0,20}?\b(?:papiers|titre de s[ée]jour|situation)\b|\bsans papiers,? pas de "
        r"probl[èe]me\b|\bpas de questions\b",
        negatable=False,
    )
    + patterns(
        "deception",
        r"\b(?:contrat|visa|papiers)\b[^.;]{0,25}?\b(?:sera|indique|mentionne)\b[^.;]{0,30}?\bmais\b"
        r"[^.;]{0,30}?\b(?:vous ferez|vous travaillerez|en r[ée]alit[ée]|autre chose)\b",
        r"\b(?:salaire|poste|travail|missions?)\b[^.;]{0,30}?\b(?:d[ée]pend|se d[ée]cide|sera d[ée]cid[ée]e?)"
        r"\b[^.;]{0,40}?\b(?:[àa] l'arriv[ée]e|une fois sur place)\b",
        r"\b(?:entrez|venez|voyagez|arrivez)\s+(?:en |comme )touristes?\b|\bvisa [ée]tudiant\b[^.;]{0,40}?"
        r"\b(?:temps plein|plein temps)\b|\br[ée]gularis\w+ (?:vos|les|leurs) papiers\b[^.;]{0,20}?"
        r"\b(?:ensuite|apr[èe]s|plus tard|sur place)\b",
        negatable=False,
    )
    + patterns(
        "abusive_conditions",
        r"\b(?:dorm\w+|couch\w+|log[ée]e?s?)\b[^.;]{0,30}?\b(?:sur des matelas|par terre|[àa] m[êe]me le sol|"
        r"dans (?:un|une|l'|le|la) (?:conteneur|entrep[ôo]t|hangar|grange|garage|voiture|camionnette|"
        r"atelier))\b",
        r"\bpas d'[ée]quipements? de protection\b",
        negatable=False,
    )
    + patterns(
        "pressure_urgency",
        r"\bne parlez pas de (?:cette|l') offre\b|\bn'en parlez pas\b",
        negatable=False,
    )
    + patterns(
        "unidentified_employer",
        r"\b(?:nom de l'entreprise|employeur|entreprise|client)\b[^.;]{0,30}?\b(?:r[ée]v[ée]l[ée]|"
        r"communiqu[ée]|confidentiel)\b[^.;]{0,20}?\b(?:[àa] l'arriv[ée]e|plus tard|apr[èe]s)\b",
        negatable=False,
    )
)

# Further English concepts in French wordings: outings escorted, pay lost on leaving, compulsory savings,
# interest and collateral on a debt, pay in kind, open-ended hours, "do as you are told".
PATTERNS += tuple(
    patterns(
        "restriction_of_movement",
        # the worker escorted, not an escort service or a security escort
        r"\baccompagn[ée]e?s en permanence\b|\b(?:sorties?|d[ée]placements?)\b[^.;]{0,20}?\bescort[ée]e?s?\b|"
        r"\b(?:toujours|syst[ée]matiquement) escort[ée]e?s?\b|\bescort[ée]e?s? (?:par|"
        r"en permanence)\b|\bnous faisons (?:vos|les) courses\b",
        negatable=False,
    )
    + patterns(
        "isolation",
        r"\bne (?:parlez|discutez) pas\b[^.;]{0,30}?\b(?:salaire|paie|conditions|logement|horaires)\b"
        r"[^.;]{0,30}?\b(?:avec|aux?) (?:les )?(?:inspecteurs|auditeurs|visiteurs|clients|police|syndicats|"
        r"journalistes)\b",
        negatable=False,
    )
    + patterns(
        "excessive_overtime",
        r"\bjusqu'[àa] ce que (?:le travail|la commande|l'objectif|le quota)\b[^.;]{0,20}?\b(?:soit|est)\b|"
        r"\b[àa] toute heure\b|\bautant d'heures que n[ée]cessaire\b|\bdoubles? (?:postes|[ée]quipes)\b"
        r"[^.;]{0,20}?\b(?:fr[ée]quent|courant|r[ée]gulier|habituel)\w*",
        negatable=False,
    )
    + patterns(
        "abuse_of_vulnerability",
        r"\bne posez pas de questions\b|\bfaites ce qu'on vous dit\b|\bsans compte bancaire\b[^.;]{0,15}?"
        r"\bpas de probl[èe]me\b",
        negatable=False,
    )
    + patterns(
        "cash_or_third_party_pay",
        r"\b(?:pay[ée]e?s?|r[ée]mun[ée]r[ée]e?s?)\b[^.;]{0,20}?\ben (?:nature|bons d'achat|jetons)\b",
        negatable=False,
    )
    + patterns(
        "withholding_of_wages",
        r"\b(?:perdez|perdrez|perd|perdra)\b[^.;]{0,25}?\b" + _PAY + r"\b",
        r"\b[ée]pargne (?:obligatoire|forc[ée]e)\b",
    )
    + patterns(
        "debt_bondage",
        r"\b(?:pr[êe]t|avance|dette)\b[^.;]{0,30}?\bavec (?:int[ée]r[êe]ts|un taux)\b|"
        r"\b(?:titre foncier|acte de propri[ée]t[ée])\b[^.;]{0,40}?\ben garantie\b",
    )
    + patterns(
        "intimidation_threats",
        r"\bnous savons o[ùu] (?:habite|vit|vivent|habitent) (?:votre|leur) famille\b|\bnous connaissons "
        r"votre famille\b",
        negatable=False,
    )
)

# Second wordings, written after a fresh check in our own words showed these concepts missed (see
# docs/benchmarks.md, "After (second pass)"): the same concepts, more of the ways French says them.
PATTERNS += tuple(
    patterns(
        "no_papers_needed",
        r"\bcomptes?\b[^.;]{0,40}?\bau nom d'(?:une autre personne|un tiers|un autre)\b|\bcomptes?\b"
        r"(?:\s+\w+)?[^.;]{0,10}?\b(?:pr[êe]t[ée]|lou[ée]|sous-lou[ée])s?\b",
        negatable=False,
    )
    + patterns(
        "restriction_of_movement",
        r"\bne (?:sortez|sort|sortent|sortirez|sortiront|quittez)\b[^.;]{0,20}?\bqu'(?:accompagn|avec)\w*|"
        r"\bsortir\b[^.;]{0,20}?\bqu'(?:accompagn|avec)\w*",
        negatable=False,
    )
    + patterns(
        "isolation",
        r"\bpas d'escale\b[^.;]{0,30}?\b(?:pendant|avant|durant)\b|\bsans escale (?:pendant|durant) (?:\w+ )?"
        r"(?:mois|semaines)\b|\bsans (?:toucher|revenir au?) (?:port|terre)\b|\bmois en mer\b",
        negatable=False,
    )
    + patterns(
        "control_of_pay",
        r"\b"
        + _THIRD
        + r"\s+(?:\w+\s+)?(?:touche|encaisse|per[çc]oit|re[çc]oit|g[èe]re)\s+(?:l'ensemble des|"
        r"tous les|la totalit[ée] des)\s+(?:salaires|paies|gains)\b|\bredistribu\w+\b[^.;]{0,25}?\b(?:sa|"
        r"leur|votre) part\b",
    )
    + patterns(
        "withholding_of_wages",
        r"\b(?:gard\w+|conserv\w+|reten\w+|bloqu\w+)\b[^.;]{0,20}?\b(?:un|deux|trois|premier|\d+)\s+(?:mois|"
        r"semaines?) de (?:salaire|paie)\b|\b(?:salaire|paie)\b[^.;]{0,20}?\ben garantie\b",
    )
    + patterns(
        "intimidation_threats",
        r"\b(?:ceux|celles|quiconque|toute personne|les (?:ouvriers|ouvri[èe]res|salari[ée]s|"
        r"travailleurs))\s+"
        r"qui\b[^.;]{0,50}?\b(?:seront|sera|perdront|perdra)\s+(?:renvoy|licenci|sanctionn|puni|signal|"
        r"d[ée]nonc|expuls|mis)\w*",
        negatable=False,
    )
)

# Third wordings, after a second fresh check in our own words (docs/benchmarks.md, "After (second pass)").
PATTERNS += tuple(
    patterns(
        "recruitment_fees",
        # a price label on the visa, permit or placement: "visa de travail : 4 500 $"
        r"\b(?:visas?|permis de travail|placement|recrutement|inscription|eimt|lmia|parrainage|d[ée]marches)"
        r"\b[^.;]{0,25}?(?::|\b(?:co[ûu]te?|prix|frais|tarif)\b)\s*(?:de\s+|est\s+)?" + MONEY,
    )
    + patterns(
        "physical_sexual_violence",
        r"\bweb ?cam\b|\bcontenus? (?:pour )?adultes\b|\bchat (?:pour )?adultes\b|\b(?:jeunes filles|filles|"
        r"demoiselles|jeunes femmes)\b[^.;]{0,40}?\bmassages?\b|\bmassages?\b[^.;]{0,40}?\b(?:jeunes filles|"
        r"demoiselles)\b",
    )
    + patterns(
        "withholding_of_wages",
        r"\b(?:pay[ée]e?s?|paiements?|" + _PAY + r")\b[^.;]{0,15}?\btous les (?:[4-9]\d|\d{3}) jours\b",
    )
    + patterns(
        "pay_withheld_until_end",
        r"\b(?:distribu\w+|vers\w+|remet\w*|rend\w*)\b[^.;]{0,20}?\ben fin de (?:saison|contrat|mission|"
        r"campagne|r[ée]colte)\b",
    )
    + patterns(
        "restriction_of_movement",
        r"\bne (?:descend\w*|d[ée]barqu\w*) pas [àa] terre\b|\bpas de descente [àa] terre\b",
        negatable=False,
    )
    + patterns(
        "debt_bondage",
        r"\breconnaissance de dette\b",
    )
    + patterns(
        "abusive_conditions",
        r"\b(?:dorm\w+|couch\w+|passe\w* la nuit)\b[^.;]{0,20}?\bdans (?:la|le|l') ?(?:cuisine|serre|chantier"
        r"|"
        r"atelier|salon)\b",
        negatable=False,
    )
)

# Fourth wordings, after a third fresh check in our own words (docs/benchmarks.md, "After (second pass)"):
# the parts of each concept with words between them.
PATTERNS += tuple(
    patterns(
        "recruitment_fees",
        r"\ben [ée]change de\s+" + MONEY + r"|\bvous nous (?:payez|paierez|versez|verserez|r[ée]glez)\b",
    )
    + patterns(
        "withholding_of_wages",
        r"\b(?:premi[èe]res?|premiers?)\b[^.;]{0,40}?\b(?:ne sont pas (?:pay|r[ée]mun[ée]r)[ée]e?s|non (?:pay"
        r"|"
        r"r[ée]mun[ée]r)[ée]e?s|sans (?:salaire|r[ée]mun[ée]ration|paie))\b",
        r"\b(?:en cas d'abandon|si vous (?:partez|quittez|abandonnez))\b[^.;]{0,50}?\b(?:aucune? (?:paie|sala"
        r"ire|"
        r"r[ée]mun[ée]ration)|ne (?:sera|serez|seront) pas (?:pay|vers)\w*|perdez)\b",
        negatable=False,
    )
    + patterns(
        "restriction_of_movement",
        r"\bsorties?\b[^.;]{0,40}?\b(?:uniquement|seulement)\b[^.;]{0,40}?\b(?:accompagn\w+|avec (?:la|le|"
        r"madame|monsieur)|le (?:dimanche|samedi)|une fois)\b",
        negatable=False,
    )
    + patterns(
        "physical_sexual_violence",
        r"\bbars? [àa] (?:champagne|h[ôo]tesses)\b|\b(?:r[ée]mun[ée]r\w+|pay[ée]e?s?|commission)\b[^.;]{0,15}"
        r"?"
        r"\b[àa] la bouteille\b",
    )
    + patterns(
        "control_of_pay",
        r"\b"
        + _THIRD
        + r"\s+(?:\w+\s+)?(?:d[ée]tient|d[ée]tiennent|a|poss[èe]de)\s+(?:vos|votre|leurs|les)\s+"
        r"(?:cartes?(?: bancaires?)?|codes?|comptes? bancaires?)\b",
    )
    + patterns(
        "intimidation_threats",
        r"\b(?:ceux|celles|quiconque|si vous vous plaignez)\b[^.;]{0,40}?\b(?:perd\w*|seront priv\w+ de)\b"
        r"[^.;]{0,15}?\b(?:place|poste|logement|emploi|travail|salaire)\b",
        negatable=False,
    )
    + patterns(
        "debt_bondage",
        r"\bvous (?:nous )?(?:le|la|les) (?:rendez|rendrez|remboursez|rembourserez)\b",
    )
)

# Fifth wordings, after a fourth fresh check in our own words (docs/benchmarks.md, "After (second pass)").
PATTERNS += tuple(
    patterns(
        "retention_of_identity_documents",
        r"\b"
        + _DOC
        + r"\b[^.;]{0,25}?\b(?:d[ée]pos[ée]s|remis|gard[ée]s|conserv[ée]s|rang[ée]s)\b[^.;]{0,20}?"
        r"\b(?:dans|au|[àa] la) (?:le |la )?(?:coffre|bureau|caisse|direction)\b",
    )
    + patterns(
        "control_of_pay",
        r"\b(?:famille|madame|monsieur|"
        + _THIRD
        + r")\s+(?:\w+\s+)?(?:g[èe]re|g[èe]rent|administre|contr[ôo]le|"
        r"garde)\s+(?:votre|vos|son|leur)\s+(?:salaire|paie|argent)\b",
    )
    + patterns(
        "withholding_of_wages",
        r"\b(?:pay[ée]e?s?|vous payons|vous paierons)\b[^.;]{0,10}?\b(?:quand|lorsque|d[èe]s que) (?:le|la) "
        r"(?:client|propri[ée]taire|ma[îi]tre d'ouvrage|donneur d'ordre)\b[^.;]{0,20}?\b(?:r[èe]gle|paie|paye"
        r"|"
        r"verse)\b",
    )
    + patterns(
        "wage_deductions",
        r"\b(?:retient|retenons|d[ée]duit|d[ée]duisons|pr[ée]l[èe]ve|pr[ée]levons)\b[^.;]{0,40}?\b(?:le |la |"
        r"les |l')?" + _HOUSING + r"\b[^.;]{0,40}?\bsur (?:la|votre|vos) (?:paie|salaires?|paies)\b",
        r"\b(?:retient|retenons|d[ée]duit|pr[ée]l[èe]ve)\b[^.;]{0,30}?\b(?:lit|nourriture|couchage)\b",
    )
    + patterns(
        "debt_bondage",
        r"\b(?:payer|rembourser)\b[^.;]{0,30}?\b(?:le (?:billet|voyage))\b[^.;]{0,30}?\bet la dette\b|\bla "
        r"dette\b[^.;]{0,20}?\b(?:devrez|devra|faudra) (?:la )?(?:payer|rembourser)",
    )
    + patterns(
        "recruitment_fees",
        # a charge for the visa, the work permit, sponsorship or the job offer (Employer Pays Principle)
        r"\b(?:recrutement|placement|dossier|visa|contrat|embauche|parrainage)\b[^.;]{0,20}?\bvous "
        r"(?:co[ûu]te\w*|revient|reviendra)\b",
        r"\b(?:frais|co[ûu]ts?|prix|tarif)\s+(?:de |d'|du |des )(?:parrainage|permis(?: de travail)?|"
        r"contrat(?: de travail)?|promesse d'embauche|offre d'emploi|certificat de parrainage|immigration)\b",
        r"\b(?:parrainage|visas?|permis de travail|contrat de travail|promesse d'embauche|offre d'emploi)\b"
        r"[^.;]{0,30}?\b(?:co[ûu]te\w*|est factur[ée]e?|sont factur[ée]e?s|revient [àa]|au prix de)\b"
        r"[^.;]{0,15}?" + MONEY,
    )
    + patterns(
        "debt_bondage",
        r"\b(?:remboursables?|[àa] rembourser|rembours\w+)\b[^.;]{0,15}?\bpar (?:une )?retenues? sur\b",
    )
    + patterns(
        "control_of_pay",
        r"\b(?:confiez|remettez|laissez|donnez|confier|remettre|laisser)\b[^.;]{0,15}?\b(?:votre|vos) "
        r"(?:cartes? bancaires?|cartes? de cr[ée]dit|codes?(?: secrets?| pin)?|identifiants bancaires|"
        r"ch[ée]quiers?)\b",
    )
    + patterns(
        "physical_sexual_violence",
        r"\b(?:pourcentage|commission|%)\b[^.;]{0,25}?\bconsommations\b",
    )
    + patterns(
        "abuse_of_vulnerability",
        r"\bsous (?:un autre nom|le nom d'un autre|une autre identit[ée])\b|\bavec les papiers d'(?:un|une) "
        r"autre\b",
        negatable=False,
    )
    + patterns(
        "isolation",
        r"\bsans (?:r[ée]seau|internet|t[ée]l[ée]phone)\b[^.;]{0,20}?\bni (?:moyen|transport|navette)\b",
        negatable=False,
    )
)

GUARDS = guards(
    {
        "retention_of_identity_documents": r"\b(?:copie|photocopie|scan\w*)\b|\b(?:rendons|rendu\w*|"
        r"restitu\w+)\b|\bvous (?:gardez|conservez)\b|\bpapiers en r[èe]gle\b|\btitre de s[ée]jour valide\b",
        "recruitment_fees": r"\b(?:pay[ée]s?|support[ée]s?|pris\w* en charge|financ[ée]s?|"
        r"rembours[ée]s?|r[ée]gl[ée]s?|"
        r"assum[ée]s?|couverts?)\s+(?:\w+\s+)?par (?:l'employeur|l'entreprise|nous|la soci[ée]t[ée]|"
        r"l'armement|le domaine|l'exploitation|le client|l'[ée]tat|la famille)\b|"
        r"\b(?:sont|seront|est|sera) (?:int[ée]gralement |enti[èe]rement )?"
        r"(?:rembours[ée]e?s?|pris en charge|offerte?s?)\b(?![^.;]{0,30}\bretenue)|"
        r"\bpermis vacances[- ]travail\b|\bpvt\b|"
        r"\b(?:nous|l'employeur|l'entreprise|la soci[ée]t[ée]|l'armement|le domaine|"
        r"l'[ée]tat|l'exploitation|le client)\b[^.;]{0,20}?\b(?:pren\w+ en charge|pay\w+|financ\w+|"
        r"rembours\w+|couvr\w+|r[èe]gl\w+|assum\w+)\b|"
        # social contributions and income tax withheld at source are the law, not a fee for the job
        r"\bcotisations? sociales?\b|\bimp[ôo]ts? sur le revenu\b|\bpr[ée]lev[ée]e?s? [àa] la source\b|"
        r"\bpris\w* en "
        r"charge\b|[àa] la charge (?:exclusive |enti[èe]re |totale )?de (?:l'employeur|l'entreprise|"
        r"la soci[ée]t[ée])\b|"
        # rent paid to a landlord, and utilities in staff housing, are living costs, not fees for the job
        r"\bpay\w*\s+(?:un |le |votre )?loyer\b|\b(?:loyers?|l'eau|l'[ée]lectricit[ée]|"
        r"le chauffage|repas)\b[^.;]{0,30}?\b[àa] votre charge\b|"
        # a statement of the rule ("il est interdit de facturer des frais") or a fee stated as none
        r"\b(?:interdit|ill[ée]gal|prohib[ée])\b|\bfrais\b[^.;]{0,30}?:\s*(?:0|z[ée]ro|aucun|"
        r"n[ée]ant)\b|\bsans frais\b|\baucun frais\b",
        "work_related_charges": r"\bfourni(?:e|es|s)?\b|\bpris\w* en charge\b|\bgratuit\w*\b|\boffert\w*\b",
        "wage_deductions": r"\bcomme (?:l'autorise|le permet)\w* (?:la loi|le programme|"
        r"la convention)\b|\bconform[ée]ment (?:au|aux) (?:programme|bar[èe]me|contrat|code du travail|"
        r"r[èe]gles)\b|\bcomme le pr[ée]voi\w+ (?:la loi|le programme|la convention|le contrat|le code)\b|"
        r"\bselon le bar[èe]me\b|\baccord [ée]crit\b|\bavec votre accord\b|\bconform[ée]ment [àa] la (?:loi|"
        r"convention)\b|\bcotisations\b|\bplafonn\w+\b|\bavantage en nature\b|\bpar [ée]crit\b|\bfacultati\w+"
        r"\b|\bsi vous le souhaitez\b|\bsans frais\b",
        # cash against a signature in the pay register, or with a payslip, is traceable pay
        "cash_or_third_party_pay": r"\bcontre (?:signature|re[çc]u|quittance)\b|"
        r"\bregistre (?:de paie|du personnel)\b|"
        r"\b(?:bulletin|fiche) de (?:paie|salaire)\b",
        # a bonus, an end-of-contract allowance or the final settlement is paid on top of pay, not pay held
        "pay_withheld_until_end": r"^(?:(?!salaire|paie|r[ée]mun[ée]ration)[^.;])*\b(?:primes?|"
        r"indemnit[ée]s?|"
        r"gratification|bonus|solde de tout compte|treizi[èe]me mois)\b(?![^.;]{0,40}\b(?:salaires?|"
        r"paies?)\b)|"
        r"\ben plus du salaire\b|"
        r"\b(?:chaque|toutes les) (?:semaines?|mois|jours?|quinzaines?)\b|"
        r"\bmensuel\w*\b|\bhebdomadaire\w*\b|\bfin de (?:chaque )?mois\b",
        "excessive_overtime": r"\bouvert 7 ?j ?/ ?7\b|\bouvert (?:7|sept) jours\b",
        # advice to the worker ("en cas d'accident, informez la police") is not a threat
        "intimidation_threats": r"\ben cas d'(?:accident|urgence|incident|agression|vol|probl[èe]me)\b|\bvous"
        r" "
        r"pouvez\b|\bn'h[ée]sitez pas\b|\b(?:informez|appelez|pr[ée]venez|contactez|signalez)\b",
        "pressure_urgency": r"\b(?:formation|session|atelier|r[ée]union)s?\b[^.;]{0,20}?\bgratuit\w*\b",
        "isolation": r"\b(?:casiers?|vestiaires?|pendant (?:le service|les heures de travail|le travail)|"
        r"hygi[èe]ne|s[ée]curit[ée] (?:alimentaire|au travail)|[àa] la pause)\b",
        "control_of_pay": r"\baid\w*\s+(?:les\s+)?(?:clients|r[ée]sidents|usagers|patients|personnes)\b"
        r"[^.;]{0,15}?\bg[ée]rer\b",
        # the employer reimbursing ("nous remboursons"), not the worker repaying ("vous nous le remboursez")
        "debt_bondage": r"\bvous (?:est|sont|sera|seront) (?:int[ée]gralement |enti[èe]rement )?(?:rembours|"
        r"rendu|restitu|vers)\w*\b|\bsur (?:pr[ée]sentation de )?justificatifs?\b|"
        r"\b(?:nous|l'employeur)\s+(?:vous\s+|les\s+|le\s+|la\s+)?(?:rembours(?:ons|e|era|"
        r"erons)|prenons en charge|prend en charge)\b|\baccord [ée]crit\b|\bavec "
        r"votre accord\b",
    }
)

_PAYROLL_DUTY = (
    "keying in advances and deductions is a payroll clerk's task, not the worker's own pay",
    r"\b(?:gestionnaire|assistant\w*|responsable|technicien\w*|comptable) (?:de )?paie\b|\b(?:saisie|gestion|"
    r"calcul|traitement|contr[ôo]le) (?:de la paie|des (?:acomptes|retenues|[ée]l[ée]ments variables|"
    r"cotisations))\b",
)

HOMONYMS = {
    # informing or advising the people the job serves is a duty ("informer les patients"), not a lie told
    # to the worker
    "deception": (
        (
            "informing the people the job serves is a duty, not deceiving the worker",
            r"\b(?:inform|conseill|orient)\w*\s+(?:les|des)\s+(?:patients|usagers|clients|r[ée]sidents|"
            r"familles|voyageurs|[ée]l[èe]ves|consommateurs)\b",
        ),
        (
            "a radar's interrogation is a signal it sends, not questioning a worker",
            r"\b(?:codes?|mode|signa\w*|radars?) (?:\w+ ){0,3}?d'interrogation\b",
        ),
    ),
    "withholding_of_wages": (_PAYROLL_DUTY,),
    "debt_bondage": (_PAYROLL_DUTY,),
    "wage_deductions": (_PAYROLL_DUTY,),
    "retention_of_identity_documents": (
        (
            "documents handled as part of the job are work papers, not the worker's own",
            r"\b(?:dossiers? (?:clients|du personnel)|archives|documents (?:techniques|douaniers|"
            r"comptables))\b",
        ),
        (
            "'garde' here is looking after someone, not keeping papers",
            r"\bgarde (?:d'enfants|de nuit|malade|partag[ée]e|[àa] domicile)\b",
        ),
    ),
    "work_related_charges": (
        (
            "banking the takings is a duty, not a deposit the worker pays",
            r"\bd[ée]p[ôo]ts? (?:bancaires?|en banque)\b|\bd[ée]poser la caisse\b",
        ),
    ),
}

RULES = LanguageRules("fr", PATTERNS, GUARDS, homonyms(HOMONYMS))

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
    r"(?:voyage|visas?|billets?|vols?|logement|frais|avances?|pr[êe]ts?|dettes?|formation|location|"
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
        + r"\b[^.;]{0,40}?\b(?:gard[ée]s?|conserv[ée]s?|retenus?|confisqu[ée]s?|remis|d[ée]pos[ée]s?)"
        r"\b[^.;]{0,30}?\b(?:par|[àa]|chez) (?:l'|le |la )?(?:employeur|agence|patron|agent|soci[ée]t[ée]|"
        r"bureau|famille)\b",
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
        r"\b(?:payer|pay[ée]s?|r[ée]gler|verser|versez|payez|r[ée]glez|s'acquitter)\b[^.;]{0,40}?(?:"
        + MONEY
        + r"|\b(?:frais|visa|inscription|dossier|commission)\b)",
        r"\b(?:[àa] (?:votre|la) charge (?:du candidat|du travailleur)?|[àa] vos frais)\b",
    )
    + patterns(
        "work_related_charges",
        r"\b(?:caution|d[ée]p[ôo]t de garantie|garantie)\b[^.;]{0,40}?(?:" + MONEY + r"|\b(?:mat[ée]riel|"
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
        r"\b(?:reste|restent) d[ûu]s?\b|\bvous (?:nous )?devez\b|\bjusqu'au remboursement\b",
        r"\bvous rembourserez\b|\brembours\w+\s+(?:le|les|votre|vos)\s+(?:voyage|billet|frais|avance|visa)\b"
        r"[^.;]{0,30}?\bsur (?:vos|votre) (?:salaires?|paies?|gains)\b",
    )
    + patterns(
        "withholding_of_wages",
        r"\b" + _PAY + r"\b[^.;]{0,40}?\b(?:retenue?s?|gard[ée]e?s?|bloqu[ée]e?s?|conserv[ée]e?s?)\b(?! sur)",
        r"\b(?:premi[èe]res?|premiers?)\s+(?:\w+\s+)?(?:semaines?|mois|jours)\s+(?:sont\s+|est\s+)?(?:non "
        r"pay[ée]e?s|non r[ée]mun[ée]r[ée]e?s|gratuite?s|sans salaire)\b",
        r"\b(?:stage|essai|p[ée]riode d'essai) non (?:pay[ée]e?|r[ée]mun[ée]r[ée]e?)\b",
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
        r"\b(?:le contrat|la fiche de paie|le bulletin)\b[^.;]{0,30}?\b(?:indique|indiquera|mentionne)\b"
        r"[^.;]{0,50}?\b(?:mais|en r[ée]alit[ée])\b",
        r"\bsalaire (?:r[ée]el|d[ée]clar[ée])\b[^.;]{0,30}?\b(?:diff[ée]rent|inf[ée]rieur|moins)\b",
        negatable=False,
    )
    + patterns(
        "money_mule",
        r"\b(?:rec(?:evoir|evrez|evez|evra|evrons|oit|ois)|r[ée]ceptionn\w+|"
        r"encaiss\w+)\b[^.;]{0,30}?\b(?:paiements|"
        r"virements|fonds|argent|ch[èe]ques|"
        r"colis)\b[^.;]{0,40}?\b(?:sur votre compte|chez vous|[àa] votre domicile)\b",
        r"\b(?:reverser|transf[ée]rer|renvoyer|r[ée]exp[ée]dier)\b[^.;]{0,30}?\b(?:[àa] nos|aux|vers nos)\s+"
        r"(?:fournisseurs|comptes|partenaires)\b",
        r"\brecharge[rz] (?:votre|le) compte\b",
    )
    + patterns(
        "cash_or_third_party_pay",
        r"\b(?:en )?esp[èe]ces\b|\bau noir\b|\bde la main [àa] la main\b",
        r"\b(?:"
        + _PAY
        + r"|pay[ée]e?s?)\b[^.;]{0,40}?\b(?:vers[ée]e?s?|pay[ée]e?s?|remise?s?)\s+(?:par|au|[àa])\s+"
        r"(?:le |l')?(?:chef d'[ée]quipe|interm[ée]diaire|passeur|agent|recruteur|patron de l'[ée]quipe)\b",
        negatable=False,
    )
    + patterns(
        "wage_deductions",
        r"\b"
        + _HOUSING
        + r"\b[^.;]{0,60}?\b(?:retenus?|d[ée]duits?|pr[ée]lev[ée]s?|retir[ée]s?|d[ée]compt[ée]s?)"
        r"\b",
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
        r"\b(?:battu\w*|frapp\w+|ch[âa]timents? corporels?)\b",
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
        r"\b(?:premier|1er)\s+mois\b[^.;]{0,25}?\b(?:n'est pas pay[ée]|non pay[ée]|non r[ée]mun[ée]r[ée]|"
        r"gratuit)\b|\bune partie du salaire\b[^.;]{0,30}?\b(?:gard[ée]e|retenue|bloqu[ée]e|conserv[ée]e)\b",
        negatable=False,
    )
)

GUARDS = guards(
    {
        "retention_of_identity_documents": r"\b(?:copie|photocopie|scan\w*)\b|\b(?:rendons|rendu\w*|"
        r"restitu\w+)\b|\bvous (?:gardez|conservez)\b|\bpapiers en r[èe]gle\b|\btitre de s[ée]jour valide\b",
        "recruitment_fees": r"\b(?:nous|l'employeur|l'entreprise|la soci[ée]t[ée]|l'armement|le domaine|"
        r"l'[ée]tat)\b[^.;]{0,20}?\b(?:pren\w+ en charge|pay\w+|financ\w+|rembours\w+|couvr\w+)\b|"
        r"\bpris\w* en "
        r"charge\b|[àa] la charge de l'employeur\b|\bsans frais\b|\baucun frais\b",
        "work_related_charges": r"\bfourni(?:e|es|s)?\b|\bpris\w* en charge\b|\bgratuit\w*\b|\boffert\w*\b",
        "wage_deductions": r"\bpar [ée]crit\b|\bfacultati\w+\b|\bsi vous le souhaitez\b|\bsans frais\b",
        "pay_withheld_until_end": r"\b(?:chaque|toutes les) (?:semaines?|mois|jours?|quinzaines?)\b|"
        r"\bmensuel\w*\b|\bhebdomadaire\w*\b|\bfin de (?:chaque )?mois\b",
        "excessive_overtime": r"\bouvert 7 ?j ?/ ?7\b|\bouvert (?:7|sept) jours\b",
        "control_of_pay": r"\baid\w*\s+(?:les\s+)?(?:clients|r[ée]sidents|usagers|patients|personnes)\b"
        r"[^.;]{0,15}?\bg[ée]rer\b",
        "debt_bondage": r"\b(?:nous|l'employeur)\b[^.;]{0,15}?\brembours\w+\b",
    }
)

HOMONYMS = {
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

"""Hand-written, synthetic profiles written wholly in the person's own language (no real person).

Same fields as ``text_people_mcr.PEOPLE``, grouped by locality. They are numbered after the
locality's other people and drawn with their own random stream, so adding them changed no other
record. The README gives an English gloss of each.
"""

from __future__ import annotations

from typing import Any

PEOPLE: dict[str, list[dict[str, Any]]] = {
    "manchester": [
        dict(
            pseudo="Lucía R.",
            area="moss_side",
            skills="Costurera, cinco años en un taller de confección en Medellín: máquina plana, "
            "fileteadora, arreglos y patronaje básico. También cuidé a mi abuela enferma dos años.",
            work="costurera, taller de confección en Medellín, 5 años;cuidadora, casa de mi abuela, 2 años",
            interests="Quiero trabajar en arreglos de ropa o en un taller de costura. Más adelante me "
            "gustaría tener mi propio negocio de arreglos.",
            langs="Spanish",
            dist=12,
            hours=(16, 30),
            avail="weekdays;mornings;afternoons",
            cons="Tengo clases de inglés los miércoles por la tarde.",
            excl="cleaning;night shifts",
            pay=(12.71, "hour"),
            g="female",
            nat="Colombian",
            by=1988,
            hist="Recruited for a hotel job in Spain; made to work in a garment workshop without pay.",
        ),
        dict(
            pseudo="Aminata D.",
            area="cheetham_hill",
            skills="J'ai travaillé trois ans comme aide-soignante dans une maison de retraite à Abidjan : "
            "toilette, repas, accompagnement des personnes âgées. Je sais aussi cuisiner pour beaucoup "
            "de monde.",
            work="aide-soignante, maison de retraite à Abidjan, 3 ans;cuisinière, maquis à Yopougon, 2 ans",
            interests="Je voudrais travailler comme aide à domicile ou dans une maison de retraite ici, et "
            "passer un diplôme d'aide-soignante.",
            langs="French;Dioula",
            dist=15,
            hours=(25, 40),
            avail="weekdays;weekends;mornings;afternoons",
            cons="Pas de travail de nuit, je dois récupérer mon fils à l'école à 15 h 30.",
            excl="night shifts;live-in",
            pay=(12.71, "hour"),
            g="female",
            nat="Ivorian",
            by=1990,
            hist="Promised a care job in France; held in domestic servitude in London for two years.",
        ),
    ],
    "kathmandu": [
        dict(
            pseudo="Sunita M.",
            area="kirtipur",
            skills="मैले कतारको एउटा होटलमा तीन वर्ष भान्सा सहयोगीको काम गरें। तरकारी काट्ने, भाँडा माझ्ने र "
            "खाना पकाउन सघाउने काम गर्थें। म सिलाइ पनि जान्दछु।",
            work="भान्सा सहयोगी, दोहाको होटल, ३ वर्ष;सिलाइ, घरमै, २ वर्ष",
            interests="म काठमाडौंको होटल वा रेस्टुरेन्टमा कुक बन्न चाहन्छु। पछि आफ्नै खाजा पसल खोल्ने सपना छ।",
            langs="Nepali",
            dist=12,
            hours=(30, 48),
            avail="weekdays;weekends;mornings;afternoons",
            cons="",
            excl="going abroad",
            pay=(18000, "month"),
            g="female",
            nat="Nepali",
            by=1994,
            hist="Sent to Qatar by an unlicensed agent; wages withheld and passport kept for three years.",
        ),
    ],
    "addis-ababa": [
        dict(
            pseudo="Hiwot G.",
            area="gulele",
            skills="በሊባኖስ ለአራት ዓመት የቤት ሰራተኛ ሆኜ ሰርቻለሁ። ምግብ ማብሰል፣ ልብስ ማጠብና ሕፃናትን መንከባከብ እችላለሁ። ቡና በማፍላት ጥሩ ነኝ።",
            work="የቤት ሰራተኛ, ቤይሩት, 4 ዓመት;ቡና አፍይ, ካፌ በጉለሌ, 1 ዓመት",
            interests="በካፌ ወይም በሆቴል ውስጥ ባሪስታ ወይም አስተናጋጅ መሆን እፈልጋለሁ። የቤት ሰራተኛ መሆን አልፈልግም።",
            langs="Amharic;Arabic",
            dist=10,
            hours=(35, 48),
            avail="weekdays;weekends;mornings;afternoons",
            cons="",
            excl="housemaid;going abroad",
            pay=(5000, "month"),
            g="female",
            nat="Ethiopian",
            by=1997,
            hist="Domestic worker in Lebanon under the kafala system; left without pay after four years.",
        ),
    ],
}

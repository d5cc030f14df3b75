"""Spanish screening rules: the English concepts, as adverts in Spain and Latin America word them.

Written from the indicator definitions, not from any evaluation advert; see :mod:`matcher.screening.rules.en`.
"""

from __future__ import annotations

from matcher.screening.rules.base import MONEY, LanguageRules, guards, homonyms, patterns

_DOC = (
    r"(?:pasaportes?|documentos? de identidad|dni|nie|c[ée]dulas?|tarjetas? de residencia|permisos? de "
    r"(?:trabajo|residencia)|t[íi]tulos?(?: universitarios?)?|papeles|documentaci[óo]n|(?:tus|sus|los) "
    r"documentos)"
)
_KEEP = (
    r"(?:retiene|retienen|retenemos|retendr[áa]|retener|guarda|guardamos|guardar[áa]?|custodia|custodiamos|"
    r"custodiar|se queda con|nos quedamos con|quedarnos con|recogemos|conserva|conservamos|conservar[áa]?)"
)
_PAY = r"(?:sueldos?|salarios?|pagas?|n[óo]minas?|ganancias|jornal(?:es)?|remuneraci[óo]n|cobros?)"
_WAGES = (
    r"(?:sueldos?|salarios?|pagas?|n[óo]minas?|ganancias|jornal(?:es)?|trabajo|(?:primer|primeros|"
    r"primeras)\s+"
    r"(?:\w+\s+)?(?:sueldos?|salarios?|pagas|meses|n[óo]minas))"
)
_COST = (
    r"(?:pasajes?|billetes?|viajes?|vuelos?|visados?|visas?|gastos|costes?|costos?|tr[áa]mites?|adelantos?|"
    r"anticipos?|pr[ée]stamos?|deudas?|formaci[óo]n|curso|equipo|material)"
)
_RECOVER = (
    r"(?:se descuenta\w*|descontad\w+|descontar\w*|vas descontando|lo descuentas|se cobra\w*|se devuelve\w*|"
    r"devolver\w*|devuelves|se paga\w* con|reembols\w+|se recupera\w*|se resta\w*|a devolver)"
)
_HOUSING = (
    r"(?:alojamiento|habitaci[óo]n|cama|alquiler|comida|manutenci[óo]n|transporte|viaje|furgoneta|"
    r"autob[úu]s|uniformes?|herramientas|multas?|luz|agua)"
)

PATTERNS = tuple(
    patterns(
        "retention_of_identity_documents",
        r"\b" + _KEEP + r"\b[^.;]{0,40}?\b" + _DOC + r"\b",
        r"\b"
        + _DOC
        + r"\b[^.;]{0,40}?\b(?:se (?:quedan?|guardan?|retienen?) (?:con|en)|quedan? (?:en manos|con)|"
        r"(?:retenid|guardad|custodiad|recogid)[oa]s?)\b",
        r"\b(?:entrega|entregas|entregar|dejar|dejas|deja)\b[^.;]{0,20}?\b(?:tu|el|su)\s+" + _DOC + r"\b"
        r"[^.;]{0,20}?\b(?:a la (?:agencia|empresa|familia)|al (?:patr[óo]n|jefe|agente|empleador)|"
        r"a m[íi])\b",
        r"\b(?:se encarga\w*|nos encargamos)\s+de\s+(?:(?:tu|el|la)\s+)?" + _DOC + r"\b",
    )
    + patterns(
        "upfront_id_or_bank",
        r"\b(?:env[íi]a\w*|manda\w*|m[áa]ndanos|facilita\w*)\b[^.;]{0,40}?\b(?:pasaporte|dni|nie|cuenta "
        r"bancaria|tarjeta|pin|contraseña|clave)\b",
    )
    + patterns(
        "recruitment_fees",
        r"\b(?:cuota|tasa|tarifa|comisi[óo]n|pago|coste|costo|precio|"
        r"matr[íi]cula)s?\s+(?:de\s+)?(?:inscripci[óo]n|"
        r"colocaci[óo]n|gesti[óo]n|tramitaci[óo]n|visado|visa|reclutamiento|selecci[óo]n|agencia|reserva|"
        r"contrataci[óo]n|intermediaci[óo]n)\b",
        r"\b(?:pagar|pagas|paga|abonar|abonas|aportar|aportas|ingresar|ingresas|debes pagar|tienes que pagar|"
        r"hay que pagar)\b[^.;]{0,40}?(?:" + MONEY + r"|\b(?:cuota|tasa|comisi[óo]n|matr[íi]cula|visado|"
        r"inscripci[óo]n|tr[áa]mites?)\b)",
        r"\b(?:curso|formaci[óo]n|reconocimiento m[ée]dico|examen|book|fotos|material|kit|uniforme)\b"
        r"[^.;]{0,40}?\(\s*" + MONEY + r"\s*\)",
    )
    + patterns(
        "work_related_charges",
        r"\b(?:fianza|dep[óo]sito|garant[íi]a)\b[^.;]{0,40}?(?:" + MONEY + r"|\b(?:material|equipo|uniforme|"
        r"herramientas|bici\w*|moto|furgoneta|lote)\b)",
        r"(?:" + MONEY + r")[^.;]{0,10}?\bde (?:fianza|dep[óo]sito)\b",
        r"\b(?:curso|formaci[óo]n|reconocimiento|examen)\b[^.;]{0,20}?\bobligatori[oa]\b[^.;]{0,30}?" + MONEY,
        r"\b(?:en|con) nuestr[oa] (?:cl[íi]nica|academia|escuela|fot[óo]grafo|proveedor|tienda)\b",
        r"\bcompr\w+\s+(?:tu|el|un|una|los|tus)\s+(?:kit|material|uniformes?|equipo|herramientas|stock|"
        r"lote)\b[^.;]{0,40}?" + MONEY,
    )
    + patterns(
        "debt_bondage",
        r"\b" + _COST + r"\b[^.;]{0,60}?\b" + _RECOVER + r"\b[^.;]{0,25}?\b(?:de|del|de tu|de los|de tus|de "
        r"sus|con (?:tu|el|los))?\s*" + _WAGES + r"\b",
        r"\blo vas descontando\b|\bme (?:lo )?(?:devuelves|pagas) (?:poco a poco|despu[ée]s|cuando)\b",
        r"\bhasta (?:pagar|saldar|devolver|liquidar) (?:la|tu|toda la) deuda\b|\b(?:nos|me|le) debes\b",
        r"\bsi (?:te vas|dejas|abandonas|renuncias)\b[^.;]{0,60}?\b(?:pagar|devolver|reembolsar|"
        r"penalizaci[óo]n|" + MONEY + r")",
        r"\bsi (?:la|lo) (?:rompes|pierdes),? (?:la|lo) pagas\b",
        r"\b(?:lo|los|la|las) vas pagando\b|\bpagando con (?:tu|el) trabajo\b",
    )
    + patterns(
        "withholding_of_wages",
        r"\b" + _PAY + r"\b[^.;]{0,40}?\b(?:retenid[oa]s?|guardad[oa]s?|se retiene\w*|se guarda\w*)\b",
        r"\b(?:primer|primeros|primera|primeras)\s+(?:\w+\s+)?(?:semanas?|mes(?:es)?|d[íi]as)\s+(?:son\s+|"
        r"es\s+)?"
        r"(?:sin (?:cobrar|sueldo|pago)|gratis|no se pagan?)\b",
        r"\bpr[áa]cticas (?:no remuneradas|sin sueldo|gratis)\b|\bsin cobrar\b",
    )
    + patterns(
        "pay_withheld_until_end",
        r"\b(?:se paga|se cobra|pagamos|cobras|cobrar[áa]s|el pago|"
        + _PAY
        + r")\b[^.;]{0,40}?\b(?:todo junto|al "
        r"final|al terminar|al acabar|a final de|cuando termin\w+|al volver|a la vuelta)\b",
        r"\b"
        + _PAY
        + r"\b[^.;]{0,30}?\bhasta (?:alcanzar|llegar a|cumplir|completar)\b[^.;]{0,20}?\b(?:objetivo|"
        r"meta|cuota|periodo de prueba)\b",
    )
    + patterns(
        "control_of_pay",
        r"\b(?:nos quedamos con|guardamos|gestionamos|controlamos|manejamos|nos encargamos de|"
        r"administramos)\b"
        r"[^.;]{0,15}?\b(?:tu|su|la|las|tus|sus)\s+(?:tarjetas?|cuentas?(?: bancarias?)?|sueldos?|salarios?|"
        r"dinero|pin|ganancias|ayudas)\b",
    )
    + patterns(
        "pay_differs_from_contract",
        r"\b(?:en el|seg[úu]n el) contrato (?:pone|dice|figura|aparece)\b[^.;]{0,50}?\b(?:pero|aunque|"
        r"en realidad)\b",
        r"\b(?:sueldo|salario) (?:real|verdadero)\b|\bfirmar\w* (?:una )?n[óo]mina (?:por|de) m[áa]s\b",
        negatable=False,
    )
    + patterns(
        "money_mule",
        r"\b(?:recibir|recibes|recibir[áa]s|cobrar)\b[^.;]{0,30}?\b(?:pagos|transferencias|dinero|fondos|"
        r"ingresos)\b[^.;]{0,40}?\b(?:en|a)\s+(?:tu|su)\s+cuenta\b",
        r"\b(?:transferir\w*|reenviar\w*|enviar\w*|reenv[íi]as)\b[^.;]{0,30}?\ba (?:nuestros|los|una|otra)\s+"
        r"(?:proveedores|cuentas?|monederos?)\b",
        r"\brecarga\w* (?:tu|la) cuenta\b|\bpagas? en (?:usdt|cripto\w*|bitcoin)\b",
    )
    + patterns(
        "cash_or_third_party_pay",
        r"\b(?:en|pago en) (?:efectivo|negro|mano)\b|\bsin n[óo]mina\b",
        r"\b" + _PAY + r"\b[^.;]{0,30}?\b(?:se (?:paga|entrega)|va)\b[^.;]{0,15}?\bal (?:encargado|capataz|"
        r"intermediario|agente|jefe de cuadrilla)\b",
        negatable=False,
    )
    + patterns(
        "wage_deductions",
        r"\b"
        + _HOUSING
        + r"\b[^.;]{0,60}?\b(?:se descuenta\w*|descontad\w+|se resta\w*|se quita\w*|se cobra\w*|"
        r"sale\w* del sueldo)\b",
        r"\b(?:descontamos|descuento de|se te descuenta\w*)\b[^.;]{0,40}?\b" + _HOUSING + r"\b",
    )
    + patterns(
        "no_written_contract",
        r"\bsin contrato\b|\bcontrato (?:al llegar|cuando llegues|a la llegada|en destino|verbal)\b|"
        r"\bde palabra\b",
        negatable=False,
    )
    + patterns(
        "pressure_urgency",
        r"\b(?:solo|[úu]ltimas?) (?:quedan )?(?:\d+|dos|tres|pocas) plazas\b|\bplazas limitadas\b|"
        r"\bdecide (?:hoy|ya)\b|\b(?:no se lo digas|no (?:lo )?cuentes) a\b",
        negatable=False,
    )
    + patterns(
        "too_good_to_be_true",
        r"\bgana\w*\b[^.;]{0,40}?\b(?:sin experiencia|desde casa|f[áa]cil)\b|\bdinero f[áa]cil\b|\bingresos "
        r"garantizados\b",
        negatable=False,
    )
    + patterns(
        "no_papers_needed",
        r"\b(?:no (?:hace falta|se necesita|necesitas|pedimos|importa|hacen falta)|"
        r"sin)\s+(?:los\s+)?(?:papeles|"
        r"nie|nif|permiso de (?:trabajo|residencia)|documentos|visado|papeles en regla|seguridad social)\b",
        r"\b(?:alquil\w+|prest\w+|te dejo)\s+(?:una |mi |la |tu )?cuentas?\b|\bcuenta de (?:reparto|"
        r"repartidor|"
        r"conductor)\b",
        r"\b(?:aunque|si|incluso si)\s+no\s+(?:tienes|tengas|tiene|tenga)\s+(?:los\s+)?papeles\b",
        negatable=False,
    )
    + patterns(
        "deception",
        r"\bvisa(?:do)? de turista\b|\b(?:te |les )?(?:arreglamos|arreglaremos|arreglan|regularizamos)\b"
        r"[^.;]{0,15}?\b(?:los )?papeles\b|\bpapeles\b[^.;]{0,20}?\b(?:despu[ée]s|luego|all[íi])\b",
        r"\b(?:empleo|trabajo|puesto|colocaci[óo]n|contrato)s? garantizad[oa]s?\b",
        r"\bel trabajo (?:real|verdadero)\b",
        r"\b(?:trabajo|puesto|funciones|empleador|empresa|sueldo|salario)\b[^.;]{0,30}?\b(?:se (?:explica|"
        r"dice|"
        r"decide|concreta)\w*|te (?:lo |la )?(?:explicamos|decimos|diremos|contamos))\b[^.;]{0,15}?"
        r"\b(?:al llegar|cuando llegues|a la llegada|una vez all[íi])\b",
        negatable=False,
    )
    + patterns(
        "abuse_of_vulnerability",
        r"\b(?:sin papeles|indocumentad[oa]s?|situaci[óo]n irregular)\b[^.;]{0,30}?\b(?:bienvenid|preferibl|"
        r"sin problema)\w*",
        r"\b(?:desesperad[oa]s?|no tienes otra opci[óo]n)\b",
        negatable=False,
    )
    + patterns(
        "restriction_of_movement",
        r"\bno (?:se puede|puedes|podr[áa]s|est[áa] permitido) salir\b|\bprohibido salir\b|\bsin salir\b|"
        r"\bsalidas? (?:solo|[úu]nicamente|permitidas?|controladas?)\b|\btoque de queda\b",
        r"\b(?:puertas?|port[óo]n|verjas?)\b[^.;]{0,25}?\b(?:cerrad[oa]s? con llave|se cierran? con llave)\b|"
        r"\bsalidas? acompañad[oa]s?\b|\b(?:necesitas|hace falta|"
        r"se necesita)\b[^.;]{0,15}?\bpermiso\b[^.;]{0,25}?"
        r"\bpara salir\b",
        r"\bno se permite salir\b",
        negatable=False,
    )
    + patterns(
        "isolation",
        r"\b(?:sin|no se permiten?|prohibido)\s+(?:el\s+)?(?:m[óo]vil|celular|tel[ée]fono|internet)\b|"
        r"\b(?:m[óo]viles|celulares|tel[ée]fonos)\b[^.;]{0,20}?\b(?:requisad|retenid|guardad|recogid|se "
        r"(?:recogen|retienen|guardan|quitan|requisan))\w*",
        r"\b(?:recogemos|retenemos|guardamos|quitamos|requisamos)\s+(?:los|tus|el|tu)\s+(?:m[óo]viles|"
        r"m[óo]vil|"
        r"celulares?|tel[ée]fonos?)\b",
        # second wordings of the same concepts
        r"\bsin (?:cobertura|internet|wifi|se[ñn]al)\b|\bno se permiten visitas\b|\bsin visitas\b|"
        r"\bllamadas?\b[^.;]{0,30}?\b(?:solo|[úu]nicamente)\b",
        negatable=False,
    )
    + patterns(
        "physical_sexual_violence",
        r"\b(?:chicas|señoritas|mujeres|j[óo]venes)\b[^.;]{0,30}?\b(?:guapas|atractivas|bonitas|de buena "
        r"presencia|liberales|sin prejuicios|de mente abierta)\b",
        r"\b(?:acompañar|alternar|tomar copas|beber)\b[^.;]{0,15}?\bcon (?:los )?(?:clientes|caballeros|"
        r"señores)\b|\btrabajo privado\b|\bservicios (?:especiales|privados)\b|\bfotos de cuerpo entero\b",
        r"\b(?:golpe\w+|castigos? f[íi]sicos?|palizas?)\b",
    )
    + patterns(
        "intimidation_threats",
        r"\b(?:denunci\w+|avisa\w*|llama\w*|inform\w+)\b[^.;]{0,30}?\b(?:polic[íi]a|extranjer[íi]a|"
        r"inmigraci[óo]n|"
        r"migraci[óo]n|autoridades)\b",
        r"\b(?:deportad[oa]s?|lista negra)\b",
        r"\bsi (?:te quejas|reclamas|te vas|denuncias)\b[^.;]{0,50}?\b(?:pierdes|perder[áa]s|te quitamos|"
        r"denunciamos|avisamos)\b",
    )
    + patterns(
        "excessive_overtime",
        r"\bsin (?:descanso|d[íi]as? libres?|librar)\b|\bno (?:hay|tienes) (?:descanso|d[íi]as? libres?)\b|"
        r"\bde lunes a domingo\b|\b(?:trabaj\w+|jornadas?|se trabaja)\b[^.;]{0,20}?\btodos los d[íi]as\b",
        r"\bdisponibilidad (?:completa|total|absoluta|24)\b[^.;]{0,40}?\b(?:fines de semana|noches?|"
        r"festivos)\b",
        r"\bhoras extras? (?:incluidas|obligatorias|sin pagar|no pagadas|no remuneradas|gratis)\b",
        r"\bde sol a sol\b|\bturnos dobles\b|\bsin horario(?: fijo)?\b|\blo que haga falta\b",
        r"\bsin d[íi]as? de descanso\b",
        negatable=False,
    )
    + patterns(
        "abusive_conditions",
        r"\b(?:dorm\w+|alojamiento|habitaci[óo]n|camas?)\b[^.;]{0,30}?\b(?:en el suelo|en colchones|en (?:la|"
        r"una) "
        r"nave|en el almac[ée]n|en (?:un|el) contenedor|en el coche|en la furgoneta|en el taller)\b",
        r"\b(?:sin|no hay) (?:agua|luz|baño|ducha|equipo de protecci[óo]n)\b",
        r"\b(?:[89]|1\d|2\d|ocho|nueve|diez|doce|quince|veinte)\s+personas\s+(?:por|en (?:una|cada))\s+"
        r"habitaci[óo]n\b",
        negatable=False,
    )
    + patterns(
        "withholding_of_wages",
        r"\b(?:primer|1er)\s+mes\b[^.;]{0,25}?\bno se (?:cobra|paga)\b|\bparte del (?:sueldo|salario)\b"
        r"[^.;]{0,30}?\b(?:se guarda|se retiene|guardamos|retenemos|hasta (?:el final|que termines))\b",
        negatable=False,
    )
)

GUARDS = guards(
    {
        "retention_of_identity_documents": r"\b(?:copia|fotocopia|escane\w+)\b|\bte (?:lo|la|los|las) "
        r"devolvemos\b|\bsiempre (?:contigo|en tu poder)\b|\btus? propi[oa]s?\b|\bpapeles en regla\b",
        "recruitment_fees": r"\b(?:la empresa|nosotros|el empleador|la familia|el armador)\b[^.;]{0,20}?\b"
        r"(?:paga|pagamos|cubre|cubrimos|asume|asumimos|corre con)\b|\ba cargo de la empresa\b|\bcorren? a "
        r"cargo\b|\b(?:la|lo|los|las) pagamos nosotros\b|\bsin coste\b|\breembolsamos\b|\bno (?:cobramos|se "
        r"cobra)\b",
        "work_related_charges": r"\b(?:la empresa|nosotros)\b[^.;]{0,20}?\b(?:paga|pagamos|pone|ponemos)\b|"
        r"\ba cargo de la empresa\b|\bcorren? a cargo\b|\bgratis\b",
        "wage_deductions": r"\bno se descuenta\b|\bpor escrito\b|\bopcional\b|\bsi (?:lo )?quieres\b",
        "pay_withheld_until_end": r"\b(?:cada|todas las) (?:semanas?|mes(?:es)?|d[íi]as?|quincenas?)\b|"
        r"\bmensual\w*\b|\bsemanal\w*\b|\bfinal de (?:cada )?mes\b",
        "excessive_overtime": r"\babierto (?:todos los d[íi]as|de lunes a domingo)\b|\bhorario de apertura\b|"
        r"\bd[íi]as? libres?\b|\bdescanso semanal\b|\bturnos rotativos\b",
        "control_of_pay": r"\bayud\w*\s+(?:a\s+)?(?:los\s+)?(?:clientes|residentes|usuarios|pacientes|"
        r"personas)\b[^.;]{0,15}?\b(?:gestionar|administrar)\b",
    }
)

HOMONYMS = {
    "retention_of_identity_documents": (
        (
            "documents handled as part of the job are work papers, not the worker's own",
            r"\b(?:expedientes|archivo|documentaci[óo]n (?:de (?:los )?clientes|t[ée]cnica|aduanera))\b",
        ),
    ),
    "work_related_charges": (
        (
            "banking the takings is a duty, not a deposit the worker pays",
            r"\bdep[óo]sitos? bancarios?\b|\bingres\w+ (?:la caja|el efectivo) en el banco\b",
        ),
    ),
}

RULES = LanguageRules("es", PATTERNS, GUARDS, homonyms(HOMONYMS))

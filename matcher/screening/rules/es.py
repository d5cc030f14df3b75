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
    r"(?:sueldos?|salarios?|pagas?|n[óo]minas?|ganancias|jornal(?:es)?|trabajo|cheques?|(?:primer|primeros|"
    r"primeras)\s+"
    r"(?:\w+\s+)?(?:sueldos?|salarios?|pagas|pagos|meses|n[óo]minas))"
)
_COST = (
    r"(?:pasajes?|billetes?|boletos?|viajes?|vuelos?|transporte|traslados?|desplazamientos?|visados?|"
    r"visas?|gastos|cos"
    r"tes?|costos?|tr[áa]mites?|adelantos?|"
    r"anticipos?|pr[ée]stamos?|deudas?|formaci[óo]n|curso|equipo|material)"
)
_RECOVER = (
    r"(?:se (?:te |le |les |os )?(?:descuenta|cobra|devuelve|recupera|resta)\w*|descontad\w+|descontar\w*|"
    r"\w*descontando|lo descuentas|devolver\w*|devuelves|se paga\w* con|reembols\w+|a devolver)"
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
        # the worker pays: not "se paga un salario" (is paid), nor "14 pagas de 1.000 €" (pay instalments),
        # nor commission the worker earns ("salario fijo más comisión")
        r"\b(?:pagar|(?<!\d )(?<!catorce )(?<!doce )(?<!dos )pagas|"
        r"(?<!se )(?<!te )(?<!les )(?<!os )paga|abonar|"
        r"abonas|aportar|aportas|ingresar|ingresas|debes pagar|tienes que pagar|"
        r"hay que pagar)\b[^.;]{0,40}?(?:"
        + MONEY
        + r"|\b(?:cuota|tasa|matr[íi]cula|visado|inscripci[óo]n|tr[áa]mites?)\b)",
        r"\b(?:pagar|pagas|abonar|abonas|debes pagar|tienes que pagar|hay que pagar)\b[^.;]{0,20}?\b(?:una |"
        r"la |un )?comisi[óo]n\b",
        r"\b(?:curso|formaci[óo]n|reconocimiento m[ée]dico|examen|book|fotos|material|kit|uniforme)\b"
        r"[^.;]{0,40}?\(\s*" + MONEY + r"\s*\)",
    )
    + patterns(
        "work_related_charges",
        # "garantía" alone is a warranty or a guaranteed minimum: only a guarantee the worker leaves counts
        r"\b(?:dejar|dejas|depositar|depositas|pagar|pagas|entregar|entregas|abonar|"
        r"abonas)\b[^.;]{0,15}?\b(?:una |"
        r"la )?garant[íi]a\b",
        r"\b(?:fianza|dep[óo]sito)\b[^.;]{0,40}?(?:" + MONEY + r"|\b(?:material|equipo|uniforme|"
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
        r"\b(?:en el|seg[úu]n el|el) (?:contrato|n[óo]mina|papeles)\b[^.;]{0,10}?\b(?:pone|pondr[áa]|dice|"
        r"dir[áa]|figura|figurar[áa]|aparece|aparecer[áa]|indica|indicar[áa])\b[^.;]{0,50}?\b(?:pero|aunque|"
        r"en realidad)\b",
        r"\b(?:sueldo|salario) (?:real|verdadero)\b|\bfirmar\w* (?:una )?n[óo]mina (?:por|de) m[áa]s\b",
        negatable=False,
    )
    + patterns(
        "money_mule",
        r"\b(?:recib\w*|cobrar)\b[^.;]{0,30}?\b(?:pagos|transferencias|dinero|fondos|"
        r"ingresos)\b[^.;]{0,40}?\b(?:en|a)\s+(?:tu|su)\s+cuenta\b",
        r"\b(?:transferir\w*|reenviar\w*|enviar\w*|reenv[íi]as)\b[^.;]{0,30}?\ba (?:nuestros|los|una|otra)\s+"
        r"(?:proveedores|cuentas?|monederos?)\b",
        r"\brecarga\w* (?:tu|la) cuenta\b|\bpagas? en (?:usdt|cripto\w*|bitcoin)\b",
    )
    + patterns(
        "cash_or_third_party_pay",
        # pay said to be in cash, not cash in transit or a delivery "en mano"
        r"\bpagos? en (?:efectivo|negro|mano)\b|\ben negro\b|\b(?:pag\w+|cobr\w+|abon\w+|salarios?|sueldos?|"
        r"jornal(?:es)?|n[óo]minas?)\b[^.;]{0,30}?\ben (?:efectivo|mano)\b|(?:"
        + MONEY
        + r")[^.;]{0,20}?\ben "
        r"(?:efectivo|mano)\b|\bsin n[óo]mina\b",
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

#: Someone other than the worker: an agency, a boss, a go-between.
_THIRD = (
    r"(?:agencia|agente|encargad[oa]|jef[ea]|intermediari[oa]|capataz|mayoral|manijero|empresa|patr[óo]n|"
    r"reclutador[a]?|"
    r"responsable|nosotros)"
)

# Parity with the English rules: each concept of ``en.py`` in the wordings Spanish adverts use for it
# (written from the indicator definitions and how Spanish job adverts and scams are phrased).
PATTERNS += tuple(
    patterns(
        "recruitment_fees",
        # the job offer, visa, permit or place itself has a price for the worker
        r"\b(?:oferta(?: de (?:trabajo|empleo))?|carta de oferta|contrato|puesto|plaza|visados?|visas?|"
        r"permiso de trabajo|tr[áa]mites?|tramitaci[óo]n|inscripci[óo]n|colocaci[óo]n|reserva)\b[^.;]{0,40}?"
        r"\b(?:cuesta|cuestan|tiene un (?:coste|costo|precio)|coste|costo|precio|vale)\b[^.;]{0,15}?" + MONEY,
        r"\b(?:gastos|costes?|costos?|tasas?|tr[áa]mites)\b[^.;]{0,50}?\b(?:corren? (?:por cuenta|a cargo) "
        r"del? (?:trabajador|candidat[oa]|aspirante|interesad[oa])|(?:a|por) (?:tu|su) cuenta|"
        r"los pagas t[úu]|"
        r"a cargo del (?:trabajador|candidat[oa]))",
        r"\b(?:el|la|los|las|cada)\s+(?:trabajador|candidat|aspirante|interesad|seleccionad)\w*\s+(?:paga|"
        r"pagan|asume|asumen|abona|abonan|cubre|cubren|costea|costean|corre con|aporta|aportan)\b[^.;]{0,40}?"
        r"(?:\b(?:visad|visa|permiso|billete|pasaje|vuelo|tr[áa]mite|gesti[óo]n|gastos|coste|costo|cuota|"
        r"tasa|comisi[óo]n|inscripci[óo]n|colocaci[óo]n)\w*|" + MONEY + r")",
        r"\b(?:pago|cuota|matr[íi]cula)\s+(?:[úu]nic[oa]\s+)?(?:de\s+)?(?:inscripci[óo]n|alta|registro|"
        r"acceso|entrada)\b",
        r"\bcomisi[óo]n\b[^.;]{0,40}?\b(?:de tu|del|de su)\s+primer\w*\s+(?:sueldo|salario|n[óo]mina)\b",
        r"\breserva\w*\s+(?:tu|su|la)\s+plaza\b[^.;]{0,30}?(?:\bpago\b|\babon\w+|\bpag\w+|\bse[ñn]al\b|"
        + MONEY
        + r")",
        r"\bpag\w*\b[^.;]{0,25}?\bpor (?:la|el|una|un) (?:oferta|puesto|plaza|contrato|trabajo|empleo|"
        r"colocaci[óo]n|visado|carta)\b",
        r"\b(?:porcentaje|parte)\s+de\s+(?:tu|su|los)\s+" + _PAY + r"\b[^.;]{0,30}?\bpara (?:la )?(?:agencia|"
        r"el agente|el intermediario)\b",
    )
    + patterns(
        "work_related_charges",
        r"\b(?:pagar|pagas|comprar|compras|costear|costeas)\b[^.;]{0,15}?\b(?:tu|el|su|los|"
        r"tus)\s+(?:propi[oa]s?"
        r"\s+)?(?:material|uniformes?|equipo|herramientas|kit|ropa de trabajo|epis?|botas)\b[^.;]{0,40}?"
        r"(?:\b(?:a la empresa|a la agencia|a nosotros|en nuestra|de la empresa|a la tienda de la empresa)\b|"
        + MONEY
        + r")",
        r"\b(?:curso|formaci[óo]n|uniforme|material|kit|book|fotos)\b[^.;]{0,30}?\b(?:(?:lo |la |los )?"
        r"pagas t[úu]|a tu cargo|corre(?:n)? de tu cuenta|por tu cuenta)\b",
    )
    + patterns(
        "debt_bondage",
        r"\b(?:te |les |os )?(?:adelantamos|prestamos|anticipamos|financiamos|adelanta|presta|financia|"
        r"adelantan|prestan)\b[^.;]{0,60}?\b(?:devuelves|devolver\w*|descont\w+|reembols\w+|lo pagas|"
        r"pagas despu[ée]s|trabajando|recuper\w+|con (?:tu|el) (?:sueldo|trabajo))\b",
        r"\b(?:saldar|pagar|devolver|liquidar|cubrir)\s+(?:lo que (?:nos |le |les )?(?:debes|debe|deben)|"
        r"la deuda|tu deuda)\b|\blo que (?:nos |le )?(?:debes|deben)\b",
        r"\b(?:deuda|anticipo|adelanto|pr[ée]stamo)\b[^.;]{0,40}?\b(?:con (?:tu|su) trabajo|trabajando|"
        r"de (?:tu|"
        r"su) (?:sueldo|salario|n[óo]mina)|se descuenta\w*)\b",
    )
    + patterns(
        "pay_withheld_until_end",
        r"\b(?:se entrega|se paga|se abona|se liquida|cobras|cobrar[áa]s|pagamos|pagaremos|abonamos|"
        + _PAY
        + r")\b[^.;]{0,40}?\b(?:al (?:finalizar|t[ée]rmino|concluir|cierre)|a fin de (?:temporada|campaña|"
        r"contrato|obra)|en un (?:solo|[úu]nico) pago|de una (?:sola )?vez)\b",
        r"\b(?:cobr\w+|pag\w+|" + _PAY + r")\b[^.;]{0,20}?\b(?:al|tras|despu[ée]s de|cuando)\s+(?:alcanzar|"
        r"cumplir|llegar a|superar|alcances|cumplas|llegues a)\b[^.;]{0,20}?\b(?:objetivo|meta|cuota|"
        r"m[íi]nimo)",
    )
    + patterns(
        "withholding_of_wages",
        r"\bte (?:pagamos|pagaremos|pago|pagan)\b[^.;]{0,15}?\bcuando (?:el cliente|nos paguen|cobremos|nos "
        r"pague|la empresa cobre)\b",
        r"\b(?:retenemos|retiene|guardamos|nos quedamos con)\b[^.;]{0,30}?\b(?:primer|un|una|dos|\d)\b"
        r"[^.;]{0,10}?\b(?:mes(?:es)?|semanas?|quincena)\b[^.;]{0,5}?\bde (?:sueldo|salario|paga)\b",
        r"\b" + _PAY + r"\b[^.;]{0,30}?\bcomo (?:garant[íi]a|fianza|dep[óo]sito)\b",
        r"\b"
        + _PAY
        + r"\b[^.;]{0,25}?\b(?:cada|una vez cada) (?:dos|tres|cuatro|seis|[2-9]) meses\b|\b"
        + _PAY
        + r"\b[^.;]{0,20}?\btrimestral\w*\b",
    )
    + patterns(
        "control_of_pay",
        r"\b" + _THIRD + r"\s+(?:\w+\s+)?(?:cobra|recibe|se queda con|guarda|gestiona|administra|controla|"
        r"maneja|custodia)\s+(?:tu|el|su|los|todo el|tus)\s+(?:sueldos?|salarios?|n[óo]minas?|dinero|pagas?|"
        r"ganancias|tarjetas?(?: bancarias?)?|cuentas?(?: bancarias?)?)\b",
        r"\b(?:tarjeta|cuenta|pin|libreta)\b[^.;]{0,40}?\b(?:la |lo |las |los )?(?:guarda|gestiona|controla|"
        r"tiene|custodia|maneja|administra)\s+(?:el|la)\s+" + _THIRD + r"\b",
        r"\b(?:se ingresa|se deposita|va|van|se transfiere|se paga|"
        r"se abona)\b[^.;]{0,20}?\ben (?:la )?cuenta "
        r"(?:del|de la) (?:intermediari[oa]|agencia|encargad[oa]|jef[ea]|agente|capataz|reclutador)\b",
        r"\bdinero de bolsillo\b|\b(?:te )?(?:entrega\w*|da|damos|dan)\s+tu parte\b|\bel resto (?:lo )?"
        r"(?:guardamos|retenemos|se guarda|se queda)\b",
    )
    + patterns(
        "retention_of_identity_documents",
        r"\b" + _DOC + r"\b[^.;]{0,20}?\b(?:se entregan?|se dejan?|quedan?|se quedan?|permanecen?)\b"
        r"[^.;]{0,25}?\b(?:a|en|con)\s+(?:la|el)\s+(?:empresa|oficina|agencia|encargad[oa]|jefe|patr[óo]n|"
        r"agente|familia|caja fuerte)\b",
        r"\b(?:deja|dejar|dejas|entrega|entregas|entregar)\b[^.;]{0,15}?\b(?:tu|el|su|los|tus)\s+"
        + _DOC
        + r"\b"
        r"[^.;]{0,20}?\ben (?:la|el) (?:oficina|empresa|agencia|caja fuerte)\b",
    )
    + patterns(
        "isolation",
        r"\b(?:m[óo]vil(?:es)?|tel[ée]fonos?|celular(?:es)?)\b[^.;]{0,25}?\b(?:se entregan?|se dejan?|se "
        r"devuelven?|entregas?|dejas?)\b[^.;]{0,30}?\b(?:al llegar|a la llegada|al entrar|al empezar|"
        r"domingos?|"
        r"fin de semana|solo|una vez)\b",
        r"\bsolo (?:puedes|se puede|podr[áa]s|pueden) (?:llamar|hablar|contactar)\b[^.;]{0,40}?\b(?:una vez|"
        r"los domingos|cada)\b|\bllamar a (?:tu|la|su) familia\b[^.;]{0,30}?\buna vez\b",
        r"\bno (?:hables|hable|habl[ée]is|se habla|puedes hablar)\s+con (?:nadie|gente|personas|vecinos)\b",
        r"\b(?:aislad[oa]|lejos|a \w+ (?:horas?|km|kil[óo]metros))\b[^.;]{0,40}?\bsin (?:transporte|"
        r"veh[íi]culo|coche|cobertura)\b",
        negatable=False,
    )
    + patterns(
        "restriction_of_movement",
        r"\bno (?:pueden|puede|podr[áa]n|podr[áa]s|puedes|se puede|se permite|est[áa] permitido) (?:salir|"
        r"abandonar|dejar la finca|dejar la casa)\b",
        r"\bsalidas?\b[^.;]{0,25}?\b(?:solo|[úu]nicamente|siempre)\s+(?:con|acompañad)",
        negatable=False,
    )
    + patterns(
        "excessive_overtime",
        r"\b(?:siete|7) d[íi]as (?:a|por|de) la semana\b",
        r"\bdisponibilidad (?:de )?24 ?(?:h|horas)\b|\b24 horas\b[^.;]{0,20}?\b(?:disponib\w+|al d[íi]a)\b",
        r"\blibr\w* cuando\b[^.;]{0,20}?\b(?:la familia|el jefe|la empresa|el encargado|se pueda|haya)\b|"
        r"\bd[íi]as? (?:libres?|de descanso)\b[^.;]{0,25}?\bseg[úu]n (?:las necesidades|decida|lo que)\b",
        r"\bsin (?:d[íi]a|d[íi]as) (?:libres?|de descanso)(?: fijos?)?\b",
        negatable=False,
    )
    + patterns(
        "withholding_of_wages",
        r"\b(?:primer|primeros|primera|primeras)\s+(?:\w+\s+)?(?:semanas?|mes(?:es)?|d[íi]as)\s+(?:son\s+|"
        r"es\s+)?(?:sin (?:cobrar|sueldo|pago)|gratis|no se (?:pagan?|cobran?))\b",
        r"\bpr[áa]cticas (?:no remuneradas|sin sueldo|gratis)\b|\bsin cobrar\b",
        negatable=False,
    )
    + patterns(
        "physical_sexual_violence",
        r"\bacompañ\w+\b[^.;]{0,10}?\ba (?:caballeros|señores|hombres|clientes|empresarios)\b",
        r"\bcomisi[óo]n\b[^.;]{0,20}?\b(?:copas?|bebidas?|consumiciones)\b|\bcopas?\b[^.;]{0,20}?\binvit\w+"
        r"\b[^.;]{0,15}?\bclientes\b",
        r"\bcariños[oa]s?\b[^.;]{0,20}?\bclientes\b|\bmasajistas? (?:j[óo]venes|guapas|chicas)\b|\bchicas\b"
        r"[^.;]{0,30}?\b(?:club|nocturn\w+|bar de copas|alterne)\b|\bseñoritas\b[^.;]{0,40}?\b(?:caballeros|"
        r"señores|clientes)\b",
    )
    + patterns(
        "intimidation_threats",
        r"\b(?:tu|su) familia\b[^.;]{0,30}?\b(?:tendr[áa] problemas|lo pagar[áa]|sufrir[áa]|"
        r"se enterar[áa])\b",
        r"\bsi (?:te vas|dejas|abandonas|renuncias|te quejas|hablas|reclamas)\b[^.;]{0,50}?\b(?:tu familia|"
        r"problemas|consecuencias|multa\w*|lo (?:vas a )?pagar\w*)\b",
        r"\b(?:ser[áa]n?|ser[áa]s) (?:multad[oa]s?|sancionad[oa]s?|castigad[oa]s?)\b|\b(?:multas?|sanci[óo]n)"
        r"\b[^.;]{0,20}?\bsi no (?:cumples|llegas|alcanzas)\b",
        negatable=False,
    )
    + patterns(
        "abuse_of_vulnerability",
        r"\b(?:aceptamos|admitimos|contratamos|valen?)\b[^.;]{0,25}?\b(?:sin papeles|situaci[óo]n irregular|"
        r"indocumentad\w+|sin permiso de trabajo)\b",
        r"\b(?:ideal|perfecto)\b[^.;]{0,20}?\bpara (?:personas|gente|quien)\b[^.;]{0,30}?\b(?:deudas|sin "
        r"(?:casa|hogar|papeles)|necesitad\w+|urgencia)\b",
        r"\b(?:deudas|sin hogar|sin casa|sin papeles|antecedentes)\s+(?:no (?:es|son) (?:un )?problema|no "
        r"importan?|sin problema)\b|\bno (?:hacemos|se hacen) preguntas\b|\bsin preguntas\b",
        r"\bno importa si no tienes (?:papeles|documentos|permiso)\b",
        negatable=False,
    )
    + patterns(
        "deception",
        r"\b(?:contrato|visado|papeles)\b[^.;]{0,25}?\b(?:ser[áa]|dice|pone|figura)\b[^.;]{0,30}?\bpero\b"
        r"[^.;]{0,30}?\b(?:trabajar[áa]s|har[áa]s|en realidad|realmente)\b",
        r"\b(?:sueldo|salario|puesto|trabajo|funciones)\b[^.;]{0,30}?\b(?:depende|se decide|decidir[áa]|se "
        r"concreta)\b[^.;]{0,40}?\b(?:al llegar|a la llegada|una vez all[íi]|cuando llegues)\b",
        r"\b(?:entras?|viajas?|vienes|llegas)\s+como turista\b|"
        r"\bvisado de estudiante\b[^.;]{0,40}?\b(?:tiempo "
        r"completo|jornada completa)\b",
        negatable=False,
    )
    + patterns(
        "abusive_conditions",
        r"\b(?:duerm\w+|dorm\w+)\b[^.;]{0,30}?\b(?:en colchones|en el suelo|en (?:el|un|la|"
        r"una) (?:almac[ée]n|"
        r"nave|contenedor|garaje|cobertizo|coche|furgoneta|taller|establo))\b",
        negatable=False,
    )
    + patterns(
        "pressure_urgency",
        r"\bno (?:le |se lo |lo |les )?(?:cuentes|digas|comentes)\b[^.;]{0,30}?\b(?:familia|nadie|amigos)\b",
        negatable=False,
    )
    + patterns(
        "unidentified_employer",
        r"\b(?:nombre de la empresa|empresa|empleador|cliente)\b[^.;]{0,30}?\b(?:se (?:revela|dar[áa] a "
        r"conocer|comunica|informa)|confidencial)\b[^.;]{0,20}?\b(?:al llegar|m[áa]s adelante|despu[ée]s|"
        r"tras)\b",
        negatable=False,
    )
    + patterns(
        "money_mule",
        r"\brecib\w*\s+(?:paquetes|env[íi]os|mercanc[íi]as?|pedidos)\b[^.;]{0,40}?\b(?:reenv\w+|reexpedir|"
        r"volver a enviar|reetiquet\w+)",
    )
)

# Further English concepts in Spanish wordings: outings escorted, pay lost on leaving, compulsory savings,
# interest and collateral on a debt, pay in kind, open-ended hours, "do as you are told".
PATTERNS += tuple(
    patterns(
        "restriction_of_movement",
        r"\bacompañad[oa]s? en todo momento\b|\bescoltad[oa]s?\b|\b(?:te )?hacemos (?:nosotros )?la compra\b",
        negatable=False,
    )
    + patterns(
        "isolation",
        r"\bno (?:comentes|hables de|cuentes)\b[^.;]{0,30}?\b(?:sueldo|salario|condiciones|alojamiento|"
        r"horario)\b[^.;]{0,30}?\bcon (?:(?:los|las|la|el) )?(?:inspectores|auditores|visitas|nadie|clientes|"
        r"la polic[íi]a|"
        r"sindicatos|periodistas)\b",
        negatable=False,
    )
    + patterns(
        "excessive_overtime",
        r"\bhasta (?:terminar|acabar|cumplir|completar) (?:el|los|la) (?:pedidos?|objetivo|cupo|trabajo|"
        r"carga)\b|\ba cualquier hora\b|\bd[íi]a y noche\b|\blas horas que (?:hagan falta|sean necesarias)\b",
        negatable=False,
    )
    + patterns(
        "abuse_of_vulnerability",
        r"\bno (?:hagas|haga|hag[áa]is) preguntas\b|\bhaz lo que (?:te )?(?:digan|diga|decimos)\b|"
        r"\bsin cuenta "
        r"bancaria\b[^.;]{0,15}?\b(?:no (?:hay|es) problema|sin problema)\b",
        negatable=False,
    )
    + patterns(
        "cash_or_third_party_pay",
        r"\b(?:pag\w+|cobr\w+)\b[^.;]{0,20}?\ben (?:especie|vales|fichas|comida)\b",
        negatable=False,
    )
    + patterns(
        "withholding_of_wages",
        r"\b(?:pierdes|perder[áa]s|pierde|se pierde)\b[^.;]{0,25}?\b(?:"
        + _PAY
        + r"|lo (?:ganado|trabajado))\b",
        r"\bahorro (?:obligatorio|forzoso)\b",
    )
    + patterns(
        "debt_bondage",
        r"\b(?:pr[ée]stamo|anticipo|adelanto|deuda)\b[^.;]{0,30}?\bcon (?:intereses|un inter[ée]s)\b|"
        r"\b(?:escrituras?|t[íi]tulo de propiedad)\b[^.;]{0,40}?\bcomo (?:garant[íi]a|aval)\b",
    )
    + patterns(
        "intimidation_threats",
        r"\bsabemos d[óo]nde (?:vive|viven) (?:tu|su) familia\b|\bconocemos a tu familia\b",
        negatable=False,
    )
)

# Second wordings, written after a fresh check in our own words showed these concepts missed (see
# docs/benchmarks.md, "After (second pass)"): the same concepts, more of the ways Spanish says them.
PATTERNS += tuple(
    patterns(
        "pay_withheld_until_end",
        r"\b(?:" + _PAY + r"|se paga|se abona|se cobra|cobras|cobrar[áa]s)\b[^.;]{0,30}?\bcuando (?:se )?"
        r"(?:termin|acab|finalic|conclu)\w+\b[^.;]{0,15}?\b(?:la|el) (?:campaña|temporada|contrato|obra|"
        r"cosecha|marea|proyecto)\b",
    )
    + patterns(
        "no_papers_needed",
        r"\bcuentas?\b[^.;]{0,40}?\ba nombre de (?:otra persona|un tercero|otro)\b|\bcuentas?\b[^.;]{0,20}?"
        r"\b(?:prestada|alquilada|cedida)s?\b",
        negatable=False,
    )
    + patterns(
        "physical_sexual_violence",
        r"\b(?:tomar algo|tomar (?:una )?copas?|cenar|salir|bailar)\b[^.;]{0,10}?\bcon (?:los )?(?:clientes|"
        r"caballeros|señores)\b",
    )
    + patterns(
        "restriction_of_movement",
        r"\bsalidas?\b[^.;]{0,25}?\b(?:solo|[úu]nicamente|siempre)\b[^.;]{0,15}?\b(?:con (?:el|la|los) "
        r"(?:capataz|encargad[oa]|jef[ea]|patr[óo]n|familia|señora|responsable)|acompañad[oa]s?)\b",
        negatable=False,
    )
    + patterns(
        "isolation",
        r"\bsin (?:tocar|pisar|volver a) (?:puerto|tierra)\b|\bmeses (?:en (?:el )?mar|embarcad[oa]s?)\b",
        negatable=False,
    )
    + patterns(
        "control_of_pay",
        r"\b" + _THIRD + r"\s+(?:\w+\s+)?(?:cobra|recibe|se queda con|gestiona)\s+(?:todos los|el conjunto "
        r"de los|la totalidad de los)\s+(?:sueldos|salarios|jornales|pagos)\b|\breparte?\w*\b[^.;]{0,25}?"
        r"\b(?:su|tu) parte\b",
    )
    + patterns(
        "intimidation_threats",
        r"\b(?:quien|quienes|el que|los que|la que|las que)\b[^.;]{0,50}?\b(?:ser[áa]n?|perder[áa]n?)\s+"
        r"(?:despedid|multad|sancionad|castigad|denunciad|expulsad|echad)\w*",
        negatable=False,
    )
)

# Third wordings, after a second fresh check in our own words (docs/benchmarks.md, "After (second pass)").
PATTERNS += tuple(
    patterns(
        "recruitment_fees",
        # a price label on the visa, permit or placement: "visa de trabajo: 4.500 dólares"
        r"\b(?:tr[áa]mites?|visados?|visas?|permisos? de trabajo|colocaci[óo]n|inscripci[óo]n|reclutamiento|"
        r"carta de oferta|lmia|patrocinio)\b[^.;]{0,25}?(?::|\b(?:cuesta|precio|coste|costo|tasa|cuota)\b)\s*"
        r"(?:de\s+|es\s+)?" + MONEY,
    )
    + patterns(
        "physical_sexual_violence",
        r"\bweb ?cam\b|\bcontenido (?:para )?adultos\b|\bchat (?:para )?adultos\b|\b(?:chicas|señoritas|"
        r"jovencitas|j[óo]venes)\b[^.;]{0,40}?\bmasajes?\b|\bmasajes?\b[^.;]{0,40}?\b(?:chicas|señoritas|"
        r"jovencitas)\b",
    )
    + patterns(
        "withholding_of_wages",
        r"\b(?:pagos?|se paga|cobras?|pagamos|" + _PAY + r")\b[^.;]{0,15}?\bcada (?:[4-9]\d|\d{3}) d[íi]as\b|"
        r"\bpagos?\b[^.;]{0,15}?\bcada (?:dos|tres|cuatro|seis|[2-9]) meses\b",
    )
    + patterns(
        "restriction_of_movement",
        r"\bno (?:baja|bajan|bajas|bajar[áa]n?|bajar[áa]s|desembarca\w*) a tierra\b|\bsin (?:bajar a tierra|"
        r"desembarcar)\b",
        negatable=False,
    )
    + patterns(
        "debt_bondage",
        r"\bpagar[ée]s?\b|\b(?:firmas?|firmar) (?:un|una) (?:letra|reconocimiento de deuda)\b",
    )
    + patterns(
        "abusive_conditions",
        r"\b(?:pasan|pasas|pasar[áa]n?|pasar[áa]s) la noche\b[^.;]{0,20}?\ben (?:el|la|un|una) (?:invernadero"
        r"|"
        r"nave|almac[ée]n|taller|contenedor|coche|furgoneta|establo|cobertizo|obra|cocina)\b|\b(?:duerm\w+|"
        r"dorm\w+)\b[^.;]{0,20}?\ben (?:el|la|un|una) (?:invernadero|obra|cocina)\b",
        negatable=False,
    )
)

# Fourth wordings, after a third fresh check in our own words (docs/benchmarks.md, "After (second pass)"):
# the parts of each concept with words between them.
PATTERNS += tuple(
    patterns(
        "recruitment_fees",
        r"\ba cambio de\s+" + MONEY + r"|\b(?:nos|me) (?:pagas|pagar[áa]s|abonas|abonar[áa]s|ingresas)\b",
    )
    + patterns(
        "withholding_of_wages",
        r"\b(?:primer|primeros|primera|primeras)\b[^.;]{0,40}?\b(?:no se (?:pagan?|cobran?|remuneran?)|sin "
        r"(?:cobrar|sueldo|pago|remuneraci[óo]n))\b",
        r"\bsi (?:te vas|abandonas|dejas|te marchas|renuncias)\b[^.;]{0,50}?\b(?:no (?:cobras|se (?:te )?paga"
        r"|"
        r"te pagamos|cobrar[áa]s)|pierdes)\b",
        negatable=False,
    )
    + patterns(
        "restriction_of_movement",
        r"\bsin salidas?\b|\bsalidas?\b[^.;]{0,40}?\b(?:solo|[úu]nicamente)\b[^.;]{0,40}?\b(?:domingos?|"
        r"s[áa]bados?|una vez|acompañad[oa]s?)\b",
        negatable=False,
    )
    + patterns(
        "pay_differs_from_contract",
        r"\b(?:la|las|los|tu|su) (?:contrato|n[óo]minas?|papeles)\b[^.;]{0,10}?\b(?:pone|ponen|pondr[áa]n?|"
        r"dice|dicen|dir[áa]n?|figuran?|figurar[áa]n?|aparecen?|aparecer[áa]n?|indican?|indicar[áa]n?|"
        r"constan?|constar[áa]n?)\b[^.;]{0,50}?\b(?:pero|aunque|"
        r"en realidad)\b",
        negatable=False,
    )
    + patterns(
        "physical_sexual_violence",
        r"\bclubs? de (?:carretera|alterne)\b|\bpisos? de (?:contactos|citas)\b",
    )
    + patterns(
        "control_of_pay",
        r"\b" + _THIRD + r"\s+(?:\w+\s+)?(?:tiene|guarda|custodia|se queda con)\s+(?:tu|tus|vuestr[oa]s?|sus|"
        r"las|los)\s+(?:tarjetas?|cuentas?|libretas?|pin)\b",
    )
    + patterns(
        "intimidation_threats",
        r"\b(?:quien|quienes|el que|los que|la que|las que|si te quejas|si protestas|si reclamas)\b[^.;]{0,40"
        r"}?"
        r"\b(?:se queda|te quedas|se quedan|quedar[áa]s?|se quedar[áa]n?) sin (?:trabajo|empleo|alojamiento|"
        r"sueldo|paga|casa)\b",
        negatable=False,
    )
    + patterns(
        "debt_bondage",
        r"\bnos (?:lo |la |los |las )?(?:devuelves|devolver[áa]s|pagas despu[ée]s)\b",
    )
)

# Fifth wordings, after a fourth fresh check in our own words (docs/benchmarks.md, "After (second pass)").
PATTERNS += tuple(
    patterns(
        "retention_of_identity_documents",
        r"\b"
        + _DOC
        + r"\b[^.;]{0,25}?\b(?:depositad|entregad|custodiad|guardad)[oa]s?\b[^.;]{0,30}?\b(?:en|a)"
        r" (?:la|el) (?:caja|oficina|empresa|cooperativa|agencia|encargad[oa]|jefe)\b",
    )
    + patterns(
        "control_of_pay",
        r"\b(?:familia|señora|patr[óo]n|patrona|" + _THIRD + r")\s+(?:\w+\s+)?(?:administra|gestiona|maneja|"
        r"controla|guarda)\s+(?:tu|su|el|vuestro)\s+(?:sueldo|salario|dinero|paga)\b",
    )
    + patterns(
        "withholding_of_wages",
        r"\b(?:cobras|cobrar[áa]s|te pagamos|se paga|se cobra)\b[^.;]{0,10}?\bcuando (?:el|la) (?:cliente|"
        r"dueñ[oa]|propietari[oa]|promotor[a]?|constructora)\b[^.;]{0,20}?\b(?:pague|paga|abone)\b",
    )
    + patterns(
        "wage_deductions",
        r"\b(?:descuenta|descontamos|resta|quita|cobra)\b[^.;]{0,40}?\b"
        + _HOUSING
        + r"\b[^.;]{0,40}?\b(?:del|"
        r"de tu|de la) (?:jornal|sueldo|salario|paga|n[óo]mina)\b",
    )
    + patterns(
        "debt_bondage",
        r"\b(?:pagar|devolver)\b[^.;]{0,30}?\b(?:el viaje|el billete|el pasaje)\b[^.;]{0,30}?\by la deuda\b|"
        r"\bla deuda\b[^.;]{0,20}?\b(?:tendr[áa]s que|debes|hay que) (?:pagar|devolver)",
    )
    + patterns(
        "recruitment_fees",
        # a charge for the visa, the work permit, sponsorship or the job offer (Employer Pays Principle)
        r"\b(?:visados?|visas?|permisos? de (?:trabajo|residencia)|patrocinio|billetes?|pasajes?|"
        r"tr[áa]mites?|"
        r"gastos de (?:contrataci[óo]n|reclutamiento|gesti[óo]n|visado|"
        r"viaje))\b[^.;]{0,30}?\b(?:corren? (?:de|por) "
        r"(?:tu|su) cuenta|(?:van|corren?) a (?:tu|su) cargo|los pagas t[úu]|(?:son|es) por tu cuenta)\b",
        r"\b(?:cobra\w*|cuesta\w*|pagas|abonas|pagar|abonar)\b[^.;]{0,20}?" + MONEY + r"[^.;]{0,10}?\bpor "
        r"(?:gestionar|tramitar|conseguir\w*|buscar\w*|encontrar\w*|arreglar\w*)\b",
        r"\b(?:cuota|tasa|tarifa|comisi[óo]n|pago|coste|costo|precio)s?\s+(?:de|por)\s+(?:el |la |tu |los |"
        r"las )?(?:visados?|visas?|permisos? de (?:trabajo|residencia)|patrocinio|"
        r"oferta de (?:empleo|trabajo)|carta de oferta|contrato de trabajo|colocaci[óo]n|puesto)\b",
        r"\bcobr\w+\b[^.;]{0,30}?\bpor (?:el |la |tu )?(?:visados?|visas?|"
        r"permisos? de (?:trabajo|residencia)|patrocinio|"
        r"oferta de (?:empleo|trabajo)|carta de oferta|contrato|colocaci[óo]n|puesto)\b",
        r"\b(?:visados?|visas?|permisos? de (?:trabajo|residencia)|patrocinio|oferta de (?:empleo|trabajo)|"
        r"carta de oferta|contrato de trabajo)\b[^.;]{0,30}?\b(?:cuesta|cuestan|tiene un (?:coste|costo|"
        r"precio)|vale|sale por)\b[^.;]{0,15}?" + MONEY,
        r"\b(?:pagar|abonar|pagas|abonas|pague)\b[^.;]{0,10}?\bal (?:gestor|intermediario|agente|reclutador|"
        r"captador|coyote|enganchador|tramitador)\b",
    )
    + patterns(
        "debt_bondage",
        r"\bhasta que (?:no )?(?:devuelvas|pagues|saldes|liquides|termines de pagar|cubras)\b",
        negatable=False,  # "hasta que no devuelvas" carries an expletive "no"
    )
    + patterns(
        "withholding_of_wages",
        r"\b(?:se (?:te )?retiene\w*|retenemos|retendremos|guardamos|se (?:te )?guarda\w*|nos quedamos con)\b"
        r"[^.;]{0,25}?\b" + _PAY + r"\b",
    )
    + patterns(
        "control_of_pay",
        r"\b(?:n[óo]mina|sueldo|salario|paga)\b[^.;]{0,10}?\b(?:la|lo) (?:cobra|recibe|ingresa) "
        r"(?:la empresa|el encargado|el jefe|el capataz|la agencia|el patr[óo]n|el intermediario)\b",
        r"\btarjeta\b[^.;]{0,25}?\b(?:la tiene|la guarda|se queda|la custodia|la lleva)\b"
        r"[^.;]{0,5}?\b(?:el|la) "
        r"(?:capataz|encargad[oa]|jef[ea]|patr[óo]n|agencia|empresa|intermediari[oa])\b",
        r"\ben (?:su|nuestra) cuenta\b[^.;]{0,40}?\bte (?:damos|pasamos|entregamos|damos lo tuyo)\b",
    )
    + patterns(
        "physical_sexual_violence",
        r"\b(?:anim\w*|incit\w*|invit\w*)\b[^.;]{0,20}?\b(?:a )?(?:los )?clientes?\b[^.;]{0,20}?\b(?:a )?"
        r"(?:consumir|beber|que consuman|copas)\b|\banimarles a (?:consumir|beber)\b|\bse cobra por copa\b|"
        r"\b(?:chicas|camareras|señoritas|muchachas)\b[^.;]{0,30}?\b(?:entreten\w+|acompañ\w+|hacer "
        r"compañ[íi]a)\b[^.;]{0,20}?\b(?:a )?(?:los )?(?:clientes|caballeros|señores)\b",
    )
    + patterns(
        "restriction_of_movement",
        r"\bno (?:se sale|sales|puedes salir|se puede salir)\b[^.;]{0,20}?\bsin\b",
        negatable=False,
    )
    + patterns(
        "isolation",
        r"\b(?:tel[ée]fono|m[óo]vil|celular)\b[^.;]{0,30}?\bsolo\b[^.;]{0,20}?\b(?:los domingos|el domingo|"
        r"una vez|los d[íi]as libres|por la noche|los fines de semana)\b",
    )
    + patterns(
        # girls or young women picked for dancing, hosting or keeping clients company in clubs or abroad
        "physical_sexual_violence",
        r"\b(?:señoritas|chicas|muchachas|j[óo]venes)\b[^.;]{0,40}?\b(?:bailar|bailarinas?|anfitrionas?|"
        r"animadoras?|alterne|entretener|hacer compañ[íi]a)\b",
        r"\b(?:bailar|bailarinas?|anfitrionas?|animadoras?)\b[^.;]{0,30}?\b(?:clubs?|clubes|bares? "
        r"nocturnos?|cabarets?|locales? nocturnos?|reservados)\b",
        r"\bmasaj\w+\b[^.;]{0,60}?\b(?:solo chicas|solo mujeres|chicas j[óo]venes|señoritas|final feliz)\b",
        r"\bmodel(?:o|a)s? (?:webcam|para (?:el )?chat|de chat|de c[áa]mara)\b|\bchat (?:en directo|en vivo|"
        r"er[óo]tico)\b[^.;]{0,40}?\b(?:piso|casa|apartamento)\b|"
        r"\bporcentaje de lo que (?:gastan|consumen)\b",
    )
    + patterns(
        "excessive_overtime",
        r"\bdisponib\w+ (?:de |las |durante las )?24 ?(?:h|horas)\b|\blibre (?:solo )?(?:un|1) (?:d[íi]a|"
        r"domingo|s[áa]bado) (?:al|cada|por) mes\b|\b(?:un|1) (?:d[íi]a|domingo) (?:libre|de descanso) (?:al|"
        r"cada|por) mes\b",
        r"\bcampañas? de (?:\w+ )?meses sin (?:volver|tocar|bajar) (?:a )?(?:puerto|tierra)\b",
        negatable=False,
    )
    + patterns(
        "deception",
        # the real contract signed only on arrival, or entry on a student or tourist visa to work
        r"\b(?:al llegar|a la llegada|una vez (?:all[íi]|en destino)|en destino)\b[^.;]{0,30}?\b(?:se firma|"
        r"firmar[áa]s|firmas|firmamos|firmar)\b[^.;]{0,20}?\bcontrato\b",
        r"\bvisa(?:do)? de (?:estudiante|estudios)\b[^.;]{0,60}?\btrabaj\w+\b|\btrabaj\w+\b[^.;]{0,60}?\bvisa"
        r"(?:do)? de (?:estudiante|estudios)\b",
        r"\bcontrato (?:en origen|en tu pa[íi]s)\b[^.;]{0,40}?\bpero\b|\bal llegar trabajar[áa]s (?:en|de)\b",
        negatable=False,
    )
    + patterns(
        "abuse_of_vulnerability",
        r"\baunque no (?:tengas|tengan|tenga) (?:papeles|permiso|documentos|nie)\b|\brecién llegad[oa]s\b"
        r"[^.;]{0,40}?\b(?:necesit\w+|urgente\w*|ya)\b",
        r"\bmenores(?: de edad)?\b[^.;]{0,20}?\b(?:bienvenid\w+|se aceptan|admitid\w+)\b|\bse (?:les )?paga "
        r"a (?:los|sus) padres\b",
        r"\b(?:bajo|con) otro nombre\b|\bcon (?:los )?papeles de otr[oa]\b|"
        r"\bcon la documentaci[óo]n de otr[oa]\b",
        negatable=False,
    )
    + patterns(
        "debt_bondage",
        r"\btrabaj\w+ (?:hasta |para )(?:devolver|pagar|saldar)\w*\b|\bpara devolverlo trabajando\b",
        negatable=False,
    )
    + patterns(
        "intimidation_threats",
        r"\bsi (?:hablas|cuentas|dices|comentas|denuncias|te quejas)\b[^.;]{0,60}?\b(?:despid\w+|despedimos|"
        r"sin pagar\w*|pierdes|consecuencias|te echamos|a la calle)\b",
        negatable=False,
    )
    + patterns(
        "isolation",
        r"\b(?:a \d+ ?km|lejos|aislad\w+)\b[^.;]{0,40}?\bno hay (?:transporte|autob[úu]s|forma de salir|"
        r"manera de salir)\b",
        negatable=False,
    )
    + patterns(
        "isolation",
        r"\bsin (?:cobertura|se[ñn]al|internet)\b[^.;]{0,20}?\bni (?:forma|manera|modo|transporte)\b",
        negatable=False,
    )
)

# Sixth wordings (issue 19, eighth look): each English concept compared with these rules, indicator by
# indicator, and the gaps written for the concept in Spain's and Latin America's wordings, after a
# development set in our own words (tests/matcher/test_screening_es_dev.py) was screened once.
_PAYMENT = r"(?:bizum|transferencia|giro|ingreso|dep[óo]sito|pago|env[íi]o)"
_CANDIDATE = (
    r"(?:postulantes?|candidat[oa]s?|trabajador(?:a|es|as)?|aspirantes?|solicitantes?|interesad[oa]s?|"
    r"seleccionad[oa]s?|empleados?|operari[oa]s?)"
)
_FEE_COST = (
    r"(?:visad\w*|visas?|permisos?|billetes?|pasajes?|vuelos?|tr[áa]mites?|tramitaci[óo]n|gesti[óo]n|gastos|"
    r"costes?|costos?|cuotas?|tasas?|comisi[óo]n|inscripci[óo]n|colocaci[óo]n|curso|formaci[óo]n|"
    r"capacitaci[óo]n|examen|reconocimiento|evaluaci[óo]n)"
)
#: The worker's bank card, PIN or passbook (not an access, fuel or boarding card).
_CARD = (
    r"(?:tarjetas?(?! de (?:acceso|fichar|fichaje|transporte|visita|identificaci[óo]n|combustible|gasolina|"
    r"carburante|embarque|la empresa|empresa))|claves? (?:bancarias?|del banco|de la tarjeta)|pin|libretas?)"
)
_GO_BETWEEN = (
    r"(?:oficina|empresa|agencia|encargad[oa]|jef[ea]|patr[óo]n|patrona|patrones|intermediari[oa]|capataz|"
    r"gestor[íi]?a?|nosotros|señora|familia|dueñ[oa]|gerente)"
)
_LEAVE = (
    r"(?:deje|dejen|dejas|abandone|abandonen|abandonas|se vaya|se vayan|te vas|te marchas|se marche|"
    r"se marchen|rompa|rompe|rompes|rescinda|rescindes|renuncie|renuncias)"
)
PATTERNS += tuple(
    patterns(
        "recruitment_fees",
        # a payment the worker sends (a Bizum, a transfer) or a fee "en concepto de" the job's paperwork
        r"\b(?:haz|hacer|hagas|hacernos|env[íi]a\w*|enviar|manda\w*|m[áa]ndanos|realiza\w*)\s+(?:un|una|el|"
        r"la)\s+" + _PAYMENT + r"\b[^.;]{0,10}?(?:de\s+)?" + MONEY,
        r"\bbizum\b[^.;]{0,25}?" + MONEY + r"|(?:" + MONEY + r")[^.;]{0,15}?\bpor bizum\b",
        r"\ben concepto de\s+(?:gastos de\s+)?(?:gesti[óo]n|inscripci[óo]n|reserva|matr[íi]cula|"
        r"tramitaci[óo]n|alta|selecci[óo]n|colocaci[óo]n|visado|apertura de expediente|expediente)\b",
        r"\bgastos de (?:gesti[óo]n|tramitaci[óo]n|expediente|selecci[óo]n|reclutamiento|colocaci[óo]n|"
        r"inscripci[óo]n|alta)\b[^.;]{0,25}?" + MONEY,
        # a price asked for the contract, the visa or the place ("pide 2.500 euros por el contrato")
        r"\b(?:pide|piden|pedimos|exige|exigen|exigimos|solicita|solicitan|solicitamos|requiere|cobramos)\b"
        r"[^.;]{0,20}?" + MONEY + r"[^.;]{0,15}?\bpor (?:el |la |tu |los |las )?(?:contrato|visado|visa|"
        r"permiso|oferta|carta|puesto|plaza|colocaci[óo]n|tramitaci[óo]n|patrocinio|gesti[óo]n|"
        r"inscripci[óo]n|empleo|trabajo)\b",
        # the cost named first, then who carries it: "su costo lo asume el postulante"
        r"\b" + _FEE_COST + r"\b[^.;]{0,60}?\b(?:lo |la |los |las )?(?:asume|asumen|paga|pagan|abona|abonan|"
        r"cubre|cubren|costea|costean|corre con|corren con)\s+(?:el|la|los|las|cada)\s+" + _CANDIDATE + r"\b",
        # a share of the worker's pay kept by the agency for the placement
        r"\b(?:agencia|agente|intermediari[oa]|reclutador[a]?|gestor[a]?)\s+se (?:queda|quedar[áa])\s+con\b"
        r"[^.;]{0,20}?(?:\d+\s?%|(?:porcentaje|parte|un tercio|la mitad)\b)[^.;]{0,30}?\b" + _PAY + r"\b",
        # paid on signing up, in advance, or before travelling: a charge, not the worker's pay
        r"^(?:(?!sueldo|salario|n[óo]mina|paga\b|jornal)[^.;])*?\bse (?:paga|abona)\w*\s+(?:al "
        r"(?:inscribir\w*|matricular\w*|reservar)|por adelantado|antes de (?:viajar|embarcar|la entrevista|"
        r"salir del pa[íi]s))\b",
    )
    + patterns(
        "work_related_charges",
        # a compulsory course, or a medical at the agency's centre, paid for by the worker
        r"\b(?:curso|formaci[óo]n|capacitaci[óo]n|entrenamiento|inducci[óo]n|taller)\b[^.;]{0,50}?"
        r"\bobligatori[oa]\b[^.;]{0,30}?" + MONEY,
        r"\b(?:abonar|pagar|pagas|abonas|costear|costeas)\b[^.;]{0,40}?\b(?:evaluaci[óo]n|reconocimiento|"
        r"examen|chequeo|pruebas?)(?:es)?\s+(?:m[ée]dic|psicol[óo]gic|psicot[ée]cnic|de salud)\w*",
        # the vehicle or kit the work needs rented or sold to the worker
        r"\b(?:moto|motos|bici\w*|furgonetas?|coches?|cami[óo]n|camiones|taxis?|licencias?|veh[íi]culos?|"
        r"patinetes?|tablets?|m[óo]vil|terminal|equipo|uniformes?|herramientas)\b[^.;]{0,30}?\b(?:te|os|"
        r"les)\s+"
        r"(?:la|lo|las|los)\s+(?:alquilamos|alquila|alquilan|arrendamos|arrienda|arriendan|rentamos|renta|"
        r"vendemos|vende|venden|cobramos)\b",
        r"\b(?:alquil|rent|vend)\w*\s+(?:la |el |las |los )?(?:motos?|bici\w*|furgonetas?|coches?|"
        r"veh[íi]culos?|patinetes?|equipos?|uniformes?)\s+a\s+(?:los |nuestros |sus )?(?:repartidores|"
        r"conductores|trabajadores|riders|operarios|empleados|mensajeros)\b",
    )
    + patterns(
        "wage_deductions",
        # the pay named first, then what is taken from it: "del jornal se quita lo de la comida"
        r"\b(?:del|de tu|de la|de su)\s+(?:jornal|sueldo|salario|paga|n[óo]mina)\s+(?:se\s+(?:te\s+)?)?"
        r"(?:quita|quitan|descuenta|descuentan|resta|restan|saca|sacan|retira|retiran)\w*\b[^.;]{0,50}?\b"
        + _HOUSING,
        r"\bse (?:te )?(?:descuentan?|restan?|quitan?)\b[^.;]{0,40}?\bpor (?:el |la |los |las )?" + _HOUSING,
    )
    + patterns(
        "debt_bondage",
        # a cost advanced and recovered bit by bit from the worker's pay
        r"\b(?:"
        + _COST
        + r"|importe|lo que (?:cuesta|cost[óo]|ha costado|nos cuesta))\b[^.;]{0,60}?\b(?:lo |"
        r"la |los |las )?(?:vas |ir[áa]s )?(?:reponiendo|restando|quitando|recuperando|recuperamos|"
        r"descontamos|restamos|quitamos|repones|reponer)\b[^.;]{0,30}?\b(?:de|con|del)\s+(?:tu |su |el |"
        r"la |los |tus )?" + _WAGES + r"\b",
        # a sum falls due if the worker leaves early
        r"\b(?:quien|quienes|el que|la que|los que|si)\s+(?:\w+\s+){0,2}?" + _LEAVE + r"\b[^.;]{0,60}?"
        r"\b(?:abonar|pagar|devolver|reembolsar|reintegrar|penalizaci[óo]n|indemniz\w+)\b",
        # goods on credit at the company store, or a debt "left owing"
        r"\b(?:coger|comprar|llevar|sacar|dar|dan|damos|vender|vende|se vende)\w*\b[^.;]{0,30}?\bfiad[oa]\b|"
        r"\bfiad[oa]\b[^.;]{0,30}?\b(?:se (?:te )?apunta|se descuenta|a fin de mes|del sueldo|de la paga)\b|"
        r"\b(?:economato|tienda|cantina|pulper[íi]a)\s+de la (?:finca|empresa|obra|mina|hacienda|"
        r"plantaci[óo]n)\b[^.;]{0,60}?\b(?:se (?:te )?apunta|a cr[ée]dito|se descuenta|a cuenta)\b",
        r"\b(?:quedas|quedar[áa]s|quedan|queda|te quedas|os qued[áa]is) debiendo\b|"
        r"\bhasta que (?:lo |la |los )?(?:canceles|amortices|abones)\b[^.;]{0,15}?\b(?:trabajando|con (?:tu|"
        r"el) (?:trabajo|sueldo))\b",
    )
    + patterns(
        "withholding_of_wages",
        # an unpaid trial or training period
        r"\b(?:periodo|per[íi]odo|semanas?|d[íi]as|mes(?:es)?|fase|etapa)\s+de\s+(?:prueba|formaci[óo]n|"
        r"capacitaci[óo]n|adaptaci[óo]n|aprendizaje)\b[^.;]{0,40}?\b(?:sin (?:remunerar|remuneraci[óo]n|"
        r"sueldo|cobrar|pago|paga)|no (?:remunerad[oa]s?|pagad[oa]s?|retribuid[oa]s?|se (?:remunera|paga|"
        r"cobra)n?))\b",
        r"\b(?:periodo|per[íi]odo|semanas?|d[íi]as) de prueba (?:gratis|gratuit[oa]s?)\b",
        negatable=False,
    )
    + patterns(
        "pay_withheld_until_end",
        # pay handed over only on going home, or only once a sales target or a length of service is reached
        r"\b(?:" + _PAY + r"|cobras|cobrar[áa]s)\b[^.;]{0,40}?\b(?:al regresar|cuando regreses|a tu regreso|"
        r"al volver a (?:tu|su) pa[íi]s|cuando vuelvas a (?:tu|su) pa[íi]s|antes de (?:volver|regresar)|"
        r"a la salida del pa[íi]s)\b",
        r"\b(?:no (?:cobras|cobrar[áa]s|se cobra|se paga|te pagamos|hay (?:sueldo|pago))(?: nada)?|"
        r"sin cobrar)"
        r"\b[^.;]{0,30}?\bhasta (?:que )?(?:no )?(?:vendas|alcances|llegues|cumplas|completes|consigas|"
        r"superes|cierres|captes|termines)\b",
        r"\b(?:comisiones|" + _PAY + r"|incentivos|propinas|dinero)\b[^.;]{0,30}?\b(?:se liberan?|"
        r"se desbloquea\w*|se entrega\w*|se paga\w*|se abona\w*|cobras|cobrar[áa]s)\b[^.;]{0,20}?"
        r"\b(?:cuando|al|tras|despu[ée]s de|una vez)\s+(?:cumplas|cumplir|completes|completar|lleves|llevar|"
        r"termines|terminar|pases|pasar|superes|superar)\b[^.;]{0,30}?\b(?:mes(?:es)?|años?|temporada|"
        r"contrato|campaña|objetivo|meta)\b",
        negatable=False,
    )
    + patterns(
        "control_of_pay",
        # the card, PIN or passbook of the worker's account stays with someone else
        r"\b" + _CARD + r"\b[^.;]{0,30}?\b(?:quedan?|se quedan?|permanecen?|se guardan?|se custodian?|"
        r"est[áa]n?|las? (?:tiene|guarda|custodia))\s+(?:en|con|bajo)\s+(?:la |el |los |las |nuestra |"
        r"nuestro )?" + _GO_BETWEEN + r"\b",
        # tips kept by the owner or the house
        r"\bpropinas?\b[^.;]{0,20}?\b(?:se (?:las|la) (?:queda|quedan|lleva|llevan)|(?:las|la) (?:guarda|"
        r"cobra|retiene)|son para|van para)\s+(?:el|la|los)\s+(?:dueñ[oa]s?|propietari[oa]s?|empresa|"
        r"encargad[oa]|jef[ea]|casa|local|gerente|patr[óo]n)\b|\bpropinas?\b[^.;]{0,20}?\bpara la casa\b",
        # wages sent to the family while the worker is given an allowance
        r"\b" + _PAY + r"\b[^.;]{0,30}?\b(?:se (?:te )?(?:deposita|ingresa|env[íi]a|manda|entrega|transfiere|"
        r"paga|gira)|va|van)\b[^.;]{0,20}?\ba (?:tu|su) (?:familia|padres?|madre|padre|marido|esposo|"
        r"pareja)\b",
        r"\b(?:recibes|te damos|se te da|te entregamos)\s+(?:solo\s+)?(?:unos?\s+)?"
        + MONEY
        + r"[^.;]{0,25}?\bpara (?:tus |los )?gastos\b",
    )
    + patterns(
        "pay_differs_from_contract",
        # registered for fewer hours than worked, or a receipt signed for more than is paid
        r"\b(?:alta|contrato|cotiza\w*)\b[^.;]{0,15}?\b(?:a|por|de|con)\s+(?:media jornada|tiempo parcial|"
        r"jornada parcial|\d+ horas|(?:cuatro|cinco|seis|veinte) horas)\b[^.;]{0,40}?\b(?:pero|aunque)\b"
        r"[^.;]{0,15}?\b(?:el horario real|en realidad|realmente|se trabaja\w*|trabajas|trabajar[áa]s|"
        r"la jornada real|haces|har[áa]s)\b",
        r"\bfirm\w*\b[^.;]{0,20}?\b(?:recibos?|n[óo]minas?|finiquitos?|papel(?:es)?|documentos?|"
        r"justificantes?)\b[^.;]{0,20}?\b(?:por|de)\s+" + MONEY + r"[^.;]{0,30}?\b(?:pero|aunque|y)\b"
        r"[^.;]{0,20}?\b(?:cobras|recibes|te llevas|te damos|te pagamos|en mano|en realidad|realmente)\b",
        negatable=False,
    )
    + patterns(
        "cash_or_third_party_pay",
        # pay off the books: "en B", "fuera de nómina", "en sobre"
        r"\b(?:" + _PAY + r"|resto|pago|parte|cobr\w+|pag\w+|cotiz\w+)\b[^.;]{0,30}?\ben (?-i:B)\b|"
        r"\bfuera de (?:la )?n[óo]mina\b|\b(?:" + _PAY + r"|resto|pago|parte|cobr\w+|pag\w+)\b[^.;]{0,30}?"
        r"\ben (?:un )?sobre\b(?!\s+cerrado)",
    )
    + patterns(
        "retention_of_identity_documents",
        # the document named first, then who keeps it: "el pasaporte lo custodia el encargado"
        r"\b" + _DOC + r"\b[^.;]{0,20}?\b(?:lo|la|los|las)\s+(?:custodia|guarda|retiene|tiene|conserva|"
        r"recoge|guardamos|custodiamos|retenemos|tenemos|conservamos)\s+(?:el|la|los|las|nosotros)\b",
        # handed over on arrival and given back only at the end, or kept under lock and key
        r"\b(?:entrega\w*|dejar|dejas|deja|depositar|deposita\w*)\b[^.;]{0,20}?\b" + _DOC + r"\s+"
        r"originale?s?\b[^.;]{0,25}?\b(?:al llegar|a la llegada|al incorporarte|al entrar)\b",
        r"\b" + _DOC + r"\b[^.;]{0,60}?\bse (?:te |les? )?devuelven?\b[^.;]{0,20}?\b(?:al (?:final|terminar|"
        r"acabar|irte|marcharte)|cuando (?:termine|acabe|te vayas|te marches|finalice)|a fin de)\b",
        r"\b" + _DOC + r"\b[^.;]{0,60}?\b(?:bajo llave|en custodia|bajo custodia)\b",
    )
    + patterns(
        "restriction_of_movement",
        # locked in from outside; kept on the premises after work; outings only with a boss's leave
        r"\b(?:puertas?|residencia|habitaci[óo]n|dormitorio|casa|alojamiento|barrac[óo]n)\b[^.;]{0,20}?"
        r"\b(?:se )?cierra\w*\s+(?:con llave\s+)?(?:por|desde) fuera\b",
        r"\b(?:despu[ée]s del (?:turno|trabajo)|fuera del horario|por la noche|(?:en )?(?:los|tus) d[íi]as "
        r"(?:libres|de descanso))\b[^.;]{0,40}?\b(?:se quedan|te quedas|os qued[áa]is|se pasan?|"
        r"permanec\w+|debes quedarte|hay que quedarse)\s+en (?:la|el) (?:residencia|finca|casa|"
        r"alojamiento|recinto|barco|hotel|campamento|obra)\b",
        r"\b(?:salvo|excepto|a menos)\s+que\s+(?:el|la)\s+\w+\s+(?:lo |la )?(?:autorice|permita|d[ée] "
        r"permiso)\b[^.;]{0,10}?\bsalid\w*|\b(?:salid\w+|salir)\b[^.;]{0,40}?\b(?:salvo|excepto|a menos)\s+"
        r"que\b[^.;]{0,30}?\b(?:autorice|permita|d[ée] permiso)\b",
        negatable=False,
    )
    + patterns(
        "isolation",
        r"\b(?:contacto|llamadas?|comunicaci[óo]n)\s+con\s+(?:tu|vuestra)\s+familia\b[^.;]{0,40}?\b(?:salvo|"
        r"excepto|solo|[úu]nicamente|una vez|una llamada|desde la oficina|a trav[ée]s de)\b|"
        r"\bsin contacto con (?:el exterior|tu familia|nadie de fuera)\b",
        negatable=False,
    )
    + patterns(
        "intimidation_threats",
        # the worker's papers said to depend on the employer; a penalty or removal for missing work
        r"\b(?:tu|vuestro|vuestra)\s+(?:permiso(?: de (?:residencia|trabajo))?|visados?|visa|papeles|"
        r"residencia|situaci[óo]n|estancia|regularizaci[óo]n)\s+(?:depende\w*|est[áa] en (?:nuestras|mis) "
        r"manos)\b[^.;]{0,10}?\b(?:de (?:nosotros|m[íi]|la empresa|la familia|el patr[óo]n|la agencia|tu "
        r"jefe|tu comportamiento))?",
        r"\b(?:quien|quienes|el que|los que|la que|las que|al que|a quien|si)\b[^.;]{0,40}?\b(?:falt\w+|"
        r"lleg\w+ tarde|se quej\w+|protest\w+|reclam\w+|no cumpl\w+)\b[^.;]{0,40}?\b(?:(?:se )?(?:le|te|les) "
        r"(?:multa\w*|manda\w* de vuelta|env[íi]a\w* de vuelta|manda\w* a (?:su|tu) pa[íi]s|echa\w* a la "
        r"calle|descuentan (?:dos|tres|cuatro|[2-9]) d[íi]as|descuenta el doble)|(?:se )?(?:le|te|les) "
        r"descuentan (?:dos|tres|cuatro|[2-9])\b)",
        negatable=False,
    )
    + patterns(
        "excessive_overtime",
        r"\bsin (?:l[íi]mite|tope) de horas\b|\bhoras ilimitadas\b|\b(?:un|una|1) (?:d[íi]a|noche|tarde|"
        r"domingo) libre (?:cada|al|por) (?:quince d[íi]as|dos semanas|mes)\b",
        negatable=False,
    )
    + patterns(
        "deception",
        # the job, the post or the duties told only once the worker is there
        r"\b(?:tipo de trabajo|trabajo|puesto|funciones|tareas|empleador|empresa|sueldo|salario)\b"
        r"[^.;]{0,30}?\b(?:te (?:lo |la |los |las )?(?:explicamos|decimos|diremos|contamos|confirmamos|"
        r"confirmaremos|asignamos|asignaremos|concretamos|indicamos|indicaremos|informamos)|se (?:explica|"
        r"dice|decide|concreta|confirma|asigna|informa)\w*)\b[^.;]{0,15}?\b(?:al llegar|cuando llegues|"
        r"a la llegada|una vez all[íi]|cuando est[ée]s (?:all[íi]|all[áa]|en destino)|en destino)\b",
        r"\b(?:visad\w*|visas?|permisos? de (?:trabajo|residencia)|papeles|residencia)(?: de trabajo)?\s+"
        r"(?:100\s?%\s+)?garantizad[oa]s?\b|\bgarantizamos\s+(?:el|tu|la|los)\s+(?:visad\w*|visa|permiso|"
        r"papeles|residencia)\b",
        negatable=False,
    )
    + patterns(
        "pressure_urgency",
        r"\bsolo (?:por )?hoy\b|\bv[áa]lid[oa] (?:solo |[úu]nicamente )?(?:hoy|hasta (?:hoy|esta noche|"
        r"mañana|medianoche))\b|\bo (?:la |lo |tu plaza )?(?:perder[áa]s|pierdes)\b|\ben las pr[óo]ximas \d+ "
        r"horas\b|\bno lo pienses (?:mucho|m[áa]s|dos veces)\b",
        negatable=False,
    )
    + patterns(
        "no_written_contract",
        r"\b(?:acuerdo|trato|pacto|contrato) (?:es )?verbal\b|\b(?:no hay|sin) (?:contrato|nada) (?:por "
        r"escrito|firmado)\b|\bno (?:firmamos|se firma|hacemos|se hace) (?:ning[úu]n )?contrato\b",
        negatable=False,
    )
    + patterns(
        "abusive_conditions",
        r"\b(?:[89]|1\d|2\d|ocho|nueve|diez|doce|quince|veinte)\s+(?:personas|trabajador\w*|literas|camas)\s+"
        r"(?:por|en (?:una|cada|el|la))\s+(?:habitaci[óo]n|cuarto|barrac[óo]n|contenedor|caravana|dormitorio|"
        r"m[óo]dulo)\b",
        r"\b(?:alojamiento|alojad[oa]s|dorm\w+|duerm\w+|viv\w+)\b[^.;]{0,20}?\b(?:barracones|barrac[óo]n|"
        r"chabolas?|infravivienda)\b|\bun (?:solo |[úu]nico )?baño para (?:todos|todas|\d\d|veinte|"
        r"treinta)\b|"
        r"\bhacinad[oa]s\b",
        negatable=False,
    )
    + patterns(
        "abuse_of_vulnerability",
        r"\bda igual (?:tu |su |la )?(?:situaci[óo]n (?:migratoria|legal|administrativa|irregular)|papeles|"
        r"estatus|documentaci[óo]n)\b|\b(?:situaci[óo]n migratoria|estatus migratorio)\b[^.;]{0,20}?\b(?:da "
        r"igual|no importa|no es (?:un )?problema|sin problema)\b|\bnadie (?:te )?(?:pregunta|"
        r"pide papeles)\b",
        negatable=False,
    )
)

# Seventh wordings: a second fresh round in our own words, screened once (docs/benchmarks.md, "Eighth
# measurement"), missed these concepts; each is written for the concept, not for the sentence.
PATTERNS += tuple(
    patterns(
        "recruitment_fees",
        # a one-off payment, membership or sign-up fee for a place on the list, the file or the job
        r"\b(?:pago|cuota|tasa|matr[íi]cula|aportaci[óo]n|contribuci[óo]n|se[ñn]a)\s+(?:[úu]nic[oa]\s+|"
        r"inicial\s+)?(?:de\s+)?" + MONEY + r"[^.;]{0,30}?\b(?:para|por|en concepto de)\s+(?:la |el |tu )?"
        r"(?:apertura|inscripci[óo]n|alta|registro|reserva|tramitaci[óo]n|gesti[óo]n|expediente|"
        r"afiliaci[óo]n|plaza|puesto|visado|selecci[óo]n|acceso)\b",
        r"\b(?:cuota|tasa|matr[íi]cula)\s+de\s+(?:afiliaci[óo]n|membres[íi]a|registro|acceso|apertura|"
        r"ingreso)\b[^.;]{0,15}?" + MONEY,
        r"\b(?:con|una|la)\s+se[ñn]a\b[^.;]{0,10}?(?:de\s+)?" + MONEY,
        # the agency's commission, charged to the worker or taken from their pay
        r"\b(?:comisi[óo]n|honorarios|cuota|tarifa)\s+(?:de|del|de la)\s+(?:la\s+)?(?:agencia|agente|"
        r"intermediari[oa]|reclutador[a]?|captador[a]?|gestor[a]?|colocaci[óo]n)\b[^.;]{0,50}?(?:\bse "
        r"(?:te )?(?:descuenta|cobra|resta|quita|paga)\w*|\b(?:un|dos|medio) (?:mes(?:es)?|sueldos?|"
        r"salarios?)\b|" + MONEY + r")",
    )
    + patterns(
        "debt_bondage",
        r"\b(?:nos|me|le|les)\s+(?:lo |la |los |las )?(?:vas|ir[áa]s|vais) (?:pagando|devolviendo|"
        r"abonando)\b",
    )
    + patterns(
        "withholding_of_wages",
        # the first month's pay kept as a deposit
        r"\b(?:primer|primeros|primera|primeras|un|una|dos)\s+(?:mes(?:es)?|semanas?|quincenas?|pagas?|"
        r"sueldos?)\b[^.;]{0,30}?\bcomo (?:garant[íi]a|fianza|dep[óo]sito|aval)\b",
    )
    + patterns(
        "control_of_pay",
        r"\b(?:tu|tus|vuestr[oa]s?)\s+" + _CARD + r"\b[^.;]{0,30}?\b(?:la|las|lo|los)\s+(?:guardamos|tenemos|"
        r"custodiamos|gestionamos|controlamos|guarda|tiene|custodia|gestiona|controla)\b",
    )
    + patterns(
        "retention_of_identity_documents",
        r"\bse (?:recogen?|retienen?|guardan?|custodian?)\s+(?:los |las |el |la |tus |sus )?" + _DOC + r"\b",
        r"\b" + _DOC + r"\b[^.;]{0,60}?\bse (?:te |les? )?(?:entregan?|restituyen?)\b[^.;]{0,20}?\b(?:al "
        r"(?:final|terminar|acabar|irte|marcharte)|cuando (?:termine|acabe|te vayas|te marches|finalice)|a "
        r"fin de)\b",
    )
    + patterns(
        "restriction_of_movement",
        # workers who may not go out alone
        r"\b(?:trabajador\w*|internas?|empleadas?|chicas|muchachas|operari\w+|jornaler\w+|temporer\w+)\b"
        r"[^.;]{0,30}?\bno (?:salen|sale|pueden salir|puede salir)\s+sol[oa]s?\b|\bno (?:sales|"
        r"puedes salir)\s+"
        r"sol[oa]\b",
        negatable=False,
    )
    + patterns(
        "isolation",
        r"\b(?:m[óo]vil(?:es)?|tel[ée]fonos?|celular(?:es)?)\b[^.;]{0,40}?\b(?:se (?:te |les? )?devuelven?|"
        r"te (?:lo|los) devolvemos)\s+(?:el|los)\s+(?:lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bados?|"
        r"domingos?|fines? de semana|d[íi]as? libres?)\b",
        negatable=False,
    )
    + patterns(
        "intimidation_threats",
        r"\bya sabes lo que (?:les |te |le )?pasa\b|\b(?:chivat[oa]s?|soplones?)\b",
        negatable=False,
    )
    + patterns(
        "deception",
        r"\b(?:tipo de trabajo|trabajo(?: concreto)?|puesto|funciones|tareas)\b[^.;]{0,30}?\b(?:se ver[áa]|"
        r"se sabr[áa]|lo ver[áa]s|lo sabr[áa]s)\s+(?:all[íi]|all[áa]|en destino|al llegar|cuando llegues)\b",
        negatable=False,
    )
    + patterns(
        "too_good_to_be_true",
        # income "from home" or "without an interview" (not "sin experiencia": lawful adverts train novices)
        r"\b(?:ingresos|ganancias|gana\w*)\b[^.;]{0,40}?\b(?:desde (?:tu )?casa|sin entrevista|sin "
        r"requisitos)\b",
        r"\b(?:empaquet|ensobr|embols|rellen)\w*\b[^.;]{0,30}?\bdesde (?:tu )?casa\b",
        negatable=False,
    )
    + patterns(
        "pressure_urgency",
        r"\bplazas (?:casi |pr[áa]cticamente )?agotadas\b",
        negatable=False,
    )
    + patterns(
        "no_papers_needed",
        r"\bsin necesidad de (?:tener )?(?:papeles|permiso(?! de conducir)(?: de (?:trabajo|residencia))?|"
        r"documentos|documentaci[óo]n|nie|visado)\b",
        negatable=False,
    )
)

# Eighth wordings: a third fresh round (whole adverts in our own words), screened once, missed these.
PATTERNS += tuple(
    patterns(
        "recruitment_fees",
        # the price of the migration or hiring "process", and paying it in instalments
        r"\b(?:costo|coste|precio|valor|importe)\s+(?:total\s+)?del?\s+(?:proceso|tr[áa]mite|tramitaci[óo]n|"
        r"programa|paquete)\b[^.;]{0,30}?(?::|\bes de\b|\bde\b)\s*" + MONEY,
        r"\bfacilidades de pago\b|\bfinanciamos (?:el|tu) (?:proceso|viaje|visado|tr[áa]mite)\b",
    )
    + patterns(
        "withholding_of_wages",
        # pay held for months "so that you save"
        r"\b(?:te |os )?(?:pagamos|pagaremos|cobras|cobrar[áa]s|se paga|se cobra)\b[^.;]{0,10}?\bcada "
        r"(?:dos|tres|cuatro|seis|[2-9]) meses\b|\bpara que ahorres\b",
    )
    + patterns(
        "physical_sexual_violence",
        # photos in swimwear asked of applicants; private events for businessmen
        r"\bfotos?\b[^.;]{0,20}?\b(?:en (?:bikini|bañador|ropa interior|lencer[íi]a)|sin ropa|desnud\w+)\b",
        r"\b(?:eventos|fiestas|reuniones|cenas) privad[oa]s\b[^.;]{0,30}?\b(?:empresarios|caballeros|"
        r"señores|hombres)\b",
    )
)

GUARDS = guards(
    {
        "retention_of_identity_documents": r"\b(?:copia|fotocopia|escane\w+)\b|\bte (?:lo|la|los|las) "
        r"devolvemos\b|\bsiempre (?:contigo|en tu poder)\b|\btus? propi[oa]s?\b|\bpapeles en regla\b",
        # a statement of the rule ("cobrar a los trabajadores es ilegal") or a fee stated as none
        "recruitment_fees": r"\bpag\w*\s+(?:un |el |tu )?alquiler\b|\b(?:ilegal|prohibido|"
        r"no est[áa] permitido)\b|\b(?:gastos|tasas?|"
        r"cuotas?|comisi[óo]n)\b"
        r"[^.;]{0,30}?:\s*(?:0|cero|ninguno|ninguna|gratis)\b|\b(?:pagad|cubiert|asumid|financiad|"
        r"reembolsad|abonad)[oa]s?\s+(?:\w+\s+)?por "
        r"(?:la empresa|el empleador|nosotros|la familia|el armador|el cliente)\b|"
        # the worker's share of meal vouchers is a benefit they take up, not a fee for the job
        r"\b(?:cheques?|tickets?|vales?|tarjetas?) (?:de )?(?:restaurante|comida)\b|"
        r"\b(?:la empresa|nosotros|el empleador|la familia|el armador)\b[^.;]{0,20}?\b"
        r"(?:paga|pagamos|cubre|cubrimos|asume|asumimos|corre con)\b|\ba cargo de la empresa\b|\bcorren? a "
        r"cargo\b|\b(?:la|lo|los|las) pagamos nosotros\b|\bsin coste\b|\breembolsamos\b|\bno (?:cobramos|se "
        r"cobra)\b|\bcotizaci[óo]n\w* (?:a la )?seguridad social\b|\birpf\b",
        "work_related_charges": r"\b(?:la empresa|nosotros)\b[^.;]{0,20}?\b(?:paga|pagamos|pone|ponemos)\b|"
        r"\ba cargo de la empresa\b|\bcorren? a cargo\b|\bgratis\b",
        "wage_deductions": r"\b(?:cheques?|tickets?|vales?|tarjetas?) (?:de )?(?:restaurante|comida)\b|"
        r"\bno se descuenta\b|\bpor escrito\b|\bopcional\b|\bsi (?:lo )?quieres\b|"
        r"\b(?:acuerdo|consentimiento|autorizaci[óo]n) (?:firmad[oa]|expres[oa]|escrit[oa])\b|\bcon tu "
        r"(?:acuerdo|consentimiento|autorizaci[óo]n)\b|\b(?:seg[úu]n|conforme a) (?:la ley|"
        r"(?:el )?convenio)\b|"
        r"\bl[íi]mite legal\b|\b(?:cotizaciones|irpf|seguridad social|retenci[óo]n fiscal)\b",
        # a bonus or the final settlement paid at the end is on top of pay, not pay held back; the employer
        # paying the return ticket at the end of the season is travel paid, not pay held
        "pay_withheld_until_end": r"\bal (?:terminar|acabar|finalizar|final de) (?:cada (?:evento|servicio|"
        r"turno|jornada|d[íi]a|semana|bolo)|(?:el|la) (?:turno|jornada|d[íi]a))\b|"
        r"^(?:(?!sueldo|salario|n[óo]mina|paga\b|jornal)[^.;])*?\b(?:te |os )?"
        r"(?:pagamos|pagaremos|abonamos)\s+(?:el|la|los|las)\s+(?:billetes?|viajes?|vuelos?|pasajes?|"
        r"traslados?|desplazamientos?|alojamiento|transporte)\b|"
        r"^(?:(?!sueldo|salario|n[óo]mina|paga\b)[^.;])*\b(?:plus|primas?|bonus|"
        r"gratificaci[óo]n|incentivos?|finiquito|liquidaci[óo]n final|paga extra)\b(?![^.;]{0,40}\b(?:sueldo|"
        r"salario|n[óo]mina)\b)|\badem[áa]s del "
        r"(?:sueldo|salario)\b|"
        r"\b(?:cada|todas las) (?:semanas?|mes(?:es)?|d[íi]as?|quincenas?)\b|"
        r"\bmensual\w*\b|\bsemanal\w*\b|\bfinal de (?:cada )?mes\b",
        "excessive_overtime": r"\babierto (?:todos los d[íi]as|de lunes a domingo)\b|\bhorario de apertura\b|"
        r"\b(?:un|uno|dos|tres|[1-3])\s+d[íi]as? (?:libres?|de descanso)\b|\bdescanso semanal\b|"
        r"\bturnos rotativos\b",
        # phones kept in a locker during the shift (food safety, machinery) is a workplace rule
        # working from home "sin salir de casa" is remote work, not confinement
        # and leaving early paid for every day worked is the worker free to go
        "restriction_of_movement": r"\bsin salir de (?:tu |su )?casa\b|\bteletrabajo\b|\ben remoto\b|"
        r"\b(?:cobras|cobrar[áa]s|se te paga|te pagamos)\s+(?:todo\s+)?"
        r"(?:lo trabajado|los d[íi]as trabajados)\b",
        "isolation": r"\b(?:coche|veh[íi]culo) propio\b|\bcarn[ée]t? de conducir\b|"
        r"\b(?:taquillas?|durante (?:el|los) turnos?|en horario de trabajo|seguridad "
        r"(?:alimentaria|laboral)|en (?:el|los) descansos?)\b",
        # advice to the worker ("en caso de accidente, llama a la policía") is not a threat
        "intimidation_threats": r"\bpolic[íi]a cient[íi]fica\b|\bcolabora\w* con la polic[íi]a\b|"
        r"\ben caso de (?:accidente|emergencia|incidente|agresi[óo]n|robo|problema)\b"
        r"|"
        r"\bpuedes\b|\bno dudes\b",
        "pressure_urgency": r"\b(?:curso|formaci[óo]n|taller)\w* (?:gratuit\w+|gratis)\b|\bgratuit\w* de "
        r"formaci[óo]n\b",
        # a cost refunded to the worker ("se te reembolsa", "te lo devolvemos") is the employer paying
        "debt_bondage": r"\bse (?:te |les? )?reembolsa\w*\b|\bse te devuelve\w*\b|\bte (?:lo |la |los |las )?"
        r"(?:reembolsamos|devolvemos|abonamos)\b|\breembolsad[oa]s? (?:a ti|al trabajador)\b|"
        r"\bsin intereses\b[^.;]{0,30}?\bsi (?:lo )?(?:necesitas|quieres|pides)\b",
        # income tax and social security withheld by law are not wages held back
        "withholding_of_wages": r"\birpf\b|\bretenci[óo]n fiscal\b|\bseguridad social\b|\bcotizaci[óo]n\w*\b",
        "control_of_pay": r"\bayud\w*\s+(?:a\s+)?(?:los\s+)?(?:clientes|residentes|usuarios|pacientes|"
        r"personas)\b[^.;]{0,15}?\b(?:gestionar|administrar)\b",
    }
)

#: A document asked for the worker's registration with Social Security, no money named: the employer's legal
#: duty, neither a fee nor a document kept.
_REGISTRATION = (
    "a document asked for the worker's registration with Social Security is the employer's legal duty",
    r"^(?![^.;]*(?:\d|€|\$|\beuros?\b|\bd[óo]lares\b|\bpesos\b|\bpag))[^.;]*\b(?:pide|piden|pedimos|"
    r"solicita\w*|necesita\w*)\b[^.;]{0,15}?\bpara (?:el |tu |darte de )?alta en la seguridad social\b",
)

HOMONYMS = {
    "recruitment_fees": (_REGISTRATION,),
    # taking customers' cash and card payments at a till is the job, not the worker paid in cash
    "cash_or_third_party_pay": (
        (
            "the employer paying a taxi or the fare home is a benefit, not how the worker is paid",
            r"\b(?:la empresa|nosotros|el empleador)\b[^.;]{0,20}?\b(?:paga|pagamos|cubre|cubrimos)\s+"
            r"(?:el|los|un|tu)\s+(?:taxis?|transporte|billetes?|viajes?|pasajes?)\b|"
            # the clause before it ("si te quedas sin transporte por la noche, ...") is about getting home
            r"\b(?:sin|no hay) transporte\b",
        ),
        (
            "taking customers' payments in cash or by card is a till duty, not how the worker is paid",
            r"\bcobr\w*\s+(?:a (?:los )?clientes\s+)?en efectivo (?:y|o) (?:con |por )?tarjeta\b|"
            r"\b(?:cobros?|"
            r"cobrar) (?:a (?:los )?clientes|en caja)\b|\bcuadre de caja\b|\bmanejo de (?:caja|efectivo)\b",
        ),
    ),
    # informing or advising the people the job serves is a duty ("informar a los pacientes"), not a lie told
    # to the worker (found by the meaning probe, bench/screening_ordinary_probe.py --meaning)
    "deception": (
        (
            "informing the people the job serves is a duty, not deceiving the worker",
            r"\b(?:inform|asesor|orient)\w*\s+a\s+(?:los|las)\s+(?:pacientes|usuari[oa]s|clientes|residentes|"
            r"familias|viajeros|alumn[oa]s|consumidores)\b",
        ),
        (
            "a radar's interrogation is a signal it sends, not questioning a worker",
            r"\b(?:c[óo]digos?|modo|se[ñn]al\w*|radar\w*) (?:\w+ ){0,3}?de interrogaci[óo]n\b",
        ),
    ),
    "retention_of_identity_documents": (
        _REGISTRATION,
        (
            "guests' or passengers' documents checked at a desk are a duty, not the worker's own",
            r"\b(?:pasaportes?|documentos?|dni|documentaci[óo]n)\s+(?:de\s+)?(?:los|las|nuestros|nuestras)\s+"
            r"(?:hu[ée]spedes|clientes|pasajeros|viajeros|pacientes|usuari[oa]s|visitantes|alumn[oa]s)\b",
        ),
        (
            "an access card or badge is the workplace's, not the worker's identity document",
            r"\btarjetas? (?:de )?(?:acceso|fichar|fichaje|visita)\b|\bpases? de acceso\b|"
            r"\bacreditaci[óo]n\b",
        ),
        (
            "documents handled as part of the job are work papers, not the worker's own",
            r"\b(?:expedientes|archivo|documentaci[óo]n (?:de (?:los )?clientes|t[ée]cnica|aduanera|"
            r"financiera|"
            r"contable|comercial|sobre|del? (?:proyecto|pedido|obra|proceso|producto|buque|carga)\w*))\b",
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

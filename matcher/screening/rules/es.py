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
    r"(?:pasajes?|billetes?|viajes?|vuelos?|transporte|traslados?|desplazamientos?|visados?|visas?|gastos|cos"
    r"tes?|costos?|tr[áa]mites?|adelantos?|"
    r"anticipos?|pr[ée]stamos?|deudas?|formaci[óo]n|curso|equipo|material)"
)
_RECOVER = (
    r"(?:se descuenta\w*|descontad\w+|descontar\w*|\w*descontando|lo descuentas|se cobra\w*|se devuelve\w*|"
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
        r"\b(?:la|las|los|tu|su) (?:contrato|n[óo]minas?|papeles)\b[^.;]{0,10}?\b(?:pone|pondr[áa]|dice|dir[á"
        r"a]|"
        r"figura|figurar[áa]|aparece|aparecer[áa]|indica|indicar[áa])\b[^.;]{0,50}?\b(?:pero|aunque|"
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
        # a bonus or the final settlement paid at the end is on top of pay, not pay held back
        "pay_withheld_until_end": r"^(?:(?!sueldo|salario|n[óo]mina|paga\b)[^.;])*\b(?:plus|primas?|bonus|"
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
        "restriction_of_movement": r"\bsin salir de (?:tu |su )?casa\b|\bteletrabajo\b|\ben remoto\b",
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

HOMONYMS = {
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

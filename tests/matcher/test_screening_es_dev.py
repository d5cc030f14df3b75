"""Spanish screening as thorough as English: a development set in our own words (issue 19, eighth look).

Written for this work before the rules it led to (see ``docs/benchmarks.md``, "Eighth measurement of the
held-out half"), from the indicator definitions and the English rules' concepts, not from any evaluation
advert: Spain and Latin American Spanish, formal adverts, WhatsApp-style messages and subtle phrasings. Each
risky sentence carries one sign and must be held with the indicator it shows (or its sibling, where the
sign is the same money seen from two sides: a deposit for a place is a fee and a charge). Each lawful
sentence shares words with a risky one ("fianza", "uniforme", "pasaporte", "cuenta", "billetes",
"anticipo", "propinas", "periodo de prueba") and must pass: an honest employer wrongly held is harm.
"""

from __future__ import annotations

from functools import partial

import pytest

from matcher.screening import Screener
from tests.matcher.conftest import verdict

_FEES = ("recruitment_fees", "work_related_charges")
_DEDUCTIONS = ("wage_deductions", "work_related_charges")
_THIRD_PARTY = ("control_of_pay", "cash_or_third_party_pay")


_indicators = partial(verdict, employer="Servicios Horizonte S.L.")


#: (sentence, the indicator or indicators any one of which names its sign)
SPANISH_RISKY: list[tuple[str, str | tuple[str, ...]]] = [
    # fees for the job, the visa, sponsorship or the work permit (Employer Pays Principle)
    (
        "Para formalizar tu candidatura debes hacer un Bizum de 45 € en concepto de gastos de gestión.",
        "recruitment_fees",
    ),
    (
        "Hola!! para apartar tu lugar en el grupo que viaja a Canadá necesitamos el depósito de 300 dólares "
        "antes del viernes 🙏",
        _FEES,
    ),
    (
        "La empresa patrocinadora en Alemania pide 2.500 euros por el contrato de trabajo y la tramitación "
        "del visado.",
        "recruitment_fees",
    ),
    (
        "El permiso de trabajo sale en 3 meses; su costo (1.800 USD) lo asume el postulante.",
        "recruitment_fees",
    ),
    (
        "Tras la entrevista, la agencia se queda con un 15 % de tus primeras seis nóminas por la colocación.",
        "recruitment_fees",
    ),
    # deposits and charges for training, uniforms, equipment or a medical
    (
        "Curso de capacitación previo al embarque obligatorio: 350 dólares, se paga al inscribirse.",
        _FEES,
    ),
    (
        "Te contratamos como repartidor; la moto te la alquilamos nosotros a 70 € por semana.",
        "work_related_charges",
    ),
    (
        "Para entrar en la plantilla se requiere una fianza por el uniforme y la tablet de 120 €.",
        "work_related_charges",
    ),
    (
        "Para aplicar a la vacante en Qatar hay que abonar la evaluación médica y psicológica en nuestro "
        "centro (150 USD).",
        _FEES,
    ),
    # deductions for uniforms, housing, food or transport
    ("El uniforme y el calzado de seguridad se descuentan del primer sueldo (90 €).", _DEDUCTIONS),
    (
        "La habitación en el piso compartido son 280 € al mes y se restan directamente de la nómina.",
        "wage_deductions",
    ),
    ("Del jornal se quita lo de la comida, el transporte a la finca y la cama.", "wage_deductions"),
    # travel or costs advanced by the employer and repaid from wages; debts that tie the worker
    (
        "El pasaje de avión te lo pagamos nosotros y luego lo vas reponiendo con tu sueldo, más un pequeño "
        "interés.",
        "debt_bondage",
    ),
    (
        "Quien deje la temporada antes de tiempo tendrá que abonar el importe íntegro del viaje y el "
        "alojamiento.",
        "debt_bondage",
    ),
    ("Lo que cuesta traerte a España lo recuperamos poco a poco de tu paga.", "debt_bondage"),
    (
        "En el economato de la finca puedes coger lo que necesites fiado; se te apunta y se liquida a fin "
        "de mes.",
        "debt_bondage",
    ),
    ("Quedas debiendo el costo del traslado hasta que lo canceles trabajando.", "debt_bondage"),
    # wages withheld: unpaid trial or training, part kept back, pay only at the end or at a target
    ("Las dos primeras semanas son de prueba y no se remuneran.", "withholding_of_wages"),
    ("Periodo de formación de 15 días sin remunerar, después contrato.", "withholding_of_wages"),
    ("Retenemos el 20 % de cada paga como garantía de que terminas la campaña.", "withholding_of_wages"),
    (
        "El salario se abona íntegro al regresar a tu país, para que no lo gastes aquí.",
        "pay_withheld_until_end",
    ),
    ("No cobras nada hasta que vendas las primeras 30 pólizas.", "pay_withheld_until_end"),
    (
        "Las comisiones acumuladas se liberan solo cuando cumplas seis meses en la empresa.",
        "pay_withheld_until_end",
    ),
    # the worker's account, card, tips or wages controlled by someone else
    (
        "Abrimos una cuenta a tu nombre, pero la tarjeta y las claves quedan en la oficina.",
        "control_of_pay",
    ),
    ("Las propinas se las queda el dueño del local.", "control_of_pay"),
    (
        "Tu salario se deposita directamente a tu familia en Honduras; aquí recibes 40 dólares semanales "
        "para gastos.",
        _THIRD_PARTY,
    ),
    # pay or hours different from the papers; pay off the books
    (
        "Te damos de alta a media jornada, pero el horario real es de 9 a 21.",
        ("pay_differs_from_contract", "deception"),
    ),
    ("Cada mes firmas un recibo por 1.300 €, aunque en mano te llevas 850.", "pay_differs_from_contract"),
    ("Parte del sueldo va en nómina y el resto en B, en sobre.", "cash_or_third_party_pay"),
    # identity documents kept
    (
        "Al incorporarte, el pasaporte lo custodia el encargado por si hay inspecciones.",
        "retention_of_identity_documents",
    ),
    (
        "Hay que entregar el DNI original al llegar a la finca; se devuelve al final de la campaña.",
        "retention_of_identity_documents",
    ),
    (
        "La cédula y el pasaporte de las trabajadoras se mantienen bajo llave en la casa de los patrones.",
        "retention_of_identity_documents",
    ),
    # restricted movement and isolation
    (
        "Después del turno todas las chicas se quedan en la residencia; la puerta se cierra por fuera a "
        "las 22 h.",
        "restriction_of_movement",
    ),
    (
        "Los días de descanso se pasan en la finca, salvo que el capataz autorice la salida.",
        "restriction_of_movement",
    ),
    (
        "Durante el contrato no tendrás contacto con tu familia salvo una llamada al mes desde la oficina.",
        "isolation",
    ),
    # threats
    (
        "Recuerda que tu permiso de residencia depende de nosotros, así que nada de quejas.",
        "intimidation_threats",
    ),
    (
        "Al que falte un día se le descuentan tres y se le manda de vuelta a su país.",
        "intimidation_threats",
    ),
    # excessive hours
    ("Jornadas de 14 horas en temporada alta, de lunes a sábado.", "excessive_overtime"),
    ("Turnos de 16 horas con una noche libre cada quince días.", "excessive_overtime"),
    ("Se trabaja sin límite de horas hasta cerrar el pedido.", "excessive_overtime"),
    # deception, scams, pressure and the job kept vague
    ("Visado de trabajo garantizado al 100 % en 30 días, aunque no hables inglés.", "deception"),
    ("El tipo de trabajo te lo confirmamos cuando estés allí.", "deception"),
    (
        "Gana hasta 3.500 € al mes desde el móvil, sin experiencia y solo dos horas al día.",
        "too_good_to_be_true",
    ),
    (
        "Oferta válida solo hoy: confirma tu plaza antes de medianoche o la perderás.",
        "pressure_urgency",
    ),
    (
        "Mándanos foto del DNI por las dos caras y el número de tu cuenta por WhatsApp para darte de alta.",
        "upfront_id_or_bank",
    ),
    ("No hay contrato por escrito, el acuerdo es verbal.", "no_written_contract"),
    # living conditions and vulnerability
    (
        "Alojamiento en barracones con 12 literas por cuarto y un baño para todos.",
        "abusive_conditions",
    ),
    (
        "Da igual tu situación migratoria, aquí nadie pregunta.",
        ("abuse_of_vulnerability", "no_papers_needed"),
    ),
]

#: Lawful sentences that share words with the risky ones: none may be held.
SPANISH_LAWFUL = [
    "El depósito de la fianza del piso lo paga la empresa.",
    "Uniforme gratuito y lavandería a cargo de la empresa.",
    "El pasaporte solo se pide para el alta en la Seguridad Social y se devuelve en el momento.",
    "Nómina mensual por transferencia a una cuenta bancaria a nombre del trabajador.",
    "Billetes de avión de ida y vuelta pagados por la empresa, sin devolución.",
    "Puedes solicitar un anticipo a cuenta de la nómina del mes en curso, sin intereses.",
    "Contrato indefinido tras seis meses; el periodo de prueba es remunerado.",
    "Periodo de prueba de dos meses, con salario completo desde el primer día.",
    "Si decides alojarte en la residencia de la empresa, el alquiler (200 €/mes) va en un contrato de "
    "arrendamiento aparte y es opcional.",
    "Las propinas se reparten a partes iguales entre todo el personal de sala.",
    "La agencia no cobra ninguna tasa: los gastos de visado y colocación corren a cargo del empleador.",
    "Formación inicial de dos semanas, retribuida y en horario laboral.",
    "Se requiere traer el DNI o NIE el primer día para firmar el contrato.",
    "Gestión de cobros y pagos a proveedores, conciliación bancaria y control de caja.",
    "Buscamos técnico de nóminas: cálculo de retenciones de IRPF, embargos y anticipos de la plantilla.",
    "Agente de viajes: emisión de billetes, tramitación de visados para clientes y cobro de reservas.",
    "Repartidor con moto de empresa; gasolina y mantenimiento incluidos.",
    "Horario de 8 a 16 h de lunes a viernes, con dos días de descanso semanal.",
    "Restaurante abierto de lunes a domingo; turnos rotativos de 40 horas semanales con dos días libres.",
    "Cajero/a: apertura y cierre de caja, ingreso del efectivo en el banco.",
    "Recepcionista: custodia de las llaves y de los objetos de valor de los huéspedes.",
    "Pagas extraordinarias en junio y diciembre, además del salario mensual.",
    "El finiquito se abona al terminar el contrato, junto con las vacaciones no disfrutadas.",
    "Sueldo fijo de 1.250 € más comisiones por venta, pagado el último día de cada mes.",
    "Vendedor de seguros: asesora a los clientes sobre las cuotas y tasas de sus pólizas.",
    "Monitor/a de campamento: acompañar a los niños en las salidas y excursiones.",
    "Los móviles se guardan en taquilla durante el turno por seguridad alimentaria.",
    "Teletrabajo desde casa con horario flexible; ordenador y conexión a cargo de la empresa.",
    "Se pagan horas extra a 15 € la hora, siempre voluntarias.",
    "El curso de prevención de riesgos laborales es gratuito y se hace en horario de trabajo.",
    "Recepcionista en clínica dental: cobro de tratamientos a pacientes y gestión de citas.",
    "Ayudamos con el trámite del permiso de trabajo sin coste para el candidato.",
    "Alojamiento gratuito en apartamento compartido de dos personas, con baño propio.",
    "Los desplazamientos a la obra se hacen en furgoneta de la empresa sin coste.",
    "Puedes recibir visitas y salir libremente en tus horas libres.",
    "Administrativo/a para gestoría: tramitar altas y bajas en la Seguridad Social y permisos de residencia "
    "de clientes.",
    "Teleoperador/a de recobro: negociar deudas con clientes morosos.",
    "Cocina de alta gama: jornada de 40 horas, turnos partidos y dos días libres semanales.",
    "Alquiler de bicicletas: atención al cliente, cobro de fianzas y mantenimiento.",
    "Empresa de mudanzas: embalar, cargar y descargar; comida pagada cuando hay viaje.",
    "Los primeros quince días de formación se cobran como el resto del mes.",
    "Mandar la documentación del pedido a los clientes por correo electrónico.",
    "Si te quedas sin transporte por la noche, la empresa paga el taxi a casa.",
    "Las nóminas del mes se pagan el día 30; la paga de beneficios, en marzo.",
    "Seleccionamos personal sin experiencia: formación a cargo de la empresa y salario según convenio.",
    "Interna con contrato de 40 horas, descanso de 36 horas seguidas a la semana y alta en la Seguridad "
    "Social.",
]


#: A second round, written after the rules above and screened once before the rules it led to (short
#: sentences), and a third (whole adverts); in-sample now, kept as regression tests.
SPANISH_RISKY += [
    (
        "Para que te tomen en cuenta en la bolsa de trabajo de Canadá, hay que cubrir una cuota de "
        "afiliación de 120 dólares.",
        ("recruitment_fees", "work_related_charges"),
    ),
    (
        "Se solicita a los interesados un pago único de 75 € para la apertura de expediente.",
        "recruitment_fees",
    ),
    (
        "Los gastos del visado H-2A se te restan en cuatro pagos de tu cheque.",
        ("recruitment_fees", "debt_bondage", "wage_deductions"),
    ),
    ("Te prestamos para el boleto y nos vas pagando semana a semana con lo que ganes.", "debt_bondage"),
    ("La ropa de trabajo corre por tu cuenta y se compra en nuestra tienda.", "work_related_charges"),
    (
        "Fianza de 50 € por el chaleco y el terminal, que se descuenta de la primera nómina.",
        "work_related_charges",
    ),
    (
        "El encargado cobra el sueldo de toda la cuadrilla y luego reparte.",
        ("control_of_pay", "cash_or_third_party_pay"),
    ),
    ("Tu libreta del banco la guardamos nosotros para que no pierdas el dinero.", "control_of_pay"),
    ("Se paga al terminar la zafra, todo de un jalón.", "pay_withheld_until_end"),
    (
        "El primer mes se queda como depósito y se te devuelve al acabar el contrato.",
        ("withholding_of_wages", "pay_withheld_until_end"),
    ),
    (
        "En la nómina aparecerán 1.100 €, pero cobrarás 700 y el resto en efectivo cuando toque.",
        "pay_differs_from_contract",
    ),
    (
        "Tus papeles se quedan en la caja fuerte del jefe mientras trabajes aquí.",
        "retention_of_identity_documents",
    ),
    (
        "A la llegada se recogen los pasaportes para tramitar la residencia y se entregan al terminar el "
        "contrato.",
        "retention_of_identity_documents",
    ),
    (
        "Las trabajadoras internas no salen solas; para ir al pueblo las lleva la señora.",
        "restriction_of_movement",
    ),
    ("Los teléfonos se entregan el lunes y se devuelven el sábado por la tarde.", "isolation"),
    (
        "Si alguien se entera de cómo trabajamos, ya sabes lo que les pasa a los chivatos.",
        "intimidation_threats",
    ),
    ("Trabajamos de 6 de la mañana a 10 de la noche, los siete días.", "excessive_overtime"),
    ("Disponibilidad total, incluidos domingos y festivos, sin compensación.", "excessive_overtime"),
    ("Anuncio: camareras para Japón, viaje pagado, el trabajo concreto se verá allí.", "deception"),
    ("Ingresos desde 600 € a la semana empaquetando desde casa, sin entrevista.", "too_good_to_be_true"),
    (
        "Plazas casi agotadas: reserva hoy con una seña de 40 dólares.",
        ("recruitment_fees", "pressure_urgency", "work_related_charges"),
    ),
    ("Envíanos por privado tu número de tarjeta para el depósito de tu primer pago.", "upfront_id_or_bank"),
    ("Ofrecemos trabajo sin necesidad de permiso, pagamos al día.", "no_papers_needed"),
    ("Dormirán en el almacén sobre colchonetas hasta que haya sitio.", "abusive_conditions"),
    (
        "La comisión de la agencia (un mes de salario) se descuenta en cuotas de tus primeros pagos.",
        ("recruitment_fees", "debt_bondage"),
    ),
    (
        "Buscamos chicas para trabajar en restaurante en Italia. El viaje lo adelanta la agencia y se va "
        "descontando mes a mes de lo que cobres. Alojamiento con la dueña.",
        "debt_bondage",
    ),
    (
        "Empresa agrícola de Murcia. Los documentos de los temporeros los tiene la cooperativa hasta final "
        "de campaña. Jornal 45 €.",
        "retention_of_identity_documents",
    ),
    (
        "Se necesita personal para limpieza de oficinas en Miami. Costo del proceso migratorio: 3.000 "
        "dólares, con facilidades de pago.",
        "recruitment_fees",
    ),
    (
        "Trabajo en almacén. Te pagamos cada tres meses para que ahorres. Incorporación inmediata.",
        "withholding_of_wages",
    ),
    (
        "Oferta para conductor: el camión te lo arrendamos por 400 € semanales y tú te quedas con lo demás.",
        "work_related_charges",
    ),
    ("Cuidadora interna en Madrid, libra cuando la familia diga, sin horario.", "excessive_overtime"),
    (
        "Hola guapa! trabajo de azafata de imagen en eventos privados para empresarios, muy bien pagado, "
        "manda fotos en bikini.",
        "physical_sexual_violence",
    ),
    (
        "Para asegurar tu contratación en la maquiladora tienes que dejar firmado un pagaré en blanco.",
        "debt_bondage",
    ),
]
SPANISH_LAWFUL += [
    "Contrato de 20 horas y trabajas de lunes a viernes por las mañanas.",
    "Alta en la Seguridad Social a media jornada, y si quieres ampliamos a jornada completa.",
    "La tarjeta de acceso se queda en recepción al terminar el turno.",
    "Las propinas son para el personal y se reparten cada semana.",
    "La cuota sindical es voluntaria y se descuenta solo si te afilias.",
    "Te pagamos el billete de vuelta al terminar la temporada.",
    "Gastos de desplazamiento: 0,26 € por km, que te abonamos con la nómina.",
    "La empresa adelanta el coste del carné de carretillero y no se descuenta nada.",
    "Puedes enviar parte de tu sueldo a tu familia desde la app del banco cuando quieras.",
    "Trae tu pasaporte el primer día; lo escaneamos y te lo devolvemos al momento.",
    "Residencia para trabajadores con habitaciones dobles, cocina y wifi; entrada y salida libres.",
    "El encargado autoriza las horas extra, que se pagan aparte.",
    "Conductor de autobús escolar: recoger y acompañar a los alumnos en las salidas.",
    "Comercial de tarjetas de crédito: captación de clientes en centros comerciales.",
    "Gestionamos las nóminas de nuestros clientes y sus altas en la Seguridad Social.",
    "Envíanos tu CV en sobre cerrado o por correo electrónico.",
    "Salario fijo en nómina, sin pagos en B: todo declarado.",
    "Periodo de prueba de 15 días, remunerado como el resto del contrato.",
    "Los cursos de formación obligatoria (PRL) son gratuitos y dentro de la jornada.",
    "Vendemos motos y patinetes eléctricos; buscamos mecánico con experiencia.",
    "Si te vas antes de terminar la campaña, cobras todo lo trabajado hasta ese día.",
    "Cajero de supermercado: cobro en efectivo y con tarjeta, cuadre de caja al final del turno.",
    "Se ofrece alojamiento opcional en la finca a 100 € al mes, con contrato de alquiler.",
    "Buscamos repartidores con vehículo propio; la empresa paga el combustible.",
    "Oferta válida para candidatos con permiso de trabajo en vigor.",
    "No hace falta experiencia: te formamos con sueldo desde el primer día.",
    "El sueldo se abona por transferencia el día 1 de cada mes.",
    "Dos días libres a la semana y un fin de semana largo al mes.",
    "Hotel de cuatro estrellas en Benidorm busca camarero/a de pisos. Contrato de temporada de abril a "
    "octubre, 40 horas semanales, dos días libres. Alojamiento en apartamento compartido a cargo de la "
    "empresa. Uniforme facilitado por el hotel.",
    "Empresa de limpieza en Bogotá requiere operarias con experiencia. Salario mínimo más auxilio de "
    "transporte, prestaciones de ley y pago quincenal por transferencia bancaria.",
    "Se busca repartidor/a para supermercado. Furgoneta de empresa, contrato indefinido a jornada "
    "completa, 1.350 € brutos en 14 pagas. Imprescindible carné B.",
    "Residencia de mayores en Valencia necesita gerocultor/a. Turnos rotativos de mañana, tarde y noche, "
    "según convenio. Formación continua pagada por el centro.",
    "Agencia de empleo autorizada n.º 9900000123. Reclutamos jornaleros para la campaña de la fresa en "
    "Huelva. Ningún coste para el trabajador: el viaje, el alojamiento y los trámites los asume el "
    "empleador. Contrato en origen firmado antes de viajar.",
    "Cocinero/a para restaurante en Ciudad de México. Jornada de 48 horas semanales con un día de "
    "descanso, propinas repartidas entre todo el equipo, comida incluida.",
    "Administrativo contable: gestión de facturas, cobros y pagos, nóminas, seguros sociales y "
    "conciliaciones bancarias. Teletrabajo dos días a la semana.",
    "Auxiliar de farmacia. Atención al cliente, cobro en caja, control de pedidos y recepción de "
    "mercancía. Sueldo según convenio y horario de 9:30 a 14 y de 17 a 20:30 de lunes a viernes.",
    "Guía turístico para circuitos por Andalucía. Acompañar a los grupos en las salidas, gestionar las "
    "entradas a los monumentos y resolver incidencias con los pasaportes de los viajeros.",
    "Trabajo en granja de Aragón: cuidado de animales y limpieza de naves. Vivienda gratuita en el pueblo "
    "a 2 km, con coche de empresa. Contrato indefinido y alta desde el primer día.",
    "Dependienta para tienda de ropa. Periodo de prueba de un mes, remunerado. Descuento del 30 % en "
    "compras para el personal.",
    "Programa de prácticas universitarias remuneradas con beca de 600 € al mes y seguro incluido.",
    "Agente de seguros: asesorar a clientes sobre pólizas, cuotas y coberturas. Sueldo fijo más incentivos "
    "trimestrales.",
    "Camarero/a extra para bodas los fines de semana; se paga al terminar cada evento, 80 € por servicio "
    "con contrato y alta.",
]


@pytest.mark.parametrize(("sentence", "indicator"), SPANISH_RISKY)
def test_spanish_risky_sentence_is_held_with_its_indicator(
    lexical: Screener, sentence: str, indicator: str | tuple[str, ...]
) -> None:
    flagged, indicators = _indicators(lexical, sentence)
    expected = {indicator} if isinstance(indicator, str) else set(indicator)
    assert flagged
    assert indicators & expected, indicators


@pytest.mark.parametrize("sentence", SPANISH_LAWFUL)
def test_spanish_lawful_look_alike_is_not_held(lexical: Screener, sentence: str) -> None:
    flagged, indicators = _indicators(lexical, sentence)
    assert not flagged, indicators

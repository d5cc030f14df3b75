"""Spanish and French rules at parity with the English ones: every concept, its negation and its look-alikes.

Each English concept (recruitment fees, charges, debt, withheld and controlled pay, documents, isolation,
movement, hours, sexual exploitation, threats, abuse of vulnerability, deception, conditions) is checked
in Spanish and French wordings written for these tests from how job adverts and scams in those languages
phrase it; none is taken from an evaluation advert. The look-alikes are lawful adverts that share words
with a warning (the employer pays, deductions agreed in writing, a bonus at the end of the season, phones
in a locker during the shift, "vous devez" meaning "you must").
"""

from __future__ import annotations

from functools import partial

import pytest

from matcher.screening import Screener
from tests.matcher.conftest import flagged

_flags = partial(flagged, employer="Granja Sol S.L.")


SPANISH = [
    # fees for the job, the visa or the permit
    ("Para acceder a la oferta de trabajo hay que abonar 1.500 euros a la agencia.", "recruitment_fees"),
    ("Los gastos de tramitación del visado corren por cuenta del trabajador.", "recruitment_fees"),
    ("La oferta de empleo tiene un coste de 800 dólares que se paga antes del viaje.", "recruitment_fees"),
    ("El candidato asume el coste del visado y del permiso de trabajo.", "recruitment_fees"),
    ("Pago único de inscripción de 200 € para entrar en la bolsa de empleo.", "recruitment_fees"),
    ("Se cobra una comisión del 20 % de tu primer sueldo por la colocación.", "recruitment_fees"),
    ("Reserva tu plaza con un pago de 300 euros.", "recruitment_fees"),
    # charges for work things
    ("Tienes que pagar tu propio material de trabajo a la empresa.", "work_related_charges"),
    # debt
    ("Te adelantamos el viaje y lo devuelves trabajando.", "debt_bondage"),
    ("Trabajas hasta saldar lo que debes a la agencia.", "debt_bondage"),
    ("El desplazamiento lo adelanta la empresa y se va descontando de cada nómina.", "debt_bondage"),
    ("El adelanto se devuelve con intereses.", "debt_bondage"),
    # pay held to the end, held back, or controlled by others
    ("La paga se entrega al finalizar el contrato.", "pay_withheld_until_end"),
    ("Los jornales se abonan cuando se termina la cosecha.", "pay_withheld_until_end"),
    ("Se cobra al alcanzar el objetivo de ventas.", "pay_withheld_until_end"),
    ("Los dos primeros meses no se cobran, son de prueba.", "withholding_of_wages"),
    ("Te pagamos cuando el cliente nos pague.", "withholding_of_wages"),
    ("Retenemos el primer mes de sueldo como garantía.", "withholding_of_wages"),
    ("Pago de los salarios cada tres meses.", "withholding_of_wages"),
    ("Si te vas antes de tiempo pierdes lo trabajado.", "withholding_of_wages"),
    ("La agencia cobra tu sueldo y te entrega tu parte.", "control_of_pay"),
    ("La tarjeta del banco la guarda el encargado.", "control_of_pay"),
    ("Tu salario se ingresa en la cuenta del intermediario.", "control_of_pay"),
    ("El capataz recibe todos los jornales y reparte a cada uno su parte.", "control_of_pay"),
    ("El contrato dirá 1.000 euros pero cobrarás la mitad.", "pay_differs_from_contract"),
    # documents
    ("Los pasaportes se entregan a la empresa durante todo el contrato.", "retention_of_identity_documents"),
    ("Debes dejar tu pasaporte en la oficina.", "retention_of_identity_documents"),
    # isolation and movement
    ("El teléfono se entrega al llegar y se devuelve el domingo.", "isolation"),
    ("Solo puedes llamar a tu familia una vez al mes.", "isolation"),
    ("No hables con nadie de fuera sobre tu trabajo.", "isolation"),
    ("Vivirás en la finca, a dos horas del pueblo, sin transporte.", "isolation"),
    ("Pasarás siete meses sin pisar tierra.", "isolation"),
    ("Los trabajadores no pueden salir del alojamiento por la noche.", "restriction_of_movement"),
    ("Las salidas al pueblo son solo con el encargado.", "restriction_of_movement"),
    ("Las empleadas van acompañadas en todo momento.", "restriction_of_movement"),
    # hours
    ("Disponibilidad 24 horas para la familia.", "excessive_overtime"),
    ("Trabajarás siete días a la semana durante la campaña.", "excessive_overtime"),
    ("Interna, sin día libre fijo.", "excessive_overtime"),
    ("Se trabaja hasta terminar los pedidos del día.", "excessive_overtime"),
    # sexual exploitation, threats, vulnerability, deception, conditions
    ("Buscamos señoritas para acompañar a caballeros en eventos privados.", "physical_sexual_violence"),
    ("Comisión por cada copa que te inviten los clientes.", "physical_sexual_violence"),
    ("Las camareras tienen que tomar algo con los clientes.", "physical_sexual_violence"),
    ("Si dejas el trabajo, tu familia tendrá problemas.", "intimidation_threats"),
    ("Quien no cumpla el objetivo será multado.", "intimidation_threats"),
    ("Aceptamos personas en situación irregular.", "abuse_of_vulnerability"),
    ("Ideal para personas con deudas o sin casa.", "abuse_of_vulnerability"),
    ("No hagas preguntas y todo irá bien.", "abuse_of_vulnerability"),
    ("La cuenta de reparto está a nombre de otra persona.", "no_papers_needed"),
    ("Tu contrato será de camarera pero trabajarás en otra cosa.", "deception"),
    ("El sueldo final depende de lo que decida el jefe al llegar.", "deception"),
    ("Duermen en colchones en el almacén.", "abusive_conditions"),
    ("Parte del pago se hace en especie.", "cash_or_third_party_pay"),
    ("No le cuentes esta oferta a tu familia.", "pressure_urgency"),
    # wordings added after the second fresh check
    ("Gestión del permiso de trabajo: 3.800 dólares, la mitad por adelantado.", "recruitment_fees"),
    ("Buscamos modelos para webcam desde nuestro estudio.", "physical_sexual_violence"),
    ("Pago cada 60 días por transferencia.", "withholding_of_wages"),
    ("Los marineros no bajan a tierra durante la campaña.", "restriction_of_movement"),
    ("Al empezar firmas un pagaré por el curso.", "debt_bondage"),
    ("Gana dinero recibiendo transferencias en tu cuenta y enviándolas a otra cuenta.", "money_mule"),
    ("Las recolectoras pasan la noche en el invernadero.", "abusive_conditions"),
    ("Horario de 6 a 21 h, de lunes a sábado.", "excessive_overtime"),
    # wordings added after the third and fourth fresh checks: the parts of a concept with words between
    ("Te buscamos empleo a cambio de 800 euros.", "recruitment_fees"),
    ("Las primeras dos semanas son de formación y no se pagan.", "withholding_of_wages"),
    ("Si dejas la obra antes de tiempo no cobras nada.", "withholding_of_wages"),
    ("Interna sin salidas entre semana.", "restriction_of_movement"),
    ("La nómina pondrá 20 horas aunque trabajes 40.", "pay_differs_from_contract"),
    ("Camareras para club de alterne.", "physical_sexual_violence"),
    ("El capataz tiene vuestras tarjetas para cobrar.", "control_of_pay"),
    ("Quien proteste se queda sin alojamiento.", "intimidation_threats"),
    ("Los pasaportes quedan depositados en la oficina de la empresa.", "retention_of_identity_documents"),
    ("La señora administra tu sueldo.", "control_of_pay"),
    ("Cobras cuando el promotor pague la obra.", "withholding_of_wages"),
    ("El encargado descuenta la cama y la comida del jornal.", "wage_deductions"),
    ("Zona sin cobertura ni transporte durante tres meses.", "isolation"),
]

FRENCH = [
    # fees for the job, the visa or the permit
    ("L'offre d'emploi coûte 800 dollars, à payer avant le départ.", "recruitment_fees"),
    ("Le candidat prend en charge le coût du visa et du permis de travail.", "recruitment_fees"),
    ("Inscription de 200 € pour intégrer notre fichier de candidats.", "recruitment_fees"),
    ("Une commission de 20 % du premier salaire est prélevée pour le placement.", "recruitment_fees"),
    ("Le travailleur paie son billet d'avion et ses démarches.", "recruitment_fees"),
    ("Réservez votre place avec un acompte de 300 euros.", "recruitment_fees"),
    # charges for work things
    ("Le matériel de travail est à acheter auprès de la société.", "work_related_charges"),
    ("Les photos du book sont réalisées par notre photographe pour 180 €.", "work_related_charges"),
    # debt
    ("Nous avançons le voyage et vous le remboursez en travaillant.", "debt_bondage"),
    ("Nous vous prêtons l'argent du billet et le retenons sur la paie.", "debt_bondage"),
    ("L'avance est récupérée sur les premières paies.", "debt_bondage"),
    ("La dette du voyage est payée par votre travail.", "debt_bondage"),
    ("Les frais de voyage sont déduits du salaire chaque mois.", "debt_bondage"),
    ("Le prêt est consenti avec intérêts.", "debt_bondage"),
    # pay held to the end, held back, or controlled by others
    ("Vous serez payé en totalité à la fin des récoltes.", "pay_withheld_until_end"),
    ("Paiement uniquement une fois l'objectif de ventes atteint.", "pay_withheld_until_end"),
    ("Les deux premiers mois ne sont pas payés, c'est une période d'essai.", "withholding_of_wages"),
    ("Vous êtes payé quand le client nous paie.", "withholding_of_wages"),
    ("Salaires versés tous les trois mois.", "withholding_of_wages"),
    ("L'entreprise conserve deux semaines de paie jusqu'au départ.", "withholding_of_wages"),
    ("Si vous partez avant la fin, vous perdez votre salaire.", "withholding_of_wages"),
    ("L'agence touche votre salaire et vous remet votre part.", "control_of_pay"),
    ("La carte bancaire est gardée par le chef d'équipe.", "control_of_pay"),
    ("Nous vous donnons de l'argent de poche chaque semaine et gardons le reste.", "control_of_pay"),
    ("Le patron encaisse l'ensemble des salaires de l'équipe.", "control_of_pay"),
    ("Le bulletin affichera le SMIC mais vous toucherez moins.", "pay_differs_from_contract"),
    # documents
    (
        "Les passeports sont remis à l'entreprise pendant toute la durée du contrat.",
        "retention_of_identity_documents",
    ),
    ("Vos papiers restent au bureau pour plus de sécurité.", "retention_of_identity_documents"),
    # isolation and movement
    ("Les téléphones sont remis à l'arrivée et rendus le dimanche.", "isolation"),
    ("Vous pouvez appeler votre famille une fois par mois.", "isolation"),
    ("Ne parlez pas de votre salaire avec les inspecteurs.", "isolation"),
    ("Pas d'escale pendant la campagne de huit mois.", "isolation"),
    ("Interdiction de quitter l'exploitation sans l'autorisation du chef.", "restriction_of_movement"),
    ("Les sorties en ville se font uniquement avec le responsable.", "restriction_of_movement"),
    ("Vous ne sortez qu'avec la famille.", "restriction_of_movement"),
    # hours
    ("Disponibilité 24 heures sur 24 pour la famille.", "excessive_overtime"),
    ("Vous travaillerez sept jours par semaine pendant la saison.", "excessive_overtime"),
    ("Le jour de repos est fixé selon les besoins de la famille.", "excessive_overtime"),
    ("On travaille jusqu'à ce que la commande soit terminée.", "excessive_overtime"),
    # sexual exploitation, threats, vulnerability, deception, conditions
    (
        "Recherche demoiselles pour accompagner des messieurs lors de soirées privées.",
        "physical_sexual_violence",
    ),
    ("Commission sur chaque verre offert par les clients.", "physical_sexual_violence"),
    ("Si vous quittez le travail, votre famille aura des problèmes.", "intimidation_threats"),
    ("Ceux qui se plaignent seront renvoyés.", "intimidation_threats"),
    ("Nous acceptons les personnes en situation irrégulière.", "abuse_of_vulnerability"),
    ("Idéal pour les personnes endettées ou sans logement.", "abuse_of_vulnerability"),
    ("Ne posez pas de questions.", "abuse_of_vulnerability"),
    ("Vous utiliserez un compte loué à un autre livreur.", "no_papers_needed"),
    ("Votre contrat sera de serveuse mais vous ferez autre chose.", "deception"),
    ("Vous entrez comme touriste et nous régularisons vos papiers ensuite.", "deception"),
    ("Ils dorment sur des matelas dans l'entrepôt.", "abusive_conditions"),
    ("Rémunéré en nature et en bons d'achat.", "cash_or_third_party_pay"),
    ("Employeur : confidentiel, révélé à l'arrivée.", "unidentified_employer"),
    # wordings added after the second fresh check
    ("Permis de travail : 2 900 $, à régler avant le vol.", "recruitment_fees"),
    ("Jeunes filles pour salon de massage ouvert la nuit.", "physical_sexual_violence"),
    ("Paiement tous les 60 jours.", "withholding_of_wages"),
    ("Le contremaître touche les paies de l'équipe.", "control_of_pay"),
    ("Un dépôt de 60 € pour le casier et le badge est demandé.", "work_related_charges"),
    ("Le passeport est confié au responsable du foyer.", "retention_of_identity_documents"),
    ("La paie est remise directement au chef d'équipe.", "cash_or_third_party_pay"),
    ("L'équipage ne débarque pas à terre pendant la campagne.", "restriction_of_movement"),
    ("Vous signerez une reconnaissance de dette pour le voyage.", "debt_bondage"),
    ("Les aides dorment dans la cuisine.", "abusive_conditions"),
    ("Du lundi au samedi de 6 à 21 h.", "excessive_overtime"),
    ("Service de 11h à minuit, six jours par semaine.", "excessive_overtime"),
    # wordings added after the third and fourth fresh checks: the parts of a concept with words between
    ("Nous vous trouvons un poste en échange de 800 euros.", "recruitment_fees"),
    ("Les premières semaines de formation ne sont pas rémunérées.", "withholding_of_wages"),
    ("Si vous quittez le chantier avant la fin, aucune paie ne sera versée.", "withholding_of_wages"),
    ("Sorties seulement le dimanche, avec madame.", "restriction_of_movement"),
    ("Hôtesses pour bar à champagne.", "physical_sexual_violence"),
    ("Le chef d'équipe détient vos cartes bancaires.", "control_of_pay"),
    ("Ceux qui protestent perdent leur logement.", "intimidation_threats"),
    ("Nous payons le vol, vous nous le remboursez ensuite.", "debt_bondage"),
    ("Les passeports sont rangés dans le coffre de la direction.", "retention_of_identity_documents"),
    ("La famille gère votre salaire.", "control_of_pay"),
    ("Payé quand le client règle la facture.", "withholding_of_wages"),
    ("Le patron retient le lit et la nourriture sur la paie.", "wage_deductions"),
]


@pytest.mark.parametrize(("description", "indicator"), SPANISH + FRENCH)
def test_spanish_and_french_warnings_are_flagged_with_their_indicator(
    lexical: Screener, description: str, indicator: str
) -> None:
    assert indicator in _flags(lexical, description)


SPANISH_LOOK_ALIKES = [
    "Contrato de temporada, alta en la Seguridad Social desde el primer día.",
    "La empresa te adelanta el billete y no se descuenta de tu sueldo.",
    "Te ayudamos a abrir tu propia cuenta bancaria en el banco que elijas.",
    "Trabajo en oficina: archivar la documentación de los clientes y gestionar expedientes.",
    # phones in a locker during the shift is a workplace rule, not isolation
    "Los móviles se guardan en la taquilla durante el turno y se recuperan en el descanso.",
    "Turnos de 8 horas, cinco días a la semana, con dos días libres.",
    "La finca está a 20 km del pueblo; hay furgoneta de la empresa cada día.",
    "Ayudar a los residentes a gestionar su dinero y sus citas.",
    "Atender la barra y servir copas a los clientes.",
    "La empresa paga el 100 % de la tasa del visado y del permiso de trabajo.",
    "El coste del visado lo asume la empresa.",
    "Cobrarás cada viernes por transferencia.",
    # a bonus or the final settlement at the end is paid on top of the wage
    "El finiquito se paga al finalizar el contrato junto con las vacaciones no disfrutadas.",
    "La prima de campaña se cobra al final de la temporada.",
    "Comisión del 5 % sobre las ventas, además del sueldo fijo.",
    # deductions agreed in writing, or required by law
    "El alojamiento cuesta 100 € al mes, que se descuentan de la nómina con tu acuerdo firmado.",
    "Las cotizaciones a la Seguridad Social y el IRPF se descuentan de la nómina según la ley.",
    "Si dejas el trabajo, solo tienes que avisar con quince días de antelación.",
    "Plazas limitadas en el curso gratuito de formación.",
    "Mareas de 15 días con descanso en puerto entre mareas.",
    "Te reembolsamos la tasa del visado con la primera nómina.",
    # advice to the worker is not a threat
    "En caso de accidente, llama a la policía y a tu encargado.",
    "Horario de 9 a 14 h, de lunes a viernes.",
    "Entre 2 y 3 años de experiencia, de lunes a sábado.",
    "Agencia de colocación autorizada: no cobramos nada a los trabajadores.",
    "Periodo de prueba de quince días, remunerado.",
    "Si el trabajo no te convence, puedes dejarlo avisando con una semana de antelación.",
    "Camareros para restaurante de carretera, turnos de mañana y tarde.",
    "Pago semanal, independientemente de cuándo pague el cliente.",
]

FRENCH_LOOK_ALIKES = [
    "Le salaire est viré sur votre compte le dernier jour de chaque mois.",
    "L'employeur avance le billet d'avion et ne le retient pas sur le salaire.",
    "Vous gardez votre passeport ; nous en faisons seulement une copie.",
    # phones in a locker during the shift is a workplace rule, not isolation
    "Les téléphones portables sont rangés dans les casiers pendant le service et récupérés à la pause.",
    "Le domaine est à 20 km du village ; un minibus de l'entreprise fait le trajet chaque jour.",
    "Aider les résidents à gérer leur argent et leurs rendez-vous.",
    "L'entreprise règle 100 % des frais de visa et du permis de travail.",
    "Le coût du visa est à la charge de l'employeur.",
    "Paie chaque vendredi par virement.",
    # a bonus, an end-of-contract allowance or the final settlement is paid on top of the wage
    "Indemnité de fin de contrat versée à la fin de la mission avec les congés payés.",
    "La prime de saison est versée à la fin de la saison.",
    "Le solde de tout compte est versé à la fin du contrat.",
    # deductions agreed in writing; social contributions withheld by law
    "Logement proposé à 200 € par mois, retenu sur salaire uniquement avec votre accord écrit.",
    "Le travailleur paie ses cotisations sociales comme tout salarié, prélevées à la source.",
    "Les frais de visa vous sont remboursés avec la première paie.",
    "Places limitées pour la formation gratuite.",
    "Marées de douze jours, repos à terre entre chaque marée.",
    # "vous devez" is also "you must"
    "Vous devez avoir le permis B et être disponible le week-end.",
    "Si vous quittez l'entreprise, il suffit de respecter le préavis.",
    # advice to the worker is not a threat
    "En cas d'accident, informez la police et votre responsable.",
    "Veuillez présenter votre passeport lors de l'entretien pour vérification.",
    "Déposer la recette du jour à la banque.",
    "Agence de mannequins : aucune inscription payante, commission uniquement sur les contrats.",
    "Barmans pour bar de nuit, service de 18h à minuit, cinq soirs par semaine.",
    "Période d'essai de quinze jours, rémunérée.",
    "Casiers individuels fermés à clé pour vos affaires.",
    "Paie hebdomadaire, quelle que soit la date de paiement du client.",
]


@pytest.mark.parametrize("description", SPANISH_LOOK_ALIKES + FRENCH_LOOK_ALIKES)
def test_spanish_and_french_look_alikes_are_not_flagged(lexical: Screener, description: str) -> None:
    assert _flags(lexical, description) == set()


@pytest.mark.parametrize(
    "description",
    [
        "No cobramos ninguna tasa de inscripción.",
        "Nunca te pediremos pagar por la oferta de trabajo.",
        "Aucuns frais d'inscription ne sont demandés.",
        "Nous ne gardons jamais vos papiers.",
    ],
)
def test_a_negated_fee_or_retention_is_not_flagged(lexical: Screener, description: str) -> None:
    assert _flags(lexical, description) == set()

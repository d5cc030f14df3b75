"""Spanish and French: subtle signs beyond money, and ordinary duties that share their words.

Written for these tests (third pass of issue 19), in wordings not used by the rules' earlier tests; none is
taken from an evaluation advert. The risky sentences carry one sign each, said the way Spanish and French
adverts say it without a give-away word (dancing hostesses for clubs, "disponibilidad las 24 horas", the
contract signed only on arrival, "de 10 de la mañana a 12 de la noche", minors paid through their parents,
work under another person's name). The lawful ones are ordinary duties whose words look like a warning
(ticket sales, a fuel depot, customer retention, debt collection, "sin salir de casa" for remote work,
showing guests to their table, a barman charging for drinks, a hotel spa's discreet masseur).
"""

from __future__ import annotations

from functools import partial

import pytest

from matcher.screening import Screener
from tests.matcher.conftest import verdict

_result = partial(verdict, employer="Servicios Norte S.L.")


SUBTLE_SIGNS = [
    # sexual exploitation: young women chosen to dance, host or keep clients company
    (
        "Agencia selecciona señoritas para bailar en clubes de Europa. Ganancias de hasta 5.000 € al mes.",
        "physical_sexual_violence",
    ),
    ("Masajista para centro privado, solo chicas. Se gana por servicio.", "physical_sexual_violence"),
    ("Modelos para chat en directo desde un piso de la agencia.", "physical_sexual_violence"),
    ("Las camareras deben hacer compañía a los clientes hasta el cierre.", "physical_sexual_violence"),
    ("Hôtesses de bar : rémunération au pourcentage des consommations.", "physical_sexual_violence"),
    # excessive hours said by availability or by the clock
    ("Interna para cuidar a un matrimonio mayor. Disponibilidad las 24 horas.", "excessive_overtime"),
    ("Interna con habitación propia, libre un domingo al mes.", "excessive_overtime"),
    ("Cocinero, de 10 de la mañana a 12 de la noche, seis días a la semana.", "excessive_overtime"),
    ("Horario de 10:00 a 00:00 de lunes a sábado.", "excessive_overtime"),
    # deception: the real contract signed on arrival, a student visa to work
    ("Empleo en hotel de Dubái. Al llegar se firma el contrato definitivo.", "deception"),
    ("Trabajo de camarera en Panamá con visado de estudiante.", "deception"),
    # abuse of vulnerability: no papers, minors, another person's identity
    (
        "Buscamos personas recién llegadas que necesiten trabajar ya, aunque no tengan papeles.",
        "abuse_of_vulnerability",
    ),
    ("Menores de edad bienvenidos para venta ambulante.", "abuse_of_vulnerability"),
    ("Pas de papiers ? On vous déclare sous un autre nom.", "abuse_of_vulnerability"),
    # a debt worked off, a threat for speaking out, a place with no way out
    ("El curso lo pagamos nosotros y trabajas para devolverlo.", "debt_bondage"),
    (
        "Si hablas con alguien de fuera sobre las condiciones, se te despide sin pagarte.",
        "intimidation_threats",
    ),
    ("La finca está a 40 km del pueblo y no hay transporte.", "isolation"),
    # the same words, now the sign: cash pay, a beating, outings escorted, a guarantee the worker leaves
    ("Vous êtes payé en espèces, sans bulletin.", "cash_or_third_party_pay"),
    ("Le chef frappe ceux qui ralentissent.", "physical_sexual_violence"),
    ("Vos sorties sont escortées par le responsable.", "restriction_of_movement"),
    ("Para empezar debes dejar una garantía de 200 euros.", "work_related_charges"),
    ("El jornal se paga en mano al final del día, sin recibo.", "cash_or_third_party_pay"),
]


@pytest.mark.parametrize(("sentence", "indicator"), SUBTLE_SIGNS)
def test_subtle_spanish_and_french_signs_are_named(lexical: Screener, sentence: str, indicator: str) -> None:
    flagged, indicators = _result(lexical, sentence)
    assert flagged
    assert indicator in indicators


ORDINARY_DUTIES = [
    # Spanish homonyms
    "Taquillero para estación de autobuses: venta de billetes y atención al viajero.",
    "Auxiliar de gestión documental: escanear, archivar y custodiar los documentos de los clientes.",
    "Conductor de camión cisterna: carga y descarga en el depósito de combustible.",
    "Teleoperador de retención de clientes: evitar bajas y ofrecer mejores tarifas.",
    "Gestor de cobros: recobro de deudas de clientes por teléfono, con fijo más comisión.",
    "Teletrabajo total: trabajas sin salir de casa, horario flexible de 9 a 15 h.",
    "Camarero: acompañar a los clientes a su mesa y recomendar bebidas y vinos.",
    "Animador turístico: entretener a los clientes del hotel con juegos y espectáculos.",
    "Masajista para spa de hotel; se valora discreción y trato cercano con los clientes.",
    "Agente de viajes: tramitar pasaportes y visados para los clientes de la agencia.",
    "Abogado penalista: gestionar fianzas y recursos ante los juzgados.",
    "Servicio en sala y reservados para grupos; buen ambiente de equipo.",
    "Guarda forestal, vivienda en la finca a 20 km del pueblo, imprescindible coche propio.",
    "Cajero: cierre de caja y depósito del efectivo en el banco.",
    "Monitor de campamento: los menores de edad están siempre acompañados por monitores titulados.",
    # French homonyms
    "Conducteur de bus : prise de service au dépôt de Vénissieux à 5 h 30.",
    "Guichetier : vente de billets et renseignement des voyageurs.",
    "Barman : préparer et encaisser les consommations des clients.",
    "Chargé de recouvrement : relance des clients et suivi des dettes impayées.",
    "Agent d'accueil : vérifier les pièces d'identité des visiteurs et leur remettre un badge.",
    "Conseiller clientèle : fidélisation et rétention des clients.",
    "Animateur de club de vacances : animer les soirées et divertir les clients.",
    "Agent de voyages : constitution des dossiers de passeport et de visa pour nos clients.",
    "Comptable : rapprochement des comptes bancaires et gestion des cautions locatives des clients.",
    "Avocat : assistance des clients en garde à vue et demandes de mise en liberté sous caution.",
    "Chef de rang : accompagner les clients à leur table et conseiller les vins.",
    # words found ordinary in ESCO's Spanish and French skill labels: species, typing, escort services,
    # warranties, cash in transit, technical documentation, forensic police
    "Matelot : pêche de plusieurs espèces de poissons de fond, retour au port chaque soir.",
    "Secrétaire : bonne vitesse de frappe et maîtrise des logiciels de bureautique.",
    "Agent de sécurité : escorte de sécurité des convois et des visiteurs.",
    "Guide touristique : randonnées hors des sentiers battus.",
    "Caissier : encaissements en espèces et par carte.",
    "Técnico de soporte: gestionar la garantía del equipo y del material informático.",
    "Vigilante de transporte de fondos: custodia del dinero en efectivo entre bancos.",
    "Mensajero: entrega de sobres en mano en el centro de la ciudad.",
    "Administrativo: guardar la documentación de los pedidos y conservar la documentación financiera.",
    "Técnico de laboratorio: colaborar con la policía científica en el análisis de muestras.",
    "Marinero a la parte, con garantía mínima de 1.500 € al mes.",
]


@pytest.mark.parametrize("sentence", ORDINARY_DUTIES)
def test_ordinary_duties_with_warning_words_are_not_held(lexical: Screener, sentence: str) -> None:
    flagged, indicators = _result(lexical, sentence)
    assert not flagged, indicators


def test_night_shift_within_the_week_limit_is_not_long_hours(lexical: Screener) -> None:
    """A shift to midnight five nights a week is 10 hours a night, not a 14-hour day."""
    assert _result(lexical, "Turno de 14:00 a 00:00, cinco días a la semana.")[0] is False

"""Screening in English, Spanish and French; other languages held, not passed; formula-looking fields flagged.

Every phrasing here was written for these tests (none is taken from an evaluation advert).
"""

from __future__ import annotations

import csv
from functools import partial
from pathlib import Path

import pytest

from matcher.screening import Screener, ScreeningResult
from matcher.screening.language import SUPPORTED, identify_language
from tests.matcher.conftest import screen_text

DEMO = Path(__file__).resolve().parents[2] / "datasets" / "demo"


_screen = partial(screen_text, employer="Granja Sol S.L.")


def _indicators(result: ScreeningResult) -> set[str]:
    return {f.indicator for f in result.flags}


# --- language identification ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("We are looking for cleaners for our hotel, with a contract and two days off each week.", "en"),
        (
            "Buscamos personal de limpieza para nuestro hotel, con contrato y dos días libres cada semana.",
            "es",
        ),
        (
            "Nous cherchons du personnel de nettoyage pour notre hôtel, avec un contrat.",
            "fr",
        ),
        (
            "Wir suchen Reinigungskräfte für unser Hotel, mit einem Vertrag und zwei freien Tagen pro Woche.",
            "de",
        ),
        (
            "Procuramos pessoal de limpeza para o nosso hotel, com contrato e dois dias de folga por semana.",
            "pt",
        ),
        (
            "Cerchiamo personale per le pulizie della nostra struttura, con contratto e due giorni liberi.",
            "it",
        ),
        ("Wij zoeken schoonmakers voor ons hotel, met een contract en elke week twee vrije dagen.", "nl"),
        (
            "Căutăm personal de curățenie pentru hotelul nostru, cu contract și două zile libere.",
            "ro",
        ),
        ("Szukamy osób do sprzątania w naszym hotelu, z umową i dwoma dniami wolnymi w tygodniu.", "pl"),
        (
            "Chúng tôi cần tuyển nhân viên dọn phòng cho khách sạn, có hợp đồng và hai ngày nghỉ mỗi tuần.",
            "vi",
        ),
        (
            "Kami mencari petugas kebersihan untuk hotel kami, dengan kontrak dan dua hari libur.",
            "id",
        ),
        (
            "Tunatafuta wafanyakazi wa usafi kwa hoteli yetu, na mkataba na siku mbili za mapumziko.",
            "sw",
        ),
        ("Otelimiz için temizlik personeli arıyoruz, sözleşme ve her hafta iki gün izin ile.", "tr"),
        ("ለሆቴላችን የጽዳት ሰራተኞች እንፈልጋለን፤ ውል እና በሳምንት ሁለት የእረፍት ቀናት አሉ።", "und-Ethi"),
        ("نبحث عن عمال نظافة لفندقنا، مع عقد ويومين إجازة كل أسبوع.", "und-Arab"),
        ("हामीलाई होटलका लागि सरसफाइ कामदार चाहिएको छ, सम्झौता र हप्तामा दुई दिन बिदा।", "und-Deva"),
        ("Шукаємо прибиральників для нашого готелю, з договором і двома вихідними на тиждень.", "und-Cyrl"),
        ("我们的酒店招聘清洁工，签订合同，每周休息两天。", "und-Hani"),
    ],
)
def test_identifies_the_language_of_an_advert(text: str, code: str) -> None:
    guess = identify_language(text)
    assert guess.code == code
    assert guess.supported is (code in SUPPORTED)


def test_english_i_is_not_italian_i() -> None:
    """The demo's mcr-14 wrote "I give medicines on time, I cook healthy food, I am patient": read as Italian
    (the article "i"), her English phrase went the multilingual way; an Italian sentence stays Italian."""
    assert identify_language("I give medicines on time, I cook healthy food, I am patient").code == "en"
    assert identify_language("I can cook, I clean, I iron").code == "en"
    assert identify_language("I lavoratori devono portare i documenti e i guanti per il turno").code == "it"


@pytest.mark.parametrize("text", ["Cook", "Kitchen porter, Leeds", "Plombier", "Camarera de piso"])
def test_too_short_to_tell_is_read_by_the_supported_rules(text: str) -> None:
    guess = identify_language(text)
    assert guess.code is None and guess.supported and guess.rules == SUPPORTED


def test_no_demo_vacancy_is_held_for_its_language() -> None:
    """The terse English of the demo adverts (place names, lists of duties) is not mistaken for another."""
    with open(DEMO / "vacancies.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    held = [r["id"] for r in rows if not identify_language(f"{r['title']}. {r['description']}").supported]
    assert held == []


def test_identification_is_deterministic() -> None:
    text = "Nous recrutons des vendangeurs pour la saison, logés et nourris."
    assert identify_language(text) == identify_language(text)


# --- an advert in another language is held, not passed -------------------------------------------


@pytest.mark.parametrize(
    "description",
    [
        "Wir suchen Erntehelfer für die Saison. Unterkunft wird gestellt, Bezahlung am Ende der Saison.",
        "Procuramos trabalhadores para a colheita, com alojamento e pagamento no fim da época.",
        "ለእርሻ ስራ ሰራተኞች እንፈልጋለን፤ ደመወዝ በወቅቱ መጨረሻ ይከፈላል።",
    ],
)
def test_an_advert_in_an_unsupported_language_is_held_with_the_reason(
    lexical: Screener, description: str
) -> None:
    result = _screen(lexical, description, title="")
    assert result.flagged
    (flag,) = [f for f in result.flags if f.indicator == "unsupported_language"]
    assert flag.name == "Language not supported for screening"
    assert flag.evidence == description and flag.field == "description"
    assert flag.fixable and "English, Spanish or French" in flag.fix_hint


@pytest.mark.parametrize(
    "description",
    [
        "Seasonal fruit pickers, paid weekly into your own bank account, two days off a week.",
        "Recolectores para la campaña, contrato por escrito, sueldo mensual en tu cuenta y dos días libres.",
        "Vendangeurs pour dix jours, contrat saisonnier, paie chaque semaine par virement, logés.",
    ],
)
def test_supported_languages_are_not_held_for_their_language(lexical: Screener, description: str) -> None:
    result = _screen(lexical, description)
    assert not result.flagged, result.flags


# --- Spanish and French adverts are screened by their own rules -----------------------------------


SPANISH = [
    ("El pasaje lo adelanta la agencia y se descuenta de tus primeros sueldos.", "debt_bondage"),
    (
        "La empresa guarda el pasaporte de cada trabajador durante la temporada.",
        "retention_of_identity_documents",
    ),
    ("Hay que pagar 900 euros de gestión para tramitar el permiso de trabajo.", "recruitment_fees"),
    ("Para empezar se abona una fianza de 80 € por el uniforme.", "work_related_charges"),
    ("Nos quedamos con tu tarjeta del banco para ingresar el sueldo.", "control_of_pay"),
    ("Recibirás pagos de clientes en tu cuenta y los enviarás a nuestros proveedores.", "money_mule"),
    ("Se cobra todo junto al terminar la campaña.", "pay_withheld_until_end"),
    ("En el contrato pone 1.300 euros pero en realidad se cobran 900.", "pay_differs_from_contract"),
    ("No hace falta NIE, empiezas mañana.", "no_papers_needed"),
    ("Si alguien se queja, avisamos a extranjería.", "intimidation_threats"),
    ("No se puede salir de la granja sin el encargado.", "restriction_of_movement"),
    ("Jornadas de 6 de la mañana a 9 de la noche, de lunes a sábado.", "excessive_overtime"),
    ("Chicas jóvenes y guapas para alternar con los clientes.", "physical_sexual_violence"),
    ("Viajas con visado de turista y allí arreglamos los papeles.", "deception"),
]
FRENCH = [
    ("Le voyage est avancé par l'agence et retenu sur vos premiers salaires.", "debt_bondage"),
    ("L'employeur conserve les passeports pendant toute la saison.", "retention_of_identity_documents"),
    ("Des frais de dossier de 400 € sont à verser avant le départ.", "recruitment_fees"),
    ("Une caution de 70 € est demandée pour la tenue de travail.", "work_related_charges"),
    ("Nous gardons votre carte bancaire pour simplifier la paie.", "control_of_pay"),
    (
        "Vous recevrez des virements sur votre compte personnel et les reverserez à nos partenaires.",
        "money_mule",
    ),
    ("La paie est versée en une seule fois à la fin de la saison.", "pay_withheld_until_end"),
    ("Le contrat indiquera le SMIC mais en réalité la paie sera plus basse.", "pay_differs_from_contract"),
    ("Pas besoin de titre de séjour pour commencer.", "no_papers_needed"),
    ("Ceux qui se plaignent seront signalés à la préfecture.", "intimidation_threats"),
    ("Interdit de sortir du domaine sans le chef.", "restriction_of_movement"),
    ("Journées de 7h à 21h, six jours sur sept.", "excessive_overtime"),
    ("Jeunes femmes jolies pour tenir compagnie à la clientèle.", "physical_sexual_violence"),
    ("Emploi garanti au Canada, visa de touriste d'abord.", "deception"),
]


@pytest.mark.parametrize(("description", "indicator"), SPANISH + FRENCH)
def test_spanish_and_french_warnings_are_flagged(lexical: Screener, description: str, indicator: str) -> None:
    result = _screen(lexical, description)
    assert result.flagged and indicator in _indicators(result), result.flags


@pytest.mark.parametrize(
    "description",
    [
        "Contrato indefinido, alta en la Seguridad Social y sueldo ingresado en tu cuenta cada mes.",
        "La empresa paga el visado, el vuelo y el alojamiento; no se descuenta nada del sueldo.",
        "Se requiere DNI o NIE en vigor; hacemos una copia y te lo devolvemos en el momento.",
        "Horario de 9 a 17 h, de lunes a viernes, con dos días libres.",
        "Turnos rotativos de lunes a domingo con dos días libres a la semana.",
        "Horas extra voluntarias y pagadas según convenio.",
        "Ingresar la recaudación diaria en el banco y registrar los depósitos bancarios.",
        "Buscamos personas de cualquier género con ganas de aprender.",
        "CDI, déclaration à l'URSSAF et salaire viré chaque mois sur votre compte.",
        "L'employeur prend en charge le visa, le billet et le logement, sans aucune retenue sur salaire.",
        "Merci d'apporter une pièce d'identité ; nous en faisons une copie et vous la rendons aussitôt.",
        "Du lundi au vendredi de 9h à 17h, heures supplémentaires volontaires et majorées.",
        "Déposer la caisse du jour à la banque et classer les documents comptables.",
        "Garde d'enfants à domicile, papiers en règle exigés.",
        "Aucun frais n'est demandé aux candidats.",
    ],
)
def test_spanish_and_french_look_alikes_are_not_flagged(lexical: Screener, description: str) -> None:
    result = _screen(lexical, description)
    assert not result.flagged, result.flags


def test_a_thousands_dot_does_not_end_the_sentence_for_a_rule(lexical: Screener) -> None:
    result = _screen(lexical, "Según el contrato pone 1.500 euros, pero en realidad cobras menos.")
    assert "pay_differs_from_contract" in _indicators(result)


# --- formula-looking text -------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
@pytest.mark.parametrize("field", ["title", "employer", "location", "wage", "description"])
def test_a_field_that_starts_like_a_formula_is_flagged(lexical: Screener, start: str, field: str) -> None:
    value = f"{start}SUM(A1:A9)"
    ad = {
        "id": "v1",
        "title": "Porter",
        "employer": "Acme Ltd",
        "description": "Kitchen porter, two days off.",
    }
    result = lexical.screen(ad | {field: value})
    (flag,) = [f for f in result.flags if f.indicator == "formula_text"]
    assert flag.field == field and flag.evidence == value and flag.trigger == start
    assert result.flagged and flag.fixable


def test_leading_spaces_do_not_hide_a_formula(lexical: Screener) -> None:
    result = _screen(lexical, "Cook.", title='   =HYPERLINK("http://x.example","Apply")')
    assert "formula_text" in _indicators(result)


@pytest.mark.parametrize(
    "fields",
    [
        {"description": "Call +44 161 555 0100 or e-mail jobs@acme.example; pay = GBP 12.60 an hour."},
        {"wage": "12.60 GBP per hour"},
        {"title": "Care assistant - nights"},
    ],
)
def test_signs_inside_a_field_are_not_formulas(lexical: Screener, fields: dict[str, str]) -> None:
    ad = {"id": "v1", "title": "Carer", "employer": "Acme Ltd", "description": "Care assistant."}
    result = lexical.screen(ad | fields)
    assert "formula_text" not in _indicators(result)


def test_signature_letters_are_never_ascii() -> None:
    # identify_language looks for them only in words with a letter outside ASCII.
    from matcher.screening.language import SIGNATURE_LETTERS

    assert all(not letter.isascii() for letters in SIGNATURE_LETTERS.values() for letter in letters)

"""Money-control rules by cause, third pass of issue 19: what reads as a fee or a debt but is not, and back.

Every sentence here was written for these tests, in English, Spanish and French, from how lawful adverts and
scams word money; none is taken from an evaluation advert. Three causes of false alarms are pinned:

- a cost **refunded to the worker** with their pay ("paid back to you in your first pay", "se te
  reembolsa con la primera nómina", "vous sera remboursé") read as the worker repaying a debt;
- **fees, advances and deductions as the job's subject** (box office, paralegal, payroll clerk,
  "gestionnaire de paie") read as charges on the worker;
- **lawful or chosen deductions** (income tax and National Insurance, a meal-voucher share, the housing
  deduction a temporary-worker programme allows, "payés par l'entreprise" in the passive) read as fees.

Each guard is narrow: the risky cases beside them (the worker pays for the visa, the permit, sponsorship
or the job offer; pay held, kept or collected by someone else) still flag, in the three languages.
"""

from __future__ import annotations

from functools import partial

import pytest

from matcher.screening import Screener
from tests.matcher.conftest import flagged

_flags = partial(flagged, employer="Northfield Services Ltd")


REFUNDED_TO_THE_WORKER = [
    "Flights are paid back to you in your first pay.",
    "The cost of your CSCS card test is paid back to you with your first wage.",
    "We refund your visa application fee once you have started with us.",
    "Los gastos de desplazamiento se reembolsan con la nómina.",
    "El coste del billete se te reembolsa con la primera nómina.",
    "Los billetes de avión te los reembolsamos en la primera nómina.",
    "Les frais du visa vous seront remboursés sur la première paie.",
    "Frais de déplacement remboursés sur justificatifs avec la paie.",
    "Votre billet d'avion vous sera remboursé intégralement à l'arrivée.",
]

FEES_AS_THE_JOB = [
    "Box Office Assistant: sell tickets, handle booking fees and refunds at the counter.",
    "Immigration Paralegal: prepare visa applications, check supporting documents and calculate application "
    "fees.",
    "Recruitment Consultant: you will earn commission on every placement fee you bill.",
    "Process salary advances, deductions and overtime claims for 300 employees in our payroll system.",
    "Payroll Clerk: record sickness, loans and advances for all staff each month.",
    "Accounts Assistant: raise invoices, chase late payments and post supplier charges.",
    "Reception: take room deposits at check-in and settle guest bills at check-out.",
    "Asesor de extranjería: tramitar permisos de trabajo y cobrar las tasas a los clientes.",
    "Técnico de nóminas: altas, bajas, anticipos y embargos de la plantilla.",
    "Recepcionista: cobrar las fianzas de las habitaciones a los huéspedes y cuadrar la caja.",
    "Gestionnaire de paie : saisie des acomptes, des retenues et des cotisations sociales.",
    "Technicien paie : gestion des absences, des acomptes et des saisies sur salaire.",
    "Réceptionniste : encaisser les arrhes des clients et établir les factures.",
]

LAWFUL_OR_CHOSEN = [
    "You will pay tax and National Insurance through PAYE like any employee.",
    "Payroll Officer: run the monthly payroll, handle tax codes, student loan repayments and pension "
    "deductions.",
    "Meal vouchers worth £6 a day, of which you contribute £1, taken from your pay.",
    "Relocation package includes flights, visa costs and a month in a serviced flat.",
    "Our benefits package covers private medical insurance and a travel pass.",
    "Cheques restaurante de 9 € al día, de los que tú aportas 1 € que se descuenta de la nómina.",
    "Los gastos del visado son pagados por la empresa contratante.",
    "El salario se ingresa por transferencia; la empresa retiene el IRPF y la Seguridad Social.",
    "Anticipo de nómina disponible sin intereses si lo necesitas.",
    "Nous sommes employeur agréé : les frais de recrutement, de visa et de voyage sont intégralement "
    "payés par l'entreprise.",
    "Les frais de visa et de permis sont réglés par l'employeur avant votre arrivée.",
    "Programme des travailleurs étrangers temporaires : les frais d'EIMT et le billet d'avion sont à la "
    "charge de l'employeur ; le logement est retenu à 30 $ par semaine, comme le prévoit le programme.",
    "La retenue pour le logement est plafonnée et conforme au code du travail.",
    # a fee stated as zero, an employer who shoulders the costs, a refund in the passive
    "Zero placement fee: the principal employer shoulders all deployment costs.",
    "Les frais de visa sont entièrement remboursés à l'arrivée.",
    # optional housing the worker may decline
    "Housing is $120 a week, payroll-deducted, and you may choose to live off site instead.",
]


#: How honest adverts state the Employer Pays Principle, in wordings the earlier guards missed.
EMPLOYER_PAYS_STATEMENTS = [
    "Charging workers recruitment fees is illegal, and we never do it.",
    "Visa costs are borne entirely by the employer.",
    "If anyone asks you to pay for this job, report it to the GLAA.",
    "Housing costs of up to $30 a week may be deducted, as the agricultural stream permits.",
    "Tous les frais de recrutement sont à la charge exclusive de l'employeur.",
    "Les frais de permis de travail sont supportés par l'employeur.",
    "Logement à 30 $ par semaine, retenus sur la paie, comme l'autorise le programme.",
    "Frais de recrutement : 0 FCFA.",
    "Il est interdit de facturer des frais aux travailleurs ; nous ne le faisons jamais.",
    "Cobrar a los trabajadores por un empleo es ilegal y nunca lo hacemos.",
    "Tasas del visado: las paga la empresa.",
    # "pocket money" is the au pair scheme's own word for the allowance
    "Au pairs receive pocket money of £100 a week; the host family pays for travel insurance.",
    # "à la charge de l'entreprise" is the employer's charge; rent and utilities are living costs
    "Les frais de formation initiale sont entièrement à la charge de l'entreprise.",
    "Logement de fonction fourni ; seules l'eau et l'électricité sont à votre charge.",
    "Hébergement possible en foyer de jeunes travailleurs, loyer à votre charge (environ 350 €).",
    "Vous payez un loyer modéré de 150 € au foyer, directement au bailleur.",
    # commission the worker earns, and a commission or bonus paid quarterly, are pay, not a fee or pay held
    "You'll be paid a base salary plus commission.",
    "You keep 100% of your tips and get paid commission on upsells.",
    "Salaried role with an annual bonus and commission paid quarterly.",
    # the worker being paid ("vous serez payé", "congés payés", "14 pagas de"), and commission earned
    "Vous serez payé 12 € de l'heure, heures supplémentaires majorées.",
    "Vous êtes payé 1 800 € net par mois, plus commission sur les ventes.",
    "Payé au SMIC plus une commission de 3 % sur le chiffre d'affaires.",
    "Congés payés, treizième mois et commission trimestrielle.",
    "Se paga un salario fijo más comisión por ventas.",
    "Salario de 1.200 € en 14 pagas de 1.000 €.",
    "Sueldo en catorce pagas de 1.100 € brutos.",
    # cash against a signature in the pay register is traceable pay
    "Le salaire est versé en espèces contre signature du registre de paie.",
]


@pytest.mark.parametrize("sentence", EMPLOYER_PAYS_STATEMENTS)
def test_employer_pays_statements_are_not_fees(lexical: Screener, sentence: str) -> None:
    assert _flags(lexical, sentence) == set()


@pytest.mark.parametrize("sentence", REFUNDED_TO_THE_WORKER)
def test_a_cost_refunded_to_the_worker_is_not_a_debt(lexical: Screener, sentence: str) -> None:
    assert _flags(lexical, sentence) == set()


@pytest.mark.parametrize("sentence", FEES_AS_THE_JOB)
def test_fees_advances_and_deductions_handled_as_the_job_are_not_charges_on_the_worker(
    lexical: Screener, sentence: str
) -> None:
    assert _flags(lexical, sentence) == set()


@pytest.mark.parametrize("sentence", LAWFUL_OR_CHOSEN)
def test_lawful_or_chosen_deductions_and_employer_paid_costs_are_not_fees(
    lexical: Screener, sentence: str
) -> None:
    assert _flags(lexical, sentence) == set()


MONEY_CONTROL = [
    # the worker pays for the visa, the permit, sponsorship or the job offer (Employer Pays Principle)
    ("Cobramos una comisión por el visado de 1.500 €.", "recruitment_fees"),
    (
        "Para la carta de oferta de empleo necesaria para el permiso hay que pagar al gestor.",
        "recruitment_fees",
    ),
    ("El contrato para el permiso de residencia tiene un precio de 1.800 euros.", "recruitment_fees"),
    ("Se cobra 500 € por la oferta de empleo que necesitas para el visado.", "recruitment_fees"),
    ("Le permis de travail coûte 1 200 € à payer avant le départ.", "recruitment_fees"),
    ("Les frais de parrainage s'élèvent à 3 000 € et sont déduits de vos salaires.", "recruitment_fees"),
    (
        "Le parrainage du permis de travail coûte 2 500 €, remboursables par retenue sur salaire.",
        "debt_bondage",
    ),
    ("Workers pay £400 for the job offer letter needed for the permit.", "recruitment_fees"),
    # a debt that ties the worker, with an expletive "no" that is not a negation
    ("Hasta que no devuelvas lo del viaje no puedes cambiar de trabajo.", "debt_bondage"),
    # pay kept back, or collected and controlled by someone else
    ("Se retiene la mitad del salario hasta que acabe el contrato.", "withholding_of_wages"),
    ("Nos quedamos con el 30 % del salario hasta fin de temporada.", "withholding_of_wages"),
    ("Tu nómina la cobra la empresa en su cuenta y te damos lo tuyo cada semana.", "control_of_pay"),
    ("Tu sueldo lo recibe el intermediario y él te paga en efectivo.", "control_of_pay"),
    ("La tarjeta de cobro la guarda la agencia por seguridad.", "control_of_pay"),
    ("Vous nous confiez votre carte bancaire et nous gérons vos paiements.", "control_of_pay"),
    ("Vous remettez votre carte bancaire au chef d'équipe à l'arrivée.", "control_of_pay"),
    # the same words as the guards above, with the worker paying
    (
        "The certificate of sponsorship costs £3,000, which we take from your wages over a year.",
        "recruitment_fees",
    ),
    ("Relocation package: flights and visa, repaid through deductions from your salary.", "debt_bondage"),
    ("Housing is $120 a week, taken from your pay, and you must live on site.", "wage_deductions"),
    ("La agencia cobra 900 € por gestionar tu contrato en el extranjero.", "recruitment_fees"),
    ("Le recrutement vous coûtera 1 500 €, payables avant le départ.", "recruitment_fees"),
    ("Les frais de visa sont remboursés par une retenue sur vos salaires.", "debt_bondage"),
    ("Housing costs of $30 a week are deducted from wages, and you must live on site.", "wage_deductions"),
    ("Frais de recrutement : 450 € à verser à l'agence.", "recruitment_fees"),
    ("Vans are rented to drivers at £250 a week, taken from earnings.", "work_related_charges"),
    ("Les frais de visa et de billet sont à votre charge.", "recruitment_fees"),
    ("Les frais de visa sont à la charge du travailleur.", "recruitment_fees"),
    ("Los gastos del visado corren de tu cuenta.", "recruitment_fees"),
    ("You pay the agency a 10% commission on every wage.", "recruitment_fees"),
    ("Vous devez verser une commission à l'agence sur chaque paie.", "recruitment_fees"),
    ("Les frais sont payés par le candidat avant le départ.", "recruitment_fees"),
    ("Tienes que pagar una comisión a la agencia cada mes.", "recruitment_fees"),
    ("Pagas 300 € al gestor por la oferta.", "recruitment_fees"),
    ("Candidates are charged a commission for the placement.", "recruitment_fees"),
    ("Le salaire est versé en espèces, sans fiche.", "cash_or_third_party_pay"),
]


@pytest.mark.parametrize(("sentence", "indicator"), MONEY_CONTROL)
def test_money_control_is_named_in_each_language(lexical: Screener, sentence: str, indicator: str) -> None:
    assert indicator in _flags(lexical, sentence)


OTHER_SPANISH_SIGNS = [
    (
        "Las chicas deben acompañar a los clientes y animarles a consumir; se cobra por copa.",
        "physical_sexual_violence",
    ),
    ("Las camareras deben entretener a los clientes en los reservados.", "physical_sexual_violence"),
    ("Vivirás en la casa y no se sale sin la señora.", "restriction_of_movement"),
    ("El teléfono se usa solo los domingos.", "isolation"),
]


@pytest.mark.parametrize(("sentence", "indicator"), OTHER_SPANISH_SIGNS)
def test_spanish_hostess_work_movement_and_phone_limits_are_named(
    lexical: Screener, sentence: str, indicator: str
) -> None:
    assert indicator in _flags(lexical, sentence)


def test_guest_documents_are_work_papers(lexical: Screener) -> None:
    """'Keep guest documents' is a hotel duty, not keeping a worker's identity papers."""
    assert _flags(lexical, "Keep guest documents and booking records in line with GDPR.") == set()


def test_phone_use_in_breaks_is_not_isolation(lexical: Screener) -> None:
    """The phone rule reads a limit on contact, not a phone allowed in the breaks."""
    assert (
        _flags(lexical, "Puedes usar el móvil en los descansos y llamar a tu familia cuando quieras.")
        == set()
    )


def test_a_fee_the_worker_pays_still_flags_beside_a_job_subject_word(lexical: Screener) -> None:
    """The job-subject guard stands down when the worker is asked to pay (a sum, or 'your')."""
    assert "recruitment_fees" in _flags(lexical, "Handle your own visa fees: £900 payable before departure.")

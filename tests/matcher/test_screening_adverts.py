"""Whole adverts written for these tests: subtle risky ones and hard look-alikes, in three languages.

Each is a different wording of a situation the indicator definitions describe (sector rules for the
look-alikes: seasonal worker schemes, licensed sponsors, au pair rules, the accommodation offset, MLC
crew agencies). None is copied from an evaluation advert; they hold the rules to the concept, not to
one advert's words.
"""

from __future__ import annotations

from typing import Any

import pytest

from matcher.screening import Screener, ScreeningResult

LOOK_ALIKES = [
    (
        "Live-in Housekeeper",
        "Live-in role for a family in Geneva. Your own studio flat, 42 hours a week, two full days off and "
        "five weeks' holiday. Contract under the cantonal standard contract for domestic workers; salary "
        "paid monthly into your account. You keep your passport and residence permit.",
    ),
    (
        "Care Workers – Overseas Recruitment",
        "We recruit qualified carers from India and the Philippines for our homes in Yorkshire. We are a "
        "licensed sponsor and pay the Certificate of Sponsorship, visa fee, Immigration Health Surcharge and"
        " flights. No fees are charged to candidates at any stage and there is no repayment clause.",
    ),
    (
        "Seasonal Farm Workers – Canada",
        "Seasonal Agricultural Worker Program, May to October. The employer pays return airfare and provides"
        " housing that meets provincial standards; a deduction for housing is limited to the amount set by "
        "the programme and shown on your pay stub. Overtime paid after 40 hours.",
    ),
    (
        "Night Shift Warehouse Operative",
        "Nights, 10pm to 6am, Sunday to Thursday. Night premium of 15%. Breaks paid. Free parking and a "
        "subsidised canteen.",
    ),
    (
        "Sales Consultant – Commission",
        "Basic salary of £22,000 plus commission paid monthly. Average earnings in the first year are "
        "£30,000. Company phone and laptop provided.",
    ),
    (
        "Fashion Models – Agency Representation",
        "Licensed agency with an office in Manchester. We never charge for registration or photos; our "
        "commission is 20% of jobs you are booked for, deducted from the client's payment before we pay you "
        "within 30 days. Under-18s need a parent at every meeting.",
    ),
    (
        "Document Controller",
        "Control engineering documents and drawings on a rail project, keep the document register up to date"
        " and make sure superseded documents are withdrawn. Experience with document management systems "
        "needed.",
    ),
    (
        "Events Ticketing Assistant",
        "Sell tickets at the box office, resolve ticket queries by phone and email and issue refunds. "
        "Evening and weekend shifts on a rota shared four weeks ahead.",
    ),
    (
        "Lettings Negotiator",
        "Show properties, collect tenancy deposits and register them with the deposit protection scheme, and"
        " prepare tenancy agreements. Salary plus commission.",
    ),
    (
        "Bank Teller",
        "Serve customers at the counter, process cash deposits and withdrawals and balance the till at the "
        "end of each day. Monday to Friday, 9am to 5pm.",
    ),
    (
        "Hostess – Fine Dining",
        "Welcome guests, manage the reservation book and show guests to their tables. Smart uniform "
        "provided; staff meal every shift; five shifts a week.",
    ),
    (
        "Au Pair – Madrid family",
        "Help with two children for 25 hours a week, your own room, pocket money set by the official au pair"
        " rules, paid Spanish lessons and two days off a week.",
    ),
    (
        "Fishing Deckhand",
        "Day boat out of Newlyn, back in port every evening. Share of the catch with a guaranteed minimum "
        "per trip, paid weekly. Sea survival course paid by the skipper.",
    ),
    (
        "Offshore Technician",
        "Two weeks on, three weeks off rotation, 12-hour shifts while offshore. Helicopter transfers, full "
        "board and wifi on the platform, paid travel from your home.",
    ),
    (
        "Construction Labourer",
        "CSCS card required. 7:30am to 5pm Monday to Friday, occasional Saturday overtime paid at time and a"
        " half. Paid weekly into your bank account via PAYE.",
    ),
    (
        "Hotel Room Attendant – accommodation available",
        "Staff accommodation available in town at £80 a week if you want it, agreed in writing and shown on "
        "your payslip. Paid by the hour, not by the room.",
    ),
    (
        "Delivery Driver – own vehicle",
        "Self-employed courier using your own van. Fuel and insurance are your costs, as for any self-"
        "employed courier; we pay per drop, weekly, with an itemised statement.",
    ),
    (
        "Nanny – Dubai",
        "Experienced nanny for a family in Dubai through a licensed agency. Employer pays visa, medical and "
        "flights; you keep your passport; one day off each week and 30 days' annual leave; salary paid "
        "monthly to your bank account.",
    ),
    (
        "Trainee Electrician",
        "Apprenticeship with college day release, all course fees paid by us. Apprentice wage rising each "
        "year. Tools provided.",
    ),
    (
        "Security Officer",
        "Licensed officer for a shopping centre. 12-hour shifts, four on, four off. SIA licence fee "
        "reimbursed after probation.",
    ),
    (
        "Kitchen Porter – live-in",
        "Live-in position in a country hotel: own room with bathroom, meals on duty, 45 hours over five "
        "days. Transport to the station on your days off.",
    ),
    (
        "Strawberry Pickers",
        "Paid weekly by bank transfer at the hourly rate or piece rate, whichever is more. Caravan "
        "accommodation on the farm at the legal accommodation offset; free bus to town twice a week.",
    ),
    (
        "Massage Therapist – Spa",
        "Qualified massage therapist for a hotel spa. Level 3 diploma required. Treatments booked through "
        "the spa system; 20% commission on retail products.",
    ),
    (
        "Nightclub Bar Staff",
        "Bar staff for Friday and Saturday nights, 9pm to 3am. Paid hourly plus tips shared equally. Taxi "
        "home provided after every shift.",
    ),
    (
        "English Teacher – Vietnam",
        "Teach English at a language centre in Hanoi. We sponsor the work permit and pay for it, provide a "
        "furnished apartment and reimburse your flight after six months. No placement fees.",
    ),
    (
        "Cleaner – Private Household",
        "Cleaner for a family home, 3 mornings a week. Paid by bank transfer each Friday; the family "
        "registers you with HMRC as their employee.",
    ),
    (
        "Telemarketer – remote",
        "Make outbound calls to existing customers from home. Laptop and headset posted to you free. Paid "
        "hourly, twice a month.",
    ),
    (
        "Camarero/a – temporada de verano",
        "Hotel en Mallorca. Contrato de temporada, alta en la Seguridad Social, dos días libres a la semana."
        " Alojamiento en residencia de personal sin coste. Sueldo según convenio, pagado a final de cada "
        "mes.",
    ),
    (
        "Empleada de hogar interna",
        "Familia en Valencia busca interna. Habitación propia, descanso semanal de 36 horas, vacaciones "
        "pagadas. Contrato por escrito y nómina mensual en tu cuenta.",
    ),
    (
        "Repartidor con moto propia",
        "Contrato laboral. Pagamos un plus por uso de moto propia y la gasolina. Horario de 12 a 16 h y de "
        "20 a 24 h, cinco días a la semana.",
    ),
    (
        "Recepcionista de hotel",
        "Atención a clientes, gestión de reservas y cobros. Turnos rotativos de mañana, tarde y noche con "
        "dos días libres. Formación a cargo de la empresa.",
    ),
    (
        "Temporeros para la vendimia",
        "Vendimia en La Rioja, septiembre y octubre. Contrato de obra, sueldo según convenio del campo "
        "pagado cada semana por transferencia. Alojamiento gratuito para quien venga de fuera.",
    ),
    (
        "Modelo para catálogo",
        "Agencia con oficina en Barcelona. Sin cuotas ni book obligatorio: cobramos solo comisión sobre los "
        "trabajos. Menores con sus padres.",
    ),
    (
        "Aide à domicile",
        "Accompagnement de personnes âgées à leur domicile. CDI, 30 heures par semaine, frais kilométriques "
        "remboursés, planning transmis deux semaines à l'avance.",
    ),
    (
        "Saisonnier – station de ski",
        "Hôtel à Chamonix, saison de décembre à avril. Logement fourni, retenue selon le barème légal des "
        "avantages en nature indiquée sur la fiche de paie. Deux jours de repos par semaine.",
    ),
    (
        "Agent d'entretien de nuit",
        "Nettoyage de bureaux de 21h à 5h, du lundi au vendredi. Prime de nuit, mutuelle, tenue fournie.",
    ),
    (
        "Hôtesse d'accueil événementiel",
        "Accueil des visiteurs sur un salon professionnel, trois jours. Tenue fournie, rémunération horaire,"
        " ouvert à toutes et à tous.",
    ),
    (
        "Ouvrier agricole – Québec",
        "Programme des travailleurs étrangers temporaires. L'employeur paie le billet d'avion aller-retour "
        "et le permis de travail; logement conforme fourni. Paie chaque semaine par dépôt direct.",
    ),
    (
        "Caissier / caissière",
        "Encaissement, dépôts bancaires de la recette du jour et accueil des clients. Horaires du mardi au "
        "samedi.",
    ),
]

RISKY = [
    (
        "Factory workers – Taiwan",
        "Electronics assembly in Taoyuan. Broker service fee of NTD 60,000 is paid in monthly instalments "
        "from your salary during the first year. Dormitory provided.",
    ),
    (
        "Domestic helper – Hong Kong",
        "Loving family needs a helper. The agency lends you the training and placement costs; the loan is "
        "repaid over seven months. Day off on Sundays.",
    ),
    (
        "Farm hands",
        "Work on a remote cattle station, three hours from town. Food and a bunk in the shed are provided. "
        "Wages paid at muster's end.",
    ),
    (
        "Cleaners – hotel",
        "Cleaners for city hotels. Housing arranged in a shared house near the hotel; rent and transport are"
        " taken from your weekly pay by the agency. Passports are kept in the agency office for safekeeping.",
    ),
    (
        "Construction – Gulf",
        "Masons and steel fixers for a project in Qatar. Visa and ticket cost to be borne by the worker, "
        "deducted from salary over the first six months.",
    ),
    (
        "Massage therapists",
        "Asian ladies wanted for massage parlour, accommodation upstairs, work and live on the premises, "
        "open until 2am every day.",
    ),
    (
        "Warehouse staff",
        "Immediate start. Your first two weeks' wages are held back as a guarantee that you will complete "
        "the season.",
    ),
    (
        "Fishermen",
        "Crew for a long-line vessel fishing in the Indian Ocean. Contracts of 24 months; the vessel "
        "transships at sea and does not return to port. Salary paid at the end of the contract.",
    ),
    (
        "Nail salon assistants",
        "No experience needed. You will live with the owner's family and be driven to and from the salon. "
        "You will be paid once your training debt is cleared.",
    ),
    (
        "Care workers",
        "We handle your visa. A compulsory training package costs £2,500 and is deducted from your wages; if"
        " you leave before two years you will owe the full sponsorship costs.",
    ),
    (
        "Packers",
        "Packers needed. Your pay goes to your group leader, who gives you what is left after the house and "
        "the van.",
    ),
    (
        "Shop assistant",
        "Work in our corner shop. Live in the room at the back. Open 7am to 11pm, seven days a week; you "
        "help whenever the shop is open.",
    ),
    (
        "Online job",
        "Earn from home! Pay a small activation fee of $49 to receive your first tasks and start earning "
        "commissions immediately.",
    ),
    (
        "Personal assistant – remote",
        "We will send you a cheque to buy office equipment from our supplier; deposit it and transfer the "
        "money to them the same day.",
    ),
    (
        "Seasonal workers",
        "Transport from the city arranged. Workers' ID cards are collected on the first day for registration"
        " and returned at the end of the season.",
    ),
    (
        "Waitresses – abroad",
        "Young waitresses for a bar in Cyprus, artist visa arranged. Drinks with customers are part of the "
        "job and you earn commission on each drink.",
    ),
    (
        "Maids – Saudi Arabia",
        "Housemaids needed urgently. The sponsor keeps the passport during the contract. No day off in the "
        "first three months.",
    ),
    (
        "Labourers",
        "Cash in hand, no paperwork. You sleep on site in the container and we deduct food from your pay.",
    ),
    (
        "Drivers",
        "Delivery drivers using our vans. Van hire of £250 a week comes out of your earnings; if you stop "
        "working you still owe the hire for the rest of the month.",
    ),
    (
        "Trabajadoras del hogar – Chile",
        "Agencia coloca trabajadoras internas. La agencia adelanta el pasaje y lo descuenta de los primeros "
        "sueldos. El pasaporte se queda en la agencia mientras dure el contrato.",
    ),
    (
        "Recolectores",
        "Recolectores para la campaña. Alojamiento en la nave de la finca, se cobra al final de la campaña. "
        "No hay días libres mientras dure la recogida.",
    ),
    (
        "Camareras – Europa",
        "Chicas de 18 a 25 años, guapas y simpáticas, para trabajar en clubs de Europa. Viaje y papeles los "
        "pone la agencia y se devuelven con lo que ganes.",
    ),
    (
        "Repartidores",
        "Alquilo cuenta de reparto. No hace falta permiso de trabajo. Me pagas el 30 % de lo que factures "
        "cada semana.",
    ),
    (
        "Cuidadora interna",
        "Cuidadora interna para señor mayor. Disponibilidad total, también noches y fines de semana. La "
        "familia se queda con el pasaporte por seguridad.",
    ),
    (
        "Ouvriers bâtiment",
        "Chantier en région parisienne. Paiement en espèces à la fin du chantier. Pas besoin de papiers. "
        "Logement dans un container sur place.",
    ),
    (
        "Aides ménagères – Liban",
        "Agence place des aides ménagères au Liban. Le billet est avancé par l'employeur et retenu sur les "
        "six premiers mois de salaire. Le passeport est gardé par l'employeur.",
    ),
    (
        "Hôtesses de bar",
        "Jeunes femmes sexy pour bar de nuit, consommations avec les clients obligatoires, logement au-"
        "dessus du bar.",
    ),
    (
        "Vendeurs à domicile",
        "Achetez votre kit de démarrage à 150 € auprès de notre fournisseur pour commencer à vendre.",
    ),
    (
        "Saisonniers agricoles",
        "Travail 7j/7 pendant la récolte. La paie est versée au chef d'équipe qui vous redistribue votre "
        "part.",
    ),
]


def _ad(n: int, title: str, description: str) -> dict[str, Any]:
    return {"id": str(n), "title": title, "employer": "Acme Ltd", "description": description}


@pytest.mark.parametrize(("title", "description"), LOOK_ALIKES)
def test_look_alikes_are_not_held_by_the_rules(lexical: Screener, title: str, description: str) -> None:
    result = lexical.screen(_ad(0, title, description))
    assert not result.flagged, result.flags


@pytest.mark.parametrize(("title", "description"), RISKY)
def test_subtle_risky_adverts_are_held_by_the_rules(lexical: Screener, title: str, description: str) -> None:
    assert lexical.screen(_ad(0, title, description)).flagged


@pytest.fixture(scope="module")
def by_meaning(encoder: Any) -> list[ScreeningResult]:
    ads = [_ad(n, t, d) for n, (t, d) in enumerate(LOOK_ALIKES)]
    return Screener(encoder=encoder).fit().screen_many(ads)


@pytest.mark.model
@pytest.mark.parametrize("number", range(len(LOOK_ALIKES)))
def test_look_alikes_are_not_held_by_meaning(by_meaning: list[ScreeningResult], number: int) -> None:
    result = by_meaning[number]
    assert not result.flagged, (LOOK_ALIKES[number][0], result.flags)

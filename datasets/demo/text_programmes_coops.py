"""Hand-written, synthetic placement programmes and cooperatives for the demo (no real person).

``PROGRAMMES`` are Bright-Future-style placements: four weeks' paid placement, then a
non-competitive interview, then a full-time job. ``COOPERATIVES`` are a returnee women's
savings-and-credit cooperative in Kathmandu and a UNDP 3x6-style group in Addis Ababa; each member
lists how many loans they take (``loans``) and whether the last one is still being repaid
(``open_loan``). ``loan_step`` is the rounding unit for loans; ``last_month`` the last month of
savings history.
"""

from __future__ import annotations

from typing import Any

PROGRAMMES: list[dict[str, Any]] = [
    dict(
        id="bs-coop-retail",
        employer="coop-retail",
        title="Bright Start placement – Store Colleague",
        sector="retail",
        locality="manchester",
        area="levenshulme",
        description="A four-week paid placement in one of our community food stores for people "
        "referred by a modern slavery support organisation. You work alongside a trained buddy on "
        "the tills, shop floor and deliveries, with the same pay as any colleague. At the end of the "
        "placement you have a non-competitive interview: if the placement went well, you are offered "
        "a permanent Customer Team Member contract. Shifts can be arranged around appointments.",
        skills_required="customer service;till operation;shelf filling",
        languages_required="English",
        capacity=6,
        placement_weeks=4,
        placement_pay=12.9,
        job_title="Customer Team Member",
        job_pay=12.9,
        pay_period="hour",
        hours_per_week=36,
        interview="non_competitive",
        starts_on="2027-01-11",
    ),
    dict(
        id="bs-northway",
        employer="northway-logistics",
        title="Bright Start placement – Warehouse Operative",
        sector="logistics",
        locality="manchester",
        area="trafford_park",
        description="Four weeks' paid placement in our Trafford Park warehouse: picking, packing, "
        "goods-in and an introduction to forklift safety. Day shifts only during the placement, a "
        "named mentor and a weekly check-in with your support worker. A non-competitive interview "
        "at the end leads to a permanent, full-time Warehouse Operative job employed directly by "
        "Northway.",
        skills_required="order picking;manual handling;handheld scanner",
        languages_required="English",
        capacity=4,
        placement_weeks=4,
        placement_pay=13.05,
        job_title="Warehouse Operative",
        job_pay=13.05,
        pay_period="hour",
        hours_per_week=40,
        interview="non_competitive",
        starts_on="2027-01-18",
    ),
    dict(
        id="bs-tesfa-paper",
        employer="tesfa-paper",
        title="Returnee placement – Recycling Operator",
        sector="recycling",
        locality="addis-ababa",
        area="akaki",
        description="Four-week paid placement at our Akaki recycling plant for returnees referred by "
        "the Addis Returnee Reintegration Centre: paper sorting, baling, machine assistance and "
        "safety training, with lunch and the service bus included. After a non-competitive "
        "interview, participants are offered a permanent full-time job as recycling operator or "
        "deposit site operator.",
        skills_required="waste sorting;manual handling;safety rules",
        languages_required="Amharic",
        capacity=8,
        placement_weeks=4,
        placement_pay=4500,
        job_title="Recycling Machine Operator",
        job_pay=6500,
        pay_period="month",
        hours_per_week=48,
        interview="non_competitive",
        starts_on="2027-01-11",
    ),
]

COOPERATIVES: list[dict[str, Any]] = [
    dict(
        id="saathi-ktm",
        organisation="coop-saathi",
        name="Saathi Returnee Women's Savings and Credit Cooperative Ltd.",
        org_description="Savings and credit cooperative founded by women returnee migrant workers "
        "with the Didi Bahini Returnee Network. Members save every month and borrow at a lower rate "
        "than banks to start their own activity.",
        locality="kathmandu",
        founded_on="2023-10-15",
        business="Tea shop and canteen at Koteshwor bus park (opened 2025) and a mobile phone repair "
        "and accessories counter in New Baneshwor",
        monthly_share=1000,
        currency="NPR",
        max_loan_multiple=3,
        monthly_interest_rate=0.01,
        loan_step=5000,
        last_month="2026-10",
        members=[
            dict(
                member="durga-p",
                username="treasurer.kathmandu",
                role="treasurer",
                joined_on="2023-11-01",
                left_on="",
                loans=1,
            ),
            dict(
                member="kamala-g",
                username="member1.kathmandu",
                role="member",
                joined_on="2023-11-01",
                left_on="",
                loans=1,
            ),
            dict(
                member="maya-t",
                username="member2.kathmandu",
                role="member",
                joined_on="2024-03-01",
                left_on="",
                loans=1,
                open_loan=True,
            ),
            dict(member="nirmala-k", role="member", joined_on="2023-11-01", left_on="", loans=2),
            dict(member="laxmi-s", role="member", joined_on="2023-11-01", left_on="", loans=0),
            dict(
                member="pooja-k", role="member", joined_on="2024-06-01", left_on="", loans=1, open_loan=True
            ),
            dict(member="sarita-g", role="member", joined_on="2023-11-01", left_on="2025-12-31", loans=1),
            dict(member="januka-t", role="member", joined_on="2024-01-01", left_on="", loans=1),
            dict(member="sunita-l", role="member", joined_on="2023-12-01", left_on="", loans=0),
            dict(member="gita-a", role="member", joined_on="2023-11-01", left_on="2026-02-28", loans=0),
            dict(member="rita-b", role="member", joined_on="2024-09-01", left_on="", loans=0),
            dict(member="bimala-r", role="member", joined_on="2024-02-01", left_on="", loans=1),
            dict(
                member="parbati-k", role="member", joined_on="2023-11-01", left_on="", loans=2, open_loan=True
            ),
        ],
    ),
    dict(
        id="kolfe-3x6",
        organisation="coop-kolfe-3x6",
        name="Kolfe Keraniyo 3x6 Paper Collectors Group",
        org_description="Group of returnee women formed through a 3x6 cash-for-work and savings "
        "project: after three months of compulsory savings the group pooled them, received a "
        "matching investment of three times its savings, and runs a paper collection business.",
        locality="addis-ababa",
        founded_on="2024-04-10",
        business="Two mobile waste-paper deposit sites and a sorting and baling shed in Kolfe "
        "Keraniyo, selling baled paper to Tesfa Paper Recycling",
        monthly_share=300,
        currency="ETB",
        max_loan_multiple=3,
        monthly_interest_rate=0.01,
        loan_step=500,
        last_month="2026-10",
        members=[
            dict(
                member="tsehay-b",
                username="treasurer.addis",
                role="treasurer",
                joined_on="2024-05-01",
                left_on="",
                loans=1,
            ),
            dict(
                member="birtukan-s",
                username="member1.addis",
                role="member",
                joined_on="2024-05-01",
                left_on="",
                loans=1,
                open_loan=True,
            ),
            dict(
                member="tigist-a",
                username="member2.addis",
                role="member",
                joined_on="2024-05-01",
                left_on="",
                loans=1,
            ),
            dict(member="zewditu-m", role="member", joined_on="2024-05-01", left_on="", loans=2),
            dict(member="hana-b", role="member", joined_on="2024-05-01", left_on="", loans=1),
            dict(member="mulu-h", role="member", joined_on="2024-05-01", left_on="", loans=0),
            dict(member="almaz-k", role="member", joined_on="2024-05-01", left_on="2025-10-31", loans=0),
            dict(member="kidist-m", role="member", joined_on="2024-06-01", left_on="", loans=0),
            dict(member="meseret-w", role="member", joined_on="2024-05-01", left_on="", loans=1),
            dict(member="abeba-t", role="member", joined_on="2024-05-01", left_on="2026-04-30", loans=1),
            dict(member="yeshi-g", role="member", joined_on="2024-08-01", left_on="", loans=1),
            dict(
                member="worknesh-d",
                role="member",
                joined_on="2024-10-01",
                left_on="",
                loans=1,
                open_loan=True,
            ),
        ],
    ),
]

"""Placement pipeline: consent first, steps in order, employers on their own only, disclosure by consent."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from web.infra.db import session
from web.placements.pipeline import (
    JOB,
    PROGRAMME,
    STEPS,
    ProposalHistory,
    Step,
    TransitionRefused,
    check_transition,
    outcomes,
)
from web.storage.schema import Person, PlacementProgramme, PlacementProposal

#: A programme's steps after "proposed", up to "hired" (test_proposal_paths pins the path itself).
PATH = list(STEPS[PROGRAMME][1 : STEPS[PROGRAMME].index("hired") + 1])


def _ids(app) -> tuple[int, int, int]:
    with app.app_context():
        db = session()
        p1 = db.execute(select(Person).where(Person.ref == "p1")).scalar_one()
        p2 = db.execute(select(Person).where(Person.ref == "p2")).scalar_one()
        programme = db.execute(select(PlacementProgramme).where(PlacementProgramme.ref == "bf1")).scalar_one()
        return p1.id, p2.id, programme.id


def _post(client, auth, path: str, data: dict):
    return client.post(path, data={**data, "csrf_token": auth.csrf()})


def _proposal(app) -> PlacementProposal:
    with app.app_context():
        return session().execute(select(PlacementProposal)).scalars().all()[-1]


def test_a_person_without_matching_consent_cannot_be_proposed(app, client, auth) -> None:
    _, p2, programme = _ids(app)
    auth.login("counsellor.a")
    response = _post(client, auth, "/placements/propose", {"person_id": p2, "programme_id": programme})
    assert response.status_code == 302
    assert b"consent to matching" in client.get(response.headers["Location"]).data
    with app.app_context():
        assert session().execute(select(PlacementProposal)).scalars().all() == []


def test_full_path_from_proposal_to_job_with_employer_recording_outcomes(app, client, auth) -> None:
    p1, _, programme = _ids(app)
    auth.login("counsellor.a")
    _post(client, auth, "/placements/propose", {"person_id": p1, "programme_id": programme, "score": "71.5"})
    proposal = _proposal(app)
    for step in PATH[:2]:
        _post(client, auth, f"/placements/{proposal.id}/move", {"to": step})
    auth.logout()
    auth.login("employer.a")
    for step in PATH[2:]:
        assert _post(client, auth, f"/placements/{proposal.id}/move", {"to": step}).status_code == 302
    stored = _proposal(app)
    with app.app_context():
        stored = session().get(PlacementProposal, proposal.id)
        assert stored.state == "hired"
        assert [e.to_state for e in stored.events] == ["proposed", *PATH]
        assert all(e.by_user_id for e in stored.events)


def test_steps_out_of_order_are_refused_with_the_allowed_ones(app, client, auth) -> None:
    p1, _, programme = _ids(app)
    auth.login("counsellor.a")
    _post(client, auth, "/placements/propose", {"person_id": p1, "programme_id": programme})
    proposal = _proposal(app)
    response = _post(client, auth, f"/placements/{proposal.id}/move", {"to": "hired"})
    page = client.get(response.headers["Location"])
    assert b"next step can be: Person agreed, Withdrawn" in page.data
    assert _proposal(app).state == "proposed"


def _introduce(app, client, auth, share: list[str]) -> int:
    p1, _, programme = _ids(app)
    auth.login("counsellor.a")
    _post(client, auth, "/placements/propose", {"person_id": p1, "programme_id": programme})
    proposal = _proposal(app)
    _post(client, auth, f"/placements/{proposal.id}/move", {"to": "person_agreed"})
    _post(client, auth, f"/placements/{proposal.id}/move", {"to": "introduced", "share": share})
    auth.logout()
    return proposal.id


def test_employers_see_an_anonymised_summary_without_consent_to_share(app, client, auth) -> None:
    proposal_id = _introduce(app, client, auth, share=[])
    auth.login("employer.a")
    page = client.get("/placements/introductions")
    assert f"introduction no. {proposal_id}".encode() in page.data
    for secret in (b"Asha", b"Dubai", b"cooked", b"Domestic"):
        assert secret not in page.data
    assert b"Anonymised" in page.data


def test_sharing_needs_consent_in_force(app, client, auth) -> None:
    proposal_id = _introduce(app, client, auth, share=["pseudonym", "skills_text"])
    # p1's share_with_employers consent was withdrawn in the demo, so the introduction was refused
    with app.app_context():
        assert session().get(PlacementProposal, proposal_id).state == "person_agreed"


def test_shared_fields_disappear_as_soon_as_consent_is_withdrawn(app, client, auth) -> None:
    p1, _, _ = _ids(app)
    auth.login("counsellor.a")
    _post(
        client,
        auth,
        f"/people/{p1}/consent",
        {"purpose": "share_with_employers", "action": "grant", "fields": ["pseudonym", "skills_text"]},
    )
    auth.logout()
    _introduce(app, client, auth, share=["pseudonym", "skills_text"])
    auth.login("employer.a")
    assert b"Asha K." in client.get("/placements/introductions").data
    auth.logout()
    auth.login("counsellor.a")
    _post(client, auth, f"/people/{p1}/consent", {"purpose": "share_with_employers", "action": "withdraw"})
    auth.logout()
    auth.login("employer.a")
    page = client.get("/placements/introductions").data
    assert b"Asha K." not in page and b"cooked" not in page


@pytest.mark.parametrize("who", ["employer.b", "counsellor.b"])
def test_other_organisations_cannot_act_on_a_proposal(app, client, auth, who: str) -> None:
    proposal_id = _introduce(app, client, auth, share=[])
    auth.login(who)
    assert (
        _post(client, auth, f"/placements/{proposal_id}/move", {"to": "placement_started"}).status_code == 404
    )
    if who == "employer.b":
        assert b"introduction no." not in client.get("/placements/introductions").data


def test_employer_cannot_see_a_proposal_before_introduction(app, client, auth) -> None:
    p1, _, programme = _ids(app)
    auth.login("counsellor.a")
    _post(client, auth, "/placements/propose", {"person_id": p1, "programme_id": programme})
    auth.logout()
    auth.login("employer.a")
    assert b"introduction no." not in client.get("/placements/introductions").data
    assert (
        _post(client, auth, f"/placements/{_proposal(app).id}/move", {"to": "person_agreed"}).status_code
        == 404
    )


DAY = dt.date(2026, 12, 5)


@pytest.mark.parametrize(
    ("path", "current", "target", "role", "reason", "problem"),
    [
        (PROGRAMME, "proposed", "hired", "counsellor", "", "next step can be"),
        (PROGRAMME, "introduced", "withdrawn", "employer", "moved away", "Employers record"),
        (PROGRAMME, "placement_started", "ended_early", "counsellor", "", "needs a reason"),
        (PROGRAMME, "hired", "left_job", "admin", "", "Only counsellors and employers"),
        (PROGRAMME, "no_offer", "offer", "employer", "", "closed"),
        (JOB, "introduced", "placement_started", "employer", "", "next step can be"),
        (PROGRAMME, "interview", "offer", "employer", "", "next step can be"),
    ],
)
def test_transition_rules(path: str, current: str, target: str, role: str, reason: str, problem: str) -> None:
    with pytest.raises(TransitionRefused, match=problem):
        check_transition(path, [Step(current, DAY)], target, role, DAY, DAY, reason)


def test_outcome_counts_under_five_are_suppressed() -> None:
    t = dt.date(2026, 1, 1)
    histories = [ProposalHistory("A", {"proposed": t, "person_agreed": t}) for _ in range(7)]
    histories += [
        ProposalHistory("A", {"proposed": t, "person_agreed": t, "hired": t + dt.timedelta(days=30)}, 1800)
    ]
    result = outcomes(histories)[0]
    counts = {s.step: s.count for s in result.steps}
    assert counts["proposed"] == 8 and counts["person_agreed"] == 8
    assert counts["hired"] is None and counts["interview"] == 0
    assert result.median_days_to_job is None and result.suppressed


def test_outcomes_page_hides_small_counts(app, client, auth) -> None:
    p1, _, programme = _ids(app)
    auth.login("counsellor.a")
    _post(client, auth, "/placements/propose", {"person_id": p1, "programme_id": programme})
    page = client.get("/placements/outcomes")
    assert b"fewer than 5" in page.data and b"Northern Grocers: Bright Start" in page.data


def test_a_programme_with_every_place_taken_is_not_proposed_again_and_its_card_says_so(
    app, client, auth
) -> None:
    """Places are limited (Bright Future): a counsellor's own proposals counted none of them."""
    from web.storage.schema import Consent

    p1, p2, programme = _ids(app)
    with app.app_context():
        db = session()
        db.get(PlacementProgramme, programme).capacity = 1
        db.add(Consent(person_id=p2, purpose="matching"))
        db.commit()
    auth.login("counsellor.a")
    assert "1 of 1 places left" in client.get(f"/people/{p1}/matches").get_data(as_text=True)
    _post(client, auth, "/placements/propose", {"person_id": p1, "programme_id": programme})
    _post(client, auth, "/placements/propose", {"person_id": p1, "programme_id": programme})  # the same: kept
    assert "0 of 1 places left" in client.get(f"/people/{p1}/matches").get_data(as_text=True)
    refused = _post(client, auth, "/placements/propose", {"person_id": p2, "programme_id": programme})
    said = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert "Every place of this programme is taken by an open proposal" in said
    with app.app_context():
        proposals = session().execute(select(PlacementProposal)).scalars().all()
        assert [p.person_id for p in proposals] == [p1]
    with app.app_context():  # a closed proposal gives its place back
        db = session()
        db.get(PlacementProposal, proposals[0].id).state = "withdrawn"
        db.commit()
    _post(client, auth, "/placements/propose", {"person_id": p2, "programme_id": programme})
    with app.app_context():
        assert len(session().execute(select(PlacementProposal)).scalars().all()) == 2

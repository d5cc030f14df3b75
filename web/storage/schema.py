"""The database tables (SQLAlchemy 2 ORM).

Personal fields use :class:`~web.storage.crypto.EncryptedText` / ``EncryptedJSON`` /
``EncryptedDecimal``, so a raw look at the database shows none of them in clear text; an
encrypted value that must be unique or found by equality has a keyed blind index beside it
(``CoopMember.ref_index``). Protected attributes
(gender, nationality, birth year, trafficking history) live in their own table that no
matching code reads.

Tables marked ``derived`` (``__table_args__`` info) hold only what Pathways computes
from other rows and can compute again (phrase vectors of vacancies, cached match
results, ESCO labels): backups leave their rows out (:mod:`web.ops.backup`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    and_,
    event,
    false,
    or_,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement

from web.storage.crypto import EncryptedDecimal, EncryptedJSON, EncryptedText, active_keyring

ROLES = ("counsellor", "employer", "coop_member", "coop_treasurer", "admin")
ORGANISATION_KINDS = ("ngo", "employer", "cooperative")
CONSENT_PURPOSES = ("matching", "share_with_employers", "demand_statistics", "contact_by_counsellor")
#: Fields of a person's record they may agree to share with an employer (nothing protected, no location).
SHAREABLE_FIELDS = ("pseudonym", "skills_text", "work_history", "interests_text")


class VacancyStatus:
    """Where a vacancy stands (``vacancies.status``): the one list of its states, stored as these strings.

    A new vacancy waits for the safety screener (and, if flagged, a counsellor's review); it is
    then open or rejected; an employer closes it.
    """

    PENDING_REVIEW = "pending_review"
    OPEN = "open"
    REJECTED = "rejected"
    CLOSED = "closed"
    ALL = (PENDING_REVIEW, OPEN, REJECTED, CLOSED)


def utcnow() -> dt.datetime:
    """Timezone-aware now, for default timestamps."""
    return dt.datetime.now(dt.UTC)


def utctoday() -> dt.date:
    """Today's date in UTC: the day a vacancy's closing date is compared with."""
    return utcnow().date()


DERIVED = {"info": {"derived": True}}


class Base(DeclarativeBase):
    """Declarative base of every table."""

    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON}


def is_derived(table: Any) -> bool:
    """Whether a table holds only rows Pathways can compute again (left out of backups)."""
    return bool(table.info.get("derived"))


class PreparedPosting:
    """What is prepared from a vacancy or programme when it is written (:mod:`web.matching.preparation`).

    ``vectors_digest`` names the phrases whose vectors are stored (in :class:`PhraseVector`)
    and ``esco_digest`` what its ESCO grounding (``esco``) was made from; either is stale
    once the posting's words change, and is then prepared again. ``updated_at`` moves on
    every change, so the servers' in-memory index notices.
    """

    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    vectors_digest: Mapped[str | None] = mapped_column(String(64))
    esco: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    esco_digest: Mapped[str | None] = mapped_column(String(64))


class Locality(Base):
    """A town or city where people live and employers hire."""

    __tablename__ = "localities"
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(80))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    currency: Mapped[str] = mapped_column(String(3))


class Organisation(Base):
    """An NGO, an employer or a cooperative."""

    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    locality_id: Mapped[int | None] = mapped_column(ForeignKey("localities.id"))
    description: Mapped[str] = mapped_column(Text, default="")
    #: Every account of the organisation must use two-step sign-in (set by its lead).
    requires_second_factor: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    locality: Mapped[Locality | None] = relationship()


class User(Base):
    """Someone who signs in: counsellor, employer, cooperative member or treasurer, admin."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(EncryptedText)  # a member's may be their caseload pseudonym
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    language: Mapped[str] = mapped_column(String(5), default="en")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: The organisation's lead (its lead counsellor, for an NGO): approves privileged changes to its accounts.
    is_lead: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    totp_secret: Mapped[str | None] = mapped_column(EncryptedText)
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)  # RFC 6238 5.2: each code once
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # bumped: sign out all
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    organisation: Mapped[Organisation | None] = relationship()


class Person(Base):
    """A person supported: their own words and their choices; nothing protected."""

    __tablename__ = "people"
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    counsellor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    locality_id: Mapped[int | None] = mapped_column(ForeignKey("localities.id"))
    pseudonym: Mapped[str] = mapped_column(EncryptedText)
    skills_text: Mapped[str] = mapped_column(EncryptedText)
    work_history: Mapped[list[str]] = mapped_column(EncryptedJSON)
    interests_text: Mapped[str] = mapped_column(EncryptedText)
    languages: Mapped[list[str]] = mapped_column(EncryptedJSON)
    location: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJSON)
    max_distance_km: Mapped[float | None] = mapped_column(Float)
    min_hours_per_week: Mapped[float | None] = mapped_column(Float)
    max_hours_per_week: Mapped[float | None] = mapped_column(Float)
    availability: Mapped[list[str]] = mapped_column(EncryptedJSON)
    constraints_text: Mapped[str] = mapped_column(EncryptedText)
    exclusions: Mapped[list[str]] = mapped_column(EncryptedJSON)
    desired_pay: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    pay_period: Mapped[str | None] = mapped_column(String(10))
    currency: Mapped[str | None] = mapped_column(String(3))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    organisation: Mapped[Organisation] = relationship()
    counsellor: Mapped[User | None] = relationship()
    locality: Mapped[Locality | None] = relationship()
    consents: Mapped[list[Consent]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Consent.granted_at"
    )
    protected: Mapped[ProtectedAttributes | None] = relationship(cascade="all, delete-orphan")
    disclosures: Mapped[list[Disclosure]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Disclosure.granted_at"
    )
    prepared: Mapped[PreparedPerson | None] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    esco_corrections: Mapped[list[EscoCorrection]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="EscoCorrection.id"
    )


class ProtectedAttributes(Base):
    """Gender, nationality, birth year and trafficking history: kept apart, never scored."""

    __tablename__ = "protected_attributes"
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    gender: Mapped[str | None] = mapped_column(EncryptedText)
    nationality: Mapped[str | None] = mapped_column(EncryptedText)
    birth_year: Mapped[str | None] = mapped_column(EncryptedText)
    trafficking_history: Mapped[str | None] = mapped_column(EncryptedText)


class Consent(Base):
    """One purpose a person agreed to, who recorded it and when; withdrawn is kept, not deleted.

    A consent to ``share_with_employers`` names the ``fields`` (of :data:`SHAREABLE_FIELDS`)
    the person agrees may be shared at all; each introduction then shares some of them with one
    employer (a :class:`Disclosure`). Other purposes have no fields (``None``).
    """

    __tablename__ = "consents"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(40))
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    granted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    fields: Mapped[list[str] | None] = mapped_column(JSON)
    person: Mapped[Person] = relationship(back_populates="consents")
    granted_by: Mapped[User | None] = relationship(foreign_keys=[granted_by_id])

    @property
    def in_force(self) -> bool:
        """True while not withdrawn."""
        return self.withdrawn_at is None


class Posting(PreparedPosting):
    """What a vacancy and a placement programme share: an employer's opening, where, what, which skills.

    The columns come first in each table (``sort_order=-1``), in this order, as the migrations made them.
    """

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-1)
    ref: Mapped[str] = mapped_column(String(64), unique=True, sort_order=-1)
    employer_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), sort_order=-1)
    title: Mapped[str] = mapped_column(String(200), sort_order=-1)
    sector: Mapped[str] = mapped_column(String(40), sort_order=-1)
    locality_id: Mapped[int | None] = mapped_column(ForeignKey("localities.id"), sort_order=-1)
    latitude: Mapped[float | None] = mapped_column(Float, sort_order=-1)
    longitude: Mapped[float | None] = mapped_column(Float, sort_order=-1)
    description: Mapped[str] = mapped_column(Text, sort_order=-1)
    skills_required: Mapped[list[str]] = mapped_column(JSON, default=list, sort_order=-1)
    languages_required: Mapped[list[str]] = mapped_column(JSON, default=list, sort_order=-1)

    @declared_attr
    def employer(cls) -> Mapped[Organisation]:
        """The organisation that offers it."""
        return relationship("Organisation")

    @declared_attr
    def locality(cls) -> Mapped[Locality | None]:
        """The town or city it is in."""
        return relationship("Locality")


class Vacancy(Posting, Base):
    """A job an employer offers; screened before anyone can be matched to it."""

    __tablename__ = "vacancies"
    hours_per_week: Mapped[float | None] = mapped_column(Float)
    shift: Mapped[str | None] = mapped_column(String(20))
    pay: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    pay_period: Mapped[str | None] = mapped_column(String(10))
    currency: Mapped[str | None] = mapped_column(String(3))
    contract: Mapped[str | None] = mapped_column(String(20))
    posted_on: Mapped[dt.date | None] = mapped_column(Date)
    closes_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default=VacancyStatus.PENDING_REVIEW)
    screening: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))  # NULL: unscreened
    review_note: Mapped[str | None] = mapped_column(Text)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    @classmethod
    def open_on(cls, day: dt.date) -> ColumnElement[bool]:
        """The condition that a vacancy is open on ``day``: published and not past its closing date."""
        return and_(cls.status == "open", or_(cls.closes_on.is_(None), cls.closes_on >= day))

    def status_on(self, day: dt.date) -> str:
        """The status everyone is shown on ``day``: an open vacancy past its closing date is ``closed``.

        The stored ``status`` keeps the employer's and the review's decision; the closing date
        closes a vacancy on its own, and moving the date on (an edit) opens it again.
        """
        if self.status == "open" and self.closes_on is not None and self.closes_on < day:
            return "closed"
        return self.status

    @property
    def shown_status(self) -> str:
        """:meth:`status_on` today (UTC)."""
        return self.status_on(utctoday())

    @property
    def closed_by_date(self) -> bool:
        """True when the closing date, not the employer, closed the vacancy (today, UTC)."""
        return self.status == "open" and self.shown_status == "closed"


class PlacementProgramme(Posting, Base):
    """A Bright-Future-style programme: paid placement, non-competitive interview, job."""

    __tablename__ = "placement_programmes"
    capacity: Mapped[int] = mapped_column(Integer)
    placement_weeks: Mapped[int] = mapped_column(Integer, default=4)
    placement_pay: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    job_title: Mapped[str] = mapped_column(String(200))
    job_pay: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    pay_period: Mapped[str | None] = mapped_column(String(10))
    currency: Mapped[str | None] = mapped_column(String(3))
    hours_per_week: Mapped[float | None] = mapped_column(Float)
    interview: Mapped[str] = mapped_column(String(20), default="non_competitive")
    #: The cohort's first day: proposals are taken up to and on it, none after (empty: a rolling intake).
    starts_on: Mapped[dt.date | None] = mapped_column(Date)

    @classmethod
    def open_on(cls, day: dt.date) -> ColumnElement[bool]:
        """The condition that a programme takes proposals on ``day``: no start date, or not yet started."""
        return or_(cls.starts_on.is_(None), cls.starts_on >= day)

    def started_by(self, day: dt.date) -> bool:
        """True when the cohort started before ``day``, so it takes no more proposals.

        Examples
        --------
        >>> programme = PlacementProgramme(starts_on=dt.date(2027, 1, 11))
        >>> programme.started_by(dt.date(2027, 1, 11)), programme.started_by(dt.date(2027, 1, 12))
        (False, True)
        >>> PlacementProgramme(starts_on=None).started_by(dt.date(2030, 1, 1))
        False
        """
        return self.starts_on is not None and self.starts_on < day

    @property
    def has_started(self) -> bool:
        """:meth:`started_by` today (UTC)."""
        return self.started_by(utctoday())


class PlacementProposal(Base):
    """A person proposed for a programme place or a vacancy, followed through to a job."""

    __tablename__ = "placement_proposals"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("placement_programmes.id"))
    vacancy_id: Mapped[int | None] = mapped_column(ForeignKey("vacancies.id"))
    state: Mapped[str] = mapped_column(String(30), default="proposed")  # web.placements.pipeline.PATHS
    score: Mapped[float | None] = mapped_column(Float)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: The match's numeric features when proposed (web.placements.history.FEATURES); never protected.
    #: Encrypted: the distance and the fits are derived from the person's own location and wishes.
    features: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJSON)
    #: Probability the proposing rule chose this pair, where known (None: a counsellor's free choice).
    propensity: Mapped[float | None] = mapped_column(Float)
    #: The outcome model's probability of employment at ``horizon`` months, when it proposed the pair.
    probability: Mapped[float | None] = mapped_column(Float)
    horizon: Mapped[int | None] = mapped_column(Integer)
    #: How the counsellor changed the engine's proposal: None (kept), "moved" (another programme).
    override: Mapped[str | None] = mapped_column(String(20))
    person: Mapped[Person] = relationship()
    programme: Mapped[PlacementProgramme | None] = relationship()
    vacancy: Mapped[Vacancy | None] = relationship()
    events: Mapped[list[ProposalEvent]] = relationship(
        back_populates="proposal", cascade="all, delete-orphan", order_by="ProposalEvent.id"
    )
    disclosures: Mapped[list[Disclosure]] = relationship(
        back_populates="proposal", order_by="Disclosure.granted_at", passive_deletes=True
    )

    @property
    def path(self) -> str:
        """``programme`` for a programme place, ``job`` for a vacancy (web.placements.pipeline.PATHS)."""
        return "programme" if self.programme_id is not None else "job"


class ProposalEvent(Base):
    """One step of a proposal's history: from which state to which, the day it happened, by whom, why.

    ``happened_on`` is the day the step happened (the interview's day, the first day in the job),
    which the counsellor or employer gives; ``at`` is when it was recorded.
    """

    __tablename__ = "proposal_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("placement_proposals.id", ondelete="CASCADE"))
    from_state: Mapped[str | None] = mapped_column(String(30))
    to_state: Mapped[str] = mapped_column(String(30))
    happened_on: Mapped[dt.date] = mapped_column(Date, default=utctoday)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str | None] = mapped_column(EncryptedText)
    proposal: Mapped[PlacementProposal] = relationship(back_populates="events")


class OutcomeRecord(Base):
    """One de-identified candidate pair to learn from (matcher.outcomes.PlacementRecord): no person, no words.

    ``case_key`` is an opaque key (one per person and history source), ``opening``/``employer`` the
    refs of a vacancy or programme and its employer. ``outcomes`` maps a horizon ("3", "6", "12")
    to ``{"employed": bool, "known_on": "YYYY-MM-DD"}``. ``audit`` (encrypted) holds gender, nationality and
    age band for the backtest's subgroup audit only: never a feature. ``source`` says where the
    record came from (``synthetic-demo``: generated for the demo by ``simulate_history``).
    """

    __tablename__ = "outcome_records"
    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(40), index=True)
    case_key: Mapped[str] = mapped_column(String(64))
    opening: Mapped[str] = mapped_column(String(64))
    employer: Mapped[str] = mapped_column(String(64))
    day: Mapped[dt.date] = mapped_column(Date)
    programme: Mapped[bool] = mapped_column(Boolean)
    sector: Mapped[str] = mapped_column(String(60))
    score: Mapped[float] = mapped_column(Float)
    features: Mapped[dict[str, Any]] = mapped_column(JSON)
    proposed: Mapped[bool] = mapped_column(Boolean)
    propensity: Mapped[float | None] = mapped_column(Float)
    outcomes: Mapped[dict[str, Any]] = mapped_column(JSON)
    audit: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJSON)  # protected attributes: encrypted


class Disclosure(Base):
    """What a person agreed to share with one employer for one introduction, from when until when.

    It ends (``ended_at``, ``end_reason``) when the proposal closes or the consent it relied on
    is withdrawn, and is kept so the person's record shows which employers saw what and when.
    An ended disclosure never reopens: sharing again is a new disclosure
    (:mod:`web.placements.disclosure`).
    """

    __tablename__ = "disclosures"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("placement_proposals.id", ondelete="CASCADE"), index=True
    )
    employer_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    consent_id: Mapped[int] = mapped_column(ForeignKey("consents.id", ondelete="CASCADE"))
    fields: Mapped[list[str]] = mapped_column(JSON)
    granted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    end_reason: Mapped[str | None] = mapped_column(String(30))  # web.placements.disclosure.END_REASONS
    person: Mapped[Person] = relationship(back_populates="disclosures")
    proposal: Mapped[PlacementProposal] = relationship(back_populates="disclosures")
    employer: Mapped[Organisation] = relationship()
    consent: Mapped[Consent] = relationship()
    granted_by: Mapped[User | None] = relationship(foreign_keys=[granted_by_id])


class Cooperative(Base):
    """A savings-and-credit cooperative or a 3x6 group."""

    __tablename__ = "cooperatives"
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    name: Mapped[str] = mapped_column(String(200))
    locality_id: Mapped[int | None] = mapped_column(ForeignKey("localities.id"))
    founded_on: Mapped[dt.date | None] = mapped_column(Date)
    business: Mapped[str] = mapped_column(Text, default="")
    monthly_share: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3))
    max_loan_multiple: Mapped[float] = mapped_column(Float, default=3.0)
    monthly_interest_rate: Mapped[float] = mapped_column(Float, default=0.01)
    organisation: Mapped[Organisation | None] = relationship()
    locality: Mapped[Locality | None] = relationship()
    members: Mapped[list[CoopMember]] = relationship(back_populates="cooperative", order_by="CoopMember.id")


class CoopMember(Base):
    """A member of a cooperative, with or without a user account.

    ``ref`` (often the member's name, ``kamala-g``) is encrypted; ``ref_index`` is its keyed
    blind index within the cooperative (:func:`member_ref_index`), set on every insert and
    update, which keeps a reference unique per cooperative and lets it be found.
    """

    __tablename__ = "coop_members"
    __table_args__ = (UniqueConstraint("cooperative_id", "ref_index", name="uq_coop_members_ref_index"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"))
    ref: Mapped[str] = mapped_column(EncryptedText)
    ref_index: Mapped[str] = mapped_column(String(160), info={"blind_index_of": ("cooperative_id", "ref")})
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    role: Mapped[str] = mapped_column(String(20), default="member")
    joined_on: Mapped[dt.date | None] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date)
    cooperative: Mapped[Cooperative] = relationship(back_populates="members")
    user: Mapped[User | None] = relationship()


class CoopSaving(Base):
    """One member's month in the cooperative's books."""

    __tablename__ = "coop_savings"
    __table_args__ = (UniqueConstraint("member_id", "month"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("coop_members.id"))
    month: Mapped[str] = mapped_column(String(7))
    saved: Mapped[Decimal] = mapped_column(EncryptedDecimal(2), default=Decimal(0))
    loan_taken: Mapped[Decimal] = mapped_column(EncryptedDecimal(2), default=Decimal(0))
    loan_repaid: Mapped[Decimal] = mapped_column(EncryptedDecimal(2), default=Decimal(0))


def member_ref_index(cooperative_id: int, ref: str, key_id: str | None = None) -> str:
    """The blind index of member reference ``ref`` in cooperative ``cooperative_id``."""
    return active_keyring().blind_index(str(cooperative_id), ref, key_id=key_id)


def member_with_ref(cooperative_id: int, ref: str) -> ColumnElement[bool]:
    """The condition that finds member ``ref`` of a cooperative, whichever key indexed it."""
    indexes = active_keyring().blind_indexes(str(cooperative_id), ref)
    return and_(CoopMember.cooperative_id == cooperative_id, CoopMember.ref_index.in_(indexes))


@event.listens_for(CoopMember, "before_insert")
@event.listens_for(CoopMember, "before_update")
def _index_member_ref(_mapper: Any, _connection: Any, member: CoopMember) -> None:
    member.ref_index = member_ref_index(member.cooperative_id, member.ref)


class SavedPlan(Base):
    """A cooperative's saved savings/loan or 3x6 plan: inputs and a results summary."""

    __tablename__ = "saved_plans"
    id: Mapped[int] = mapped_column(primary_key=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"))
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON)
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CoopBooks(Base):
    """A cooperative's books: its constitution (the group's rules for loans and the share-out).

    The entries are :class:`BookEntry` rows; both are read into :class:`planner.books.ledger.Books`.
    """

    __tablename__ = "coop_books"
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), primary_key=True)
    constitution: Mapped[dict[str, Any]] = mapped_column(JSON)  # planner.books.serial.constitution_to_dict


class BookEntry(Base):
    """One entry in a cooperative's books, never updated or deleted (a correction is a new reversal).

    ``data`` is :func:`planner.books.serial.entry_to_dict` (member, amounts), encrypted; the kind and
    the meeting's date are in clear so a cooperative's entries can be listed without decrypting.
    ``entry_id`` (the books' own id of the entry, which names the member: ``2026-01-15-saving-kamala-g``)
    is encrypted too; ``entry_index`` is its keyed blind index within the cooperative, which keeps
    ids unique without storing them in clear.
    """

    __tablename__ = "book_entries"
    __table_args__ = (UniqueConstraint("cooperative_id", "entry_index", name="uq_book_entries_entry_index"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    entry_id: Mapped[str] = mapped_column(EncryptedText)
    entry_index: Mapped[str] = mapped_column(
        String(160), info={"blind_index_of": ("cooperative_id", "entry_id")}
    )
    kind: Mapped[str] = mapped_column(String(20))
    date: Mapped[dt.date] = mapped_column(Date)
    data: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


@event.listens_for(BookEntry, "before_insert")
def _index_entry_id(_mapper: Any, _connection: Any, entry: BookEntry) -> None:
    entry.entry_index = active_keyring().blind_index(str(entry.cooperative_id), entry.entry_id)


class AuditEvent(Base):
    """Who did what to which record, when; hash-chained, never edited, no personal data.

    ``hash`` is an HMAC under a key derived from data key ``key_id`` (``NULL``: an event from
    before the chain was keyed, a plain SHA-256); see :mod:`web.infra.audit`.
    """

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str] = mapped_column(String(40), default="")
    object_id: Mapped[str] = mapped_column(String(64), default="")
    outcome: Mapped[str] = mapped_column(String(20), default="ok")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    key_id: Mapped[str | None] = mapped_column(String(64), info={"names_data_key": True})


class ApiToken(Base):
    """A personal API token: only a SHA-256 of the secret is kept; revoked and expired ones stay listed."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)  # web.api.tokens.SCOPES
    user: Mapped[User] = relationship()

    @property
    def expired(self) -> bool:
        """True from its expiry time on."""
        ends = self.expires_at if self.expires_at.tzinfo else self.expires_at.replace(tzinfo=dt.UTC)
        return ends <= utcnow()

    @property
    def active(self) -> bool:
        """True until revoked or expired."""
        return self.revoked_at is None and not self.expired


class AccountChange(Base):
    """A privileged change to an account, asked for by an administrator, applied once approved.

    New accounts, password resets, role changes, unlocking, reactivating and removing a second
    factor wait for a second administrator or the organisation's lead (web/admin/changes.py); a
    deactivation is applied at once and recorded here too, so the organisation sees every one.
    ``details`` (the new account's name, role...; never a password) is encrypted.
    """

    __tablename__ = "account_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    target_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    details: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON)
    status: Mapped[str] = mapped_column(
        String(12), default="pending"
    )  # pending, applied, rejected, withdrawn
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    target_user: Mapped[User | None] = relationship(foreign_keys=[target_user_id])
    organisation: Mapped[Organisation | None] = relationship()
    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])


class WebSession(Base):
    """A signed-in (or anonymous) browser session, kept on the server; the cookie holds only a random id.

    ``id_hash`` is the SHA-256 of that id, so a copy of this table cannot be used as a cookie;
    ``data`` (the user id, CSRF token, job ids...) is encrypted like personal fields. Deleting the
    row ends the session at once (sign-out, sign out everywhere).
    """

    __tablename__ = "web_sessions"
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    data: Mapped[str] = mapped_column(EncryptedText)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class SignInFailure(Base):
    """Recent failed sign-ins for one (account, address) or one address, for the back-off.

    ``key`` and ``account_key`` are keyed hashes (HMAC with the app's secret key) of the typed
    username and the client address: neither is stored (web/infra/sign_in_backoff.py).
    """

    __tablename__ = "sign_in_failures"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_key: Mapped[str | None] = mapped_column(String(64), index=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class EscoCorrection(Base):
    """A counsellor's correction of the ESCO skills and occupations Pathways understood for a person.

    ``decision`` is ``confirmed`` or ``rejected`` (of a concept linked from the person's own
    words, kept encrypted in ``source_text``) or ``added`` (chosen by searching ESCO). ESCO
    URIs and labels are public vocabulary, not personal data. Erasing the person erases these.
    """

    __tablename__ = "esco_corrections"
    __table_args__ = (UniqueConstraint("person_id", "kind", "concept_uri"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # "skill" or "occupation"
    concept_uri: Mapped[str] = mapped_column(String(255))
    label: Mapped[str] = mapped_column(Text)
    decision: Mapped[str] = mapped_column(String(12))
    source_text: Mapped[str | None] = mapped_column(EncryptedText)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    person: Mapped[Person] = relationship(back_populates="esco_corrections")


JOB_STATES = ("queued", "running", "finished", "failed")


class BackgroundJob(Base):
    """A background job as every web and worker process sees it: whose, how far, its result.

    The state lives here rather than in one process's memory, so a job started by one web
    worker process can be followed from a page any other serves. ``runner`` is ``host:pid`` of
    the web process running an in-process job, or ``rq`` for a job queued on Redis. The
    result may name people, so it is encrypted; rows go once their result has been kept a day.
    """

    __tablename__ = "background_jobs"
    id: Mapped[int] = mapped_column(primary_key=True)  # submission order: the per-user limit counts by it
    key: Mapped[str] = mapped_column(String(32), unique=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    task: Mapped[str] = mapped_column(String(80))
    runner: Mapped[str] = mapped_column(String(120), default="")
    state: Mapped[str] = mapped_column(String(12), default="queued")
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    message: Mapped[str] = mapped_column(Text, default="")
    message_id: Mapped[str] = mapped_column(Text, default="")
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result: Mapped[Any] = mapped_column(EncryptedJSON, nullable=True)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class PhraseVector(Base):
    """The embedding of one public phrase (of a vacancy or programme), by a keyed hash of model and text.

    Only postings' phrases are kept here; a person's vectors stay in :class:`PreparedPerson`.
    """

    __tablename__ = "phrase_vectors"
    __table_args__ = DERIVED
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    vector: Mapped[bytes] = mapped_column(LargeBinary)


class PreparedPerson(Base):
    """What Pathways prepared from a person's words, encrypted like the record and erased with it.

    ``vectors`` holds the embeddings of their phrases (keyed hashes and float32 data) and
    ``esco`` their ESCO grounding for the labour-market pages (``esco_digest`` says from
    which words); the data keys encrypt both, so key rotation, backups, retention and
    erasure cover them like the person's own fields.
    """

    __tablename__ = "prepared_people"
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    vectors: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJSON)
    esco: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJSON)
    esco_digest: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class MatchResult(Base):
    """A person's ranked openings as last computed, for one set of filters and language.

    Valid while ``person_digest`` (what the matcher saw of the person) and ``reach_digest``
    (every opening within their reach) are unchanged (:mod:`web.matching.cache`). Encrypted:
    the reasons quote the person's words.
    """

    __tablename__ = "match_results"
    __table_args__ = (UniqueConstraint("person_id", "key"), DERIVED)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    person_digest: Mapped[str] = mapped_column(String(64))
    reach_digest: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EscoLabel(Base):
    """The display label of an ESCO URI or ISCO-08 code used by a stored grounding (public vocabulary)."""

    __tablename__ = "esco_labels"
    __table_args__ = DERIVED
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    label: Mapped[str] = mapped_column(Text)

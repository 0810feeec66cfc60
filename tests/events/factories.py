"""One factory per model of the events app."""

import datetime as dt

import factory
from django.utils import timezone

from events.enums import EventKind, OutcomeStatus, SessionType
from events.models import Event, ForumOutcomeVersion, OutcomeDocument, Session, Speaker


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    name = factory.Sequence(lambda n: f"WSIS Forum {2020 + n}")
    slug = factory.Sequence(lambda n: f"wsis-forum-{n}")
    kind = EventKind.FORUM
    dates_text = "27 to 29 May 2026"
    start_date = dt.date(2026, 5, 27)
    end_date = dt.date(2026, 5, 29)
    time_zone = "Europe/Zurich"
    city = "Geneva"
    country = "CH"


class SessionFactory(factory.django.DjangoModelFactory):
    """By default a session that ended yesterday (outcomes may be written)."""

    class Meta:
        model = Session
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    number = factory.Sequence(lambda n: 100 + n)
    title = factory.Sequence(lambda n: f"Session title {n}")
    session_type = SessionType.THEMATIC_WORKSHOP
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1, hours=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=1))

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisers.set(extracted)


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    session = factory.SubFactory(SessionFactory)
    name = factory.Faker("name")


def complete_content(**overrides) -> dict:
    content = {
        "key_issues": [f"Key issue {i}" for i in range(1, 6)],
        "views_wsis20": [f"View {i}" for i in range(1, 6)],
        "tangible_outcomes": [f"Outcome {i}" for i in range(1, 4)],
        "action_plan": [f"Recommendation {i}" for i in range(1, 3)],
        "thematic_suggestions": "One paragraph about the next forum.",
    }
    content.update(overrides)
    return content


class OutcomeDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeDocument
        skip_postgeneration_save = True

    session = factory.SubFactory(SessionFactory)
    status = OutcomeStatus.DRAFT
    key_issues = factory.LazyFunction(lambda: complete_content()["key_issues"])
    views_wsis20 = factory.LazyFunction(lambda: complete_content()["views_wsis20"])
    tangible_outcomes = factory.LazyFunction(lambda: complete_content()["tangible_outcomes"])
    action_plan = factory.LazyFunction(lambda: complete_content()["action_plan"])
    thematic_suggestions = "One paragraph about the next forum."
    search_text = factory.LazyAttribute(
        lambda o: " ".join([*o.key_issues, *o.views_wsis20, o.thematic_suggestions])
    )
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == OutcomeStatus.PUBLISHED else None
    )

    @factory.post_generation
    def search_vector(obj, create, extracted, **kwargs):
        # As `services.outcome_save` does after every write (PostgreSQL only).
        if create:
            from events.services import outcome_search_vectors_refresh

            outcome_search_vectors_refresh(outcome_ids=[obj.pk])


class ForumOutcomeVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumOutcomeVersion

    event = factory.SubFactory(EventFactory)
    content = factory.LazyFunction(lambda: {"event": "Forum", "sessions": []})


def member(**kwargs):
    """A verified member of an organisation; no password hash (fast; tests use force_login)."""
    from tests.factories import MembershipFactory

    return MembershipFactory(user__password=None, **kwargs).user


def secretariat():
    from tests.factories import secretariat_user

    return secretariat_user(password=None)


def outcome_sample_session(event: Event | None = None) -> Session:
    """The session that tests/events/samples/outcome_valid.txt reports on: its number, title,
    organisers and time, so that the importer's header check accepts the sample."""
    from tests.factories import OrganisationFactory

    zurich = dt.timezone(dt.timedelta(hours=2))
    return SessionFactory(
        event=event or EventFactory(),
        number=123,
        title="Open Space Talk: Community networks for mountain villages",
        starts_at=dt.datetime(2025, 6, 3, 9, 0, tzinfo=zurich),
        ends_at=dt.datetime(2025, 6, 3, 10, 15, tzinfo=zurich),
        organisers=[
            OrganisationFactory(name="Ruritania"),
            OrganisationFactory(name="Freedonia"),
            OrganisationFactory(name="Alpine Connectivity Trust"),
        ],
    )


def outcome_seed_session(event: Event | None = None) -> Session:
    """The session of the seed outcome document (seeds/000): number 464, its title, Lithuania and
    Singapore, 28 May 15:45-16:45 at UTC+02:00."""
    from tests.factories import OrganisationFactory

    zurich = dt.timezone(dt.timedelta(hours=2))
    return SessionFactory(
        event=event or EventFactory(),
        number=464,
        title=(
            "WSIS Roundtable discussion: Small States towards meaningful connectivity: "
            "lessons learned & future perspective"
        ),
        starts_at=dt.datetime(2025, 5, 28, 15, 45, tzinfo=zurich),
        ends_at=dt.datetime(2025, 5, 28, 16, 45, tzinfo=zurich),
        organisers=[OrganisationFactory(name="Lithuania"), OrganisationFactory(name="Singapore")],
    )

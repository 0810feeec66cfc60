"""Factories of the stocktaking models."""

import factory
from django.utils import timezone

from stocktaking.enums import ActivityStatus, Coverage, EntryKind, EntryStatus
from stocktaking.models import Entry, EntryAttachment
from tests.factories import OrganisationFactory
from wsis.models import ActionLine, CountryRegion, Sdg


class EntryFactory(factory.django.DjangoModelFactory):
    """An entry with one Action Line (C2, primary), SDG 9 and Switzerland, in the given state."""

    class Meta:
        model = Entry
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    kind = EntryKind.PROJECT
    title = factory.Sequence(lambda n: f"Rural broadband project {n}")
    summary = "Connects rural schools to broadband internet."
    description = "A longer description of the project."
    coverage = Coverage.NATIONAL
    activity_status = ActivityStatus.ONGOING
    website = "https://example.org/project"
    status = EntryStatus.DRAFT
    primary_action_line = factory.LazyFunction(lambda: ActionLine.objects.get(code="C2"))
    start_date = factory.LazyFunction(lambda: timezone.localdate().replace(month=1, day=1))
    submitted_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status != EntryStatus.DRAFT else None
    )
    approved_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == EntryStatus.APPROVED else None
    )

    @factory.post_generation
    def relations(self, create, extracted, **kwargs):
        if not create:
            return
        self.action_lines.set([self.primary_action_line])
        self.sdgs.set(kwargs.get("sdgs") or [Sdg.objects.get(number=9)])
        country = CountryRegion.objects.get(country=kwargs.get("country", "CH"))
        self.countries.set([country])
        self.regions.set([country.region])
        from stocktaking.services import entry_search_vector_refresh

        entry_search_vector_refresh(entry_ids=[self.pk])


class EntryAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntryAttachment

    entry = factory.SubFactory(EntryFactory)
    title = "Annual report"
    file = factory.django.FileField(filename="report.pdf", data=b"%PDF-1.4\n%%EOF\n")
    size = 15


def approve_revision(entry, *, member, secretariat, content: dict) -> None:
    """Revises a published entry through the services, as its organisation and the secretariat
    would: started, changed to `content`, submitted and approved."""
    from stocktaking import services

    revision = services.entry_revision_start(entry=entry, by=member)
    services.entry_update(entry=revision, by=member, content=content, lock_version=1)
    services.entry_submit(entry=revision, by=member)
    services.entry_approve(entry=revision, by=secretariat)


def entry_form_data(lock_version: int, title: str) -> dict:
    """What the owner's edit page posts for a complete C2 project read at `lock_version`."""
    c2 = ActionLine.objects.get(code="C2")
    return {
        "kind": "project",
        "title": title,
        "summary": "Builds community networks.",
        "coverage": "national",
        "countries": [str(CountryRegion.objects.get(country="KE").pk)],
        "action_lines": [str(c2.pk)],
        "primary_action_line": str(c2.pk),
        "sdgs": ["9"],
        "activity_status": "ongoing",
        "website": "https://example.org/",
        "lock_version": str(lock_version),
    }

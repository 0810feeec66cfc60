"""One factory per model of the roadmaps app."""

import factory

from roadmaps.enums import VersionStatus
from roadmaps.models import Clause, Roadmap, RoadmapVersion, SourceGroup
from wsis.models import ActionLine


class RoadmapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Roadmap
        django_get_or_create = ("action_line",)

    action_line = factory.LazyFunction(lambda: ActionLine.objects.get(code="C2"))


class RoadmapVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoadmapVersion

    roadmap = factory.SubFactory(RoadmapFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = VersionStatus.PUBLISHED
    as_of = factory.Faker("date_object")


class SourceGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceGroup

    version = factory.SubFactory(RoadmapVersionFactory)
    title = "Geneva Plan of Action and Tunis Agenda for the Information Society"
    position = factory.Sequence(lambda n: n + 1)


class ClauseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clause
        skip_postgeneration_save = True

    group = factory.SubFactory(SourceGroupFactory)
    version = factory.SelfAttribute("group.version")
    position = factory.Sequence(lambda n: n + 1)
    label = "A"
    outcome_text = factory.Sequence(lambda n: f"<p>Outcome text number {n}</p>")
    proposed_timing = "2025-2030"
    strategic_goals = "Resolution 1"
    sdg_linkages_text = "SDG 9"
    current_situation = "<p>Current situation</p>"
    results_and_targets = "<ul><li>Target one</li></ul>"
    covid_response = ""

    @factory.post_generation
    def sdg_numbers(self, create, extracted, **kwargs):
        if create and extracted:
            self.sdgs.set(extracted)


def version_with_clauses(*, status=VersionStatus.PUBLISHED, clauses=1, roadmap=None, **kwargs):
    """A version with one source group holding `clauses` clauses labelled A, B, C, ..."""
    version = RoadmapVersionFactory(
        status=status, **({"roadmap": roadmap} if roadmap else {}), **kwargs
    )
    group = SourceGroupFactory(version=version, position=1)
    for index in range(clauses):
        ClauseFactory(group=group, position=index + 1, label=_label(index), sdg_numbers=[9])
    return version


def _label(index: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return letters[index] if index < len(letters) else f"Z{index}"

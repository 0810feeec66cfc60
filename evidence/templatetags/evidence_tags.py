"""The links shown on the pages of the other apps: an entry's, a session's and an outcome
document's evidence, and the outcome documents naming each clause of a roadmap version. Each tag
runs a fixed number of queries (see evidence/selectors.py)."""

from django import template

from evidence import selectors

register = template.Library()


@register.inclusion_tag("evidence/_entry_evidence.html")
def entry_evidence(entry):
    return {"evidence": selectors.entry_evidence(entry)}


@register.inclusion_tag("evidence/_session_evidence.html")
def session_evidence(session):
    return {"evidence": selectors.session_evidence(session)}


@register.inclusion_tag("evidence/_outcome_evidence.html")
def outcome_evidence(outcome):
    return {"evidence": selectors.outcome_evidence(outcome)}


@register.simple_tag
def outcomes_by_clause(version):
    """{clause id: [published outcome documents naming it]} for a version's clauses."""
    return selectors.outcomes_by_clause(
        [clause.pk for group in version.groups.all() for clause in group.clauses.all()]
    )


@register.filter
def for_clause(outcomes_by_clause: dict, clause_id: int) -> list:
    # "" where the template did not read them (the editor shows no related outcomes).
    return outcomes_by_clause.get(clause_id, []) if outcomes_by_clause else []

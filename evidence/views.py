"""The owners' link pages (an entry's sessions and Questions, an outcome document's entries and
clauses, a prize entry's Questions, an entry's proposals for thematic repositories) and the
public pages of the study-group Questions and of the thematic repositories."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events.models import OutcomeDocument, Session
from evidence import selectors, services
from evidence.forms import LinkSearchForm, QuestionsForm, RepositoryProposalForm
from evidence.models import (
    EntrySessionLink,
    OutcomeClauseLink,
    OutcomeEntryLink,
    RepositoryProposal,
)
from stocktaking.models import Entry
from stocktaking.prizes.models import PrizeEntry
from wsis.access import role_required
from wsis.caching import cache_public_page
from wsis.csv_files import csv_response
from wsis.workflow import TransitionNotAllowed


def _id(request: HttpRequest, name: str) -> int:
    value = request.POST.get(name, "")
    if not (value.isascii() and value.isdigit() and len(value) < 12):
        raise Http404(f"Name the {name}.")
    return int(value)


def _back(url: str, request: HttpRequest) -> HttpResponse:
    search = LinkSearchForm({"q": request.POST.get("q", "")})
    if search.is_valid() and search.cleaned_data["q"]:
        url += "?" + urlencode(
            {"q": search.cleaned_data["q"], "find": request.POST.get("find", "")}
        )
    return redirect(url)


# --- an entry's sessions and Questions -------------------------------------------------------


def _linkable_entry(request: HttpRequest, pk: int) -> Entry:
    entry = get_object_or_404(Entry.objects.select_related("organisation"), pk=pk)
    if not request.user.has_perm("stocktaking.see_entry", entry):
        raise Http404("No such entry.")
    if not request.user.has_perm("evidence.link_entry", entry):
        raise PermissionDenied(_("Only the entry's organisation and the secretariat."))
    return entry


@role_required()
@require_GET
def entry_links(request: HttpRequest, pk: int) -> HttpResponse:
    """Where the entry was presented (sessions, with a search to add one) and which Questions
    it informs."""
    entry = _linkable_entry(request, pk)
    links, question_ids = selectors.entry_links_for_owner(entry)
    search = LinkSearchForm(request.GET or None)
    found = selectors.session_candidates(search.cleaned_data["q"]) if search.is_valid() else []
    linked = {link.session_id for link in links}
    return render(
        request,
        "evidence/entry_links.html",
        {
            "section": "stocktaking",
            "entry": entry,
            "links": links,
            "search": search,
            "searched": search.is_bound and search.is_valid(),
            "found": [(session, session.pk in linked) for session in found],
            "questions_form": QuestionsForm(initial={"questions": sorted(question_ids)}),
        },
    )


@role_required()
@require_POST
def entry_session_add(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _linkable_entry(request, pk)
    session = get_object_or_404(Session.objects.select_related("event"), pk=_id(request, "session"))
    services.entry_session_link_add(entry=entry, session=session, by=request.user)
    messages.success(request, _("The session was added."))
    return _back(reverse("evidence:entry_links", kwargs={"pk": entry.pk}), request)


@role_required()
@require_POST
def entry_session_remove(request: HttpRequest, pk: int, link_id: int) -> HttpResponse:
    entry = _linkable_entry(request, pk)
    link = get_object_or_404(EntrySessionLink, pk=link_id, entry=entry)
    link.entry = entry
    services.entry_session_link_remove(link=link, by=request.user)
    messages.success(request, _("The session was removed."))
    return redirect("evidence:entry_links", pk=entry.pk)


@role_required()
@require_POST
def entry_questions(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _linkable_entry(request, pk)
    form = QuestionsForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("questions", [])))
        return redirect("evidence:entry_links", pk=entry.pk)
    services.entry_questions_set(
        entry=entry, questions=form.cleaned_data["questions"], by=request.user
    )
    messages.success(request, _("The study-group Questions were saved."))
    return redirect("evidence:entry_links", pk=entry.pk)


# --- an outcome document's entries and clauses -----------------------------------------------


def _linkable_outcome(request: HttpRequest, pk: int) -> OutcomeDocument:
    outcome = get_object_or_404(OutcomeDocument.objects.select_related("session__event"), pk=pk)
    if not request.user.has_perm("events.view_outcomedocument", outcome):
        raise Http404("No such outcome document.")
    if not request.user.has_perm("evidence.link_outcome", outcome):
        raise PermissionDenied(_("Only the session's organisers and the secretariat."))
    return outcome


@role_required()
@require_GET
def outcome_links(request: HttpRequest, pk: int) -> HttpResponse:
    """The stocktaking entries and roadmap clauses an outcome document relates to, with a search
    for each (`find=entry` or `find=clause`)."""
    outcome = _linkable_outcome(request, pk)
    entry_links, clause_links = selectors.outcome_links_for_owner(outcome)
    search = LinkSearchForm(request.GET or None)
    find = request.GET.get("find", "entry")
    found_entries, found_clauses = [], []
    if search.is_valid():
        if find == "clause":
            found_clauses = selectors.clause_candidates(search.cleaned_data["q"])
        else:
            found_entries = selectors.entry_candidates(search.cleaned_data["q"])
    linked_entries = {link.entry_id for link in entry_links}
    linked_clauses = {link.clause_id for link in clause_links}
    return render(
        request,
        "evidence/outcome_links.html",
        {
            "section": "events",
            "outcome": outcome,
            "session": outcome.session,
            "entry_links": entry_links,
            "clause_links": clause_links,
            "search": search,
            "find": "clause" if find == "clause" else "entry",
            "searched": search.is_bound and search.is_valid(),
            "found_entries": [(e, e.pk in linked_entries) for e in found_entries],
            "found_clauses": [(c, c.pk in linked_clauses) for c in found_clauses],
        },
    )


@role_required()
@require_POST
def outcome_entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = _linkable_outcome(request, pk)
    try:
        services.outcome_entry_link_add(
            outcome=outcome, entry_id=_id(request, "entry"), by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The entry was added."))
    return _back(reverse("evidence:outcome_links", kwargs={"pk": outcome.pk}), request)


@role_required()
@require_POST
def outcome_clause_add(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = _linkable_outcome(request, pk)
    try:
        services.outcome_clause_link_add(
            outcome=outcome, clause_id=_id(request, "clause"), by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The clause was added."))
    return _back(reverse("evidence:outcome_links", kwargs={"pk": outcome.pk}), request)


@role_required()
@require_POST
def outcome_link_remove(request: HttpRequest, pk: int, kind: str, link_id: int) -> HttpResponse:
    outcome = _linkable_outcome(request, pk)
    model = {"entries": OutcomeEntryLink, "clauses": OutcomeClauseLink}.get(kind)
    if model is None:
        raise Http404("Unknown link.")
    link = get_object_or_404(model, pk=link_id, outcome=outcome)
    link.outcome = outcome
    services.outcome_link_remove(link=link, by=request.user)
    messages.success(request, _("The link was removed."))
    return redirect("evidence:outcome_links", pk=outcome.pk)


# --- a prize entry's Questions ---------------------------------------------------------------


@role_required()
@require_http_methods(["GET", "POST"])
def prize_entry_questions(request: HttpRequest, pk: int) -> HttpResponse:
    prize_entry = get_object_or_404(
        PrizeEntry.objects.select_related("organisation", "contest", "category"), pk=pk
    )
    if not request.user.has_perm("prizes.view_prizeentry", prize_entry):
        raise Http404("No such prize entry.")
    if not request.user.has_perm("evidence.link_prize_entry", prize_entry):
        raise PermissionDenied(_("Only the entry's organisation and the secretariat."))
    # Every box cleared sends no `questions` at all: still a bound form, which clears them.
    form = QuestionsForm(
        request.POST if request.method == "POST" else None,
        initial={"questions": sorted(selectors.question_links_of_prize_entry(prize_entry))},
    )
    if request.method == "POST" and form.is_valid():
        services.prize_entry_questions_set(
            prize_entry=prize_entry, questions=form.cleaned_data["questions"], by=request.user
        )
        messages.success(request, _("The study-group Questions were saved."))
        return redirect("evidence:prize_entry_questions", pk=prize_entry.pk)
    return render(
        request,
        "evidence/prize_entry_questions.html",
        {"section": "prizes", "prize_entry": prize_entry, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# --- the study-group Questions (public) ------------------------------------------------------

QUESTION_NAMESPACES = ("core", "stocktaking", "prizes")


@require_GET
@cache_public_page(*QUESTION_NAMESPACES)
def question_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "evidence/question_index.html",
        {"section": "stocktaking", "periods": selectors.questions_by_period()},
    )


@require_GET
@cache_public_page(*QUESTION_NAMESPACES)
def question_detail(request: HttpRequest, period: str, group: int, number: int) -> HttpResponse:
    question = selectors.question_public(period=period, group=group, number=number)
    if question is None:
        raise Http404("No such Question.")
    return render(
        request, "evidence/question_detail.html", {"section": "stocktaking", "question": question}
    )


CSV_HEADER = (
    "question",
    "study_period",
    "question_title",
    "kind",
    "id",
    "title",
    "organisation",
    "detail",
    "url",
)


@require_GET
@cache_public_page(*QUESTION_NAMESPACES)
def study_group_csv(request: HttpRequest, period: str, group: int) -> HttpResponse:
    """The public entries and announced results linked to the Questions of one study group in
    one period, one line each, through the formula-safe CSV writer."""
    if period not in selectors.study_periods() or group not in (1, 2):
        raise Http404("No such study group.")
    rows = (
        [
            row.question.label,
            row.question.study_period,
            row.question.title,
            row.kind,
            row.item_id,
            row.title,
            row.organisation,
            row.detail,
            request.build_absolute_uri(row.path),
        ]
        for row in selectors.study_group_rows(period=period, group=group)
    )
    return csv_response(f"itu-d-sg{group}-{period}-wsis.csv", CSV_HEADER, rows)


# --- thematic repositories -------------------------------------------------------------------

REPOSITORY_NAMESPACES = ("core", "stocktaking")
REPOSITORY_PAGE_SIZE = 25


@require_GET
@cache_public_page(*REPOSITORY_NAMESPACES)
def repository_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "evidence/repository_index.html",
        {"section": "stocktaking", "repositories": list(selectors.repositories_public())},
    )


@require_GET
@cache_public_page(*REPOSITORY_NAMESPACES)
def repository_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A repository's criteria and its entries, REPOSITORY_PAGE_SIZE a page."""
    repository = selectors.repository_public(slug)
    if repository is None:
        raise Http404("No such repository.")
    page = Paginator(
        selectors.repository_entries_public(repository), REPOSITORY_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "evidence/repository_detail.html",
        {"section": "stocktaking", "repository": repository, "page": page},
    )


@role_required()
@require_http_methods(["GET", "POST"])
def entry_repositories(request: HttpRequest, pk: int) -> HttpResponse:
    """An entry's proposals for thematic repositories (with the secretariat's reasons) and, once
    the entry is approved, a form to propose it for another."""
    entry = _linkable_entry(request, pk)
    may_propose = request.user.has_perm("evidence.propose_entry", entry)
    open_repositories = list(selectors.repositories_open_to(entry)) if may_propose else []
    form = RepositoryProposalForm(
        request.POST if request.method == "POST" else None, repositories=open_repositories
    )
    if request.method == "POST":
        if not may_propose:
            raise PermissionDenied(_("Only an approved entry can be proposed."))
        if form.is_valid():
            chosen = {repository.pk: repository for repository in open_repositories}
            try:
                services.repository_proposal_make(
                    repository=chosen[form.cleaned_data["repository"]],
                    entry=entry,
                    by=request.user,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The entry was proposed: the secretariat will decide."))
                return redirect("evidence:entry_repositories", pk=entry.pk)
    return render(
        request,
        "evidence/entry_repositories.html",
        {
            "section": "stocktaking",
            "entry": entry,
            "proposals": selectors.entry_proposals(entry),
            "may_propose": may_propose,
            "may_withdraw": request.user.has_perm("evidence.withdraw_proposal", entry),
            "form": form if open_repositories else None,
        },
        status=400 if request.method == "POST" else 200,
    )


@role_required()
@require_POST
def entry_proposal_withdraw(request: HttpRequest, pk: int, proposal_id: int) -> HttpResponse:
    """The entry's organisation takes back a proposal still waiting for the secretariat."""
    entry = _linkable_entry(request, pk)
    proposal = get_object_or_404(RepositoryProposal, pk=proposal_id, entry=entry)
    proposal.entry = entry
    try:
        services.repository_proposal_withdraw(proposal=proposal, by=request.user)
    except TransitionNotAllowed:
        # Decided meanwhile (or withdrawn twice): the page shows what it is now.
        messages.error(request, _("This proposal no longer waits for the secretariat."))
    else:
        messages.success(request, _("The proposal was withdrawn."))
    return redirect("evidence:entry_repositories", pk=entry.pk)

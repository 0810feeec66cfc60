"""Public pages of events, sessions and outcome documents, and the organisers' outcome form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from events import caching, selectors, services
from events.documents import forum_outcome_docx, forum_outcome_pdf
from events.enums import OUTCOME_EDITABLE_STATES
from events.filters import (
    CommitmentFilter,
    OutcomeFilter,
    SessionFilter,
    outcome_form_digest,
    outcome_result_key,
)
from events.forms import CommitmentAnswerForm, OutcomeForm
from events.models import Event, OutcomeDocument, Session
from events.rules import is_session_organiser
from wsis.access import role_required
from wsis.caching import cache_public_page
from wsis.form_holds import write_allowed
from wsis.kept_forms import keeps_typed_across_sign_in
from wsis.locking import StaleVersion
from wsis.pagination import KnownCountPaginator
from wsis.rules import is_secretariat
from wsis.throttling import SubmissionThrottle, throttle_writes
from wsis.views import stale_version_page

SECTION = {"section": "events"}
# Outcome documents a page of the public outcome list shows.
PAGE_SIZE = 25


@require_safe
@cache_public_page("events")
def event_list(request):
    events = selectors.events_public()
    return render(request, "events/event_list.html", {"events": events, **SECTION})


@require_safe
@cache_public_page("events")
def event_detail(request, slug: str):
    event = get_object_or_404(Event, slug=slug, is_draft=False)
    sessions = selectors.sessions_public().filter(event=event)
    agenda = SessionFilter(request.GET or None, queryset=sessions)
    rows = agenda.qs if agenda.is_bound and agenda.is_valid() else sessions
    versions = selectors.forum_outcome_versions(event)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "filter": agenda,
            "days": selectors.event_agenda_days(event, rows),
            "latest_version": versions.first(),
            **SECTION,
        },
    )


def _session(slug: str, number: int) -> Session:
    return get_object_or_404(
        selectors.sessions_public(), event__slug=slug, event__is_draft=False, number=number
    )


@require_safe
@cache_public_page("events")
def session_detail(request, slug: str, number: int):
    session = _session(slug, number)
    outcome = selectors.outcome_for_session(session)
    visible = (
        outcome
        if outcome and request.user.has_perm("events.view_outcomedocument", outcome)
        else None
    )
    return render(
        request,
        "events/session_detail.html",
        {
            "event": session.event,
            "session": session,
            "outcome": visible,
            "may_write": request.user.has_perm("events.add_outcomedocument", session)
            and (outcome is None or outcome.status in OUTCOME_EDITABLE_STATES),
            **SECTION,
        },
    )


@keeps_typed_across_sign_in
@role_required()
@require_http_methods(["GET", "POST"])
@throttle_writes(SubmissionThrottle, keeps_form=True)
def outcome_edit(request, slug: str, number: int):
    session = _session(slug, number)
    outcome = selectors.outcome_for_session(session)
    allowed = (
        request.user.has_perm("events.add_outcomedocument", session)
        if outcome is None
        else request.user.has_perm("events.change_outcomedocument", outcome)
    )
    if not allowed:
        # Organisers of the session learn why; everybody else sees nothing of it.
        if is_session_organiser(request.user, session):
            raise PermissionDenied(
                _(
                    "The outcome document can be written after the session has ended and "
                    "until it is submitted."
                )
            )
        raise Http404
    form = OutcomeForm(request.POST or None, initial=OutcomeForm.initial_from(outcome))
    if request.method == "POST" and form.is_valid() and write_allowed(request, form):
        submit = "submit" in request.POST
        try:
            if submit:
                services.outcome_submit(
                    session=session,
                    by=request.user,
                    content=form.content(),
                    lock_version=form.cleaned_data["lock_version"],
                )
                messages.success(request, _("Submitted: the secretariat will review it."))
            else:
                services.outcome_save(
                    session=session,
                    by=request.user,
                    content=form.content(),
                    lock_version=form.cleaned_data["lock_version"],
                )
                messages.success(request, _("Draft saved."))
            return redirect(session.get_absolute_url())
        except StaleVersion as stale:
            # The writer keeps their text on the page; nothing of it was stored.
            return stale_version_page(
                request,
                "events/outcome_form.html",
                {
                    "event": session.event,
                    "session": session,
                    "outcome": outcome,
                    "form": form,
                    **SECTION,
                },
                form=form,
                stale=stale,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
    return render(
        request,
        "events/outcome_form.html",
        {"event": session.event, "session": session, "outcome": outcome, "form": form, **SECTION},
    )


@require_safe
@cache_public_page("events")
def outcome_list(request):
    outcomes = OutcomeFilter(request.GET or None, queryset=selectors.outcomes_public_listed())
    valid = outcomes.is_bound and outcomes.is_valid()
    rows = outcomes.qs if valid else outcomes.queryset
    # The total is counted once per events generation and filter combination (no COUNT per
    # request); a search's pages rank only its newest matches (`outcomes_ranked_slice`).
    count = caching.outcomes_count(rows, key=outcome_result_key(request.GET if valid else {}))
    page = KnownCountPaginator(rows, PAGE_SIZE, count=count).get_page(request.GET.get("page"))
    if valid:
        # The snippets of the rows shown only (ts_headline is the costly part of a search).
        snippets = caching.outcome_snippets(page, outcomes.form.cleaned_data.get("q") or "")
        for outcome in page:
            outcome.snippet = snippets.get(outcome.pk, "")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/outcome_list.html",
        {
            "filter": outcomes,
            "page": page,
            "rows": caching.outcome_rows(request, list(page)),
            "query": query.urlencode(),
            "filter_key": caching.outcome_form_key(outcome_form_digest(request.GET)),
            "filter_timeout": caching.OUTCOME_CACHE_TIMEOUT,
            **SECTION,
        },
    )


@require_safe
@cache_public_page("events")
def outcome_detail(request, pk: int):
    outcome = get_object_or_404(OutcomeDocument.objects.select_related("session__event"), pk=pk)
    if not request.user.has_perm("events.view_outcomedocument", outcome):
        raise Http404
    session = selectors.sessions_public().get(pk=outcome.session_id)
    commitments = list(outcome.commitments.all()) if outcome.is_public else []
    return render(
        request,
        "events/outcome_detail.html",
        {
            "outcome": outcome,
            "session": session,
            "event": session.event,
            "commitments": commitments,
            **SECTION,
        },
    )


def _version(slug: str, major: int | None = None, minor: int | None = None):
    event = get_object_or_404(Event, slug=slug)
    versions = selectors.forum_outcome_versions(event)
    if major is None:
        version = versions.first()
    else:
        version = versions.filter(major=major, minor=minor).first()
    if version is None:
        raise Http404
    return event, version, versions


@require_safe
@cache_public_page("events")
def forum_outcome(request, slug: str, major: int | None = None, minor: int | None = None):
    event, version, versions = _version(slug, major, minor)
    return render(
        request,
        "events/forum_outcome.html",
        {"event": event, "version": version, "versions": versions, **SECTION},
    )


@require_safe
@cache_public_page("events")
def forum_outcome_download(request, slug: str, major: int, minor: int):
    event, version, _versions = _version(slug, major, minor)
    response = HttpResponse(
        forum_outcome_docx(version),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{event.slug}-outcome-document-{version.label}.docx"'
    )
    return response


@require_safe
@cache_public_page("events")
def forum_outcome_download_pdf(request, slug: str, major: int, minor: int):
    event, version, _versions = _version(slug, major, minor)
    response = HttpResponse(forum_outcome_pdf(version), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{event.slug}-outcome-document-{version.label}.pdf"'
    )
    return response


# --- Commitments ---

COMMITMENT_PAGE_SIZE = 50


@require_safe
@cache_public_page("events")
def commitment_list(request):
    commitments = CommitmentFilter(request.GET or None, queryset=selectors.commitments_public())
    valid = commitments.is_bound and commitments.is_valid()
    rows = commitments.qs if valid else commitments.queryset
    page = Paginator(rows.distinct(), COMMITMENT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/commitment_list.html",
        {"filter": commitments, "page": page, "query": query.urlencode(), **SECTION},
    )


@require_safe
@cache_public_page("events")
def commitment_detail(request, pk: int):
    commitment = get_object_or_404(selectors.commitments_public(), pk=pk)
    return render(
        request,
        "events/commitment_detail.html",
        {"commitment": commitment, "session": commitment.outcome.session, **SECTION},
    )


@role_required()
@require_http_methods(["GET", "POST"])
@throttle_writes(SubmissionThrottle, keeps_form=True)
def commitment_answer(request, pk: int):
    commitment = get_object_or_404(selectors.commitments_public(), pk=pk)
    if commitment.withdrawn_at is not None or not services.may_answer_commitment(
        request.user, commitment
    ):
        raise PermissionDenied(_("Only the session's organisers and the secretariat may answer."))
    initial = (
        {"status": commitment.status, "answer": commitment.answer, "link": commitment.answer_link}
        if commitment.answered_at
        else {}
    )
    form = CommitmentAnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and write_allowed(request, form):
        try:
            services.commitment_answer(
                commitment=commitment,
                by=request.user,
                status=form.cleaned_data["status"],
                answer=form.cleaned_data["answer"],
                link=form.cleaned_data["link"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Thank you: your answer is public now."))
            return redirect("events:commitment_mine")
    return render(
        request,
        "events/commitment_answer.html",
        {"commitment": commitment, "session": commitment.outcome.session, "form": form, **SECTION},
    )


@role_required()
@require_safe
def commitment_mine(request):
    return render(
        request,
        "events/commitment_mine.html",
        {"commitments": list(selectors.commitments_of_user(request.user)), **SECTION},
    )


@role_required(is_secretariat)
@require_safe
def commitment_followup(request):
    return render(
        request,
        "events/commitment_followup.html",
        {"forums": selectors.commitment_followup_by_forum(), **SECTION},
    )


@require_http_methods(["GET", "POST"])
def commitment_unsubscribe(request, token: str):
    done = False
    if request.method == "POST":
        if services.commitment_unsubscribe(token=token) is None:
            raise Http404
        done = True
        messages.success(
            request,
            _("Done: you will receive no more yearly questions about your commitments."),
        )
    return render(request, "events/commitment_unsubscribe.html", {"done": done, **SECTION})

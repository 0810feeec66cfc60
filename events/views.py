"""Public pages of events, sessions and outcome documents, and the organisers' outcome form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from events import caching, selectors, services
from events.diffing import forum_outcome_versions_diff
from events.documents import forum_outcome_docx, forum_outcome_pdf
from events.enums import OUTCOME_EDITABLE_STATES
from events.filters import (
    AgendaFilter,
    CommitmentFilter,
    OutcomeFilter,
    outcome_form_digest,
    outcome_result_key,
)
from events.forms import CommitmentAnswerForm, OutcomeForm, OutcomeTranslationForm
from events.models import Event, OutcomeDocument, Session
from events.rules import is_session_organiser
from wsis.access import role_required
from wsis.caching import cache_public_page
from wsis.caching.reference import reference_lists
from wsis.charts import bars
from wsis.filter_chips import filter_chips, query_with
from wsis.form_holds import write_allowed
from wsis.kept_forms import keeps_typed_across_sign_in
from wsis.locking import StaleVersion
from wsis.models import Organisation
from wsis.pagination import KnownCountPaginator
from wsis.rules import is_secretariat, is_verified
from wsis.text_languages import text_in
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
    agenda = AgendaFilter(request.GET or None, queryset=sessions, event=event)
    valid = agenda.is_bound and agenda.is_valid()
    rows = agenda.qs if valid else sessions
    versions = selectors.forum_outcome_versions(event)
    params = agenda.data if valid else QueryDict()
    chosen_day = params.get("day", "")
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "filter": agenda,
            "chips": filter_chips(params, agenda.form, request.path),
            "clear_url": request.path,
            "query": query_with(params),
            # Each day a link that keeps every other filter.
            "day_links": [
                (label, f"?{query_with(params, day=value)}", value == chosen_day)
                for value, label in agenda.form.fields["day"].choices
                if value
            ],
            "all_days_link": f"?{query_with(params, day='')}",
            "chosen_day": chosen_day,
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
# Its links show roadmap citations and stocktaking entries (evidence/).
@cache_public_page("events", "roadmaps", "stocktaking")
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
            "text": text_in(visible, get_language()) if visible else None,
            "may_write": request.user.has_perm("events.add_outcomedocument", session)
            and (outcome is None or outcome.status in OUTCOME_EDITABLE_STATES),
            "may_translate": outcome is not None
            and (is_secretariat(request.user) or is_session_organiser(request.user, session)),
            "may_link": visible is not None
            and request.user.has_perm("evidence.link_outcome", visible),
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
                    text_language=form.cleaned_data["text_language"] or None,
                    gdc_objectives=form.cleaned_data["gdc_objectives"],
                )
                messages.success(request, _("Submitted: the secretariat will review it."))
            else:
                services.outcome_save(
                    session=session,
                    by=request.user,
                    content=form.content(),
                    lock_version=form.cleaned_data["lock_version"],
                    text_language=form.cleaned_data["text_language"] or None,
                    gdc_objectives=form.cleaned_data["gdc_objectives"],
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
    per_line = caching.outcomes_per_action_line()
    return render(
        request,
        "events/outcome_list.html",
        {
            "filter": outcomes,
            "page": page,
            "rows": caching.outcome_rows(request, list(page)),
            "query": query.urlencode(),
            "chips": filter_chips(request.GET, outcomes.form, request.path) if valid else [],
            "per_action_line": bars(
                [
                    (
                        f"{line.code} {line.name}",
                        per_line.get(line.code, 0),
                        f"?{query_with(QueryDict(), action_line=line.code)}",
                    )
                    for line in reference_lists().action_lines
                ]
            ),
            "clear_url": request.path,
            "filter_key": caching.outcome_form_key(outcome_form_digest(request.GET)),
            "filter_timeout": caching.OUTCOME_CACHE_TIMEOUT,
            **SECTION,
        },
    )


@require_safe
# Its links show roadmap clauses and citations and stocktaking entries (evidence/).
@cache_public_page("events", "roadmaps", "stocktaking")
def outcome_detail(request, pk: int):
    outcome = get_object_or_404(selectors.outcome_page(), pk=pk)
    if not request.user.has_perm("events.view_outcomedocument", outcome):
        raise Http404
    session = outcome.session
    commitments = list(outcome.commitments.all()) if outcome.is_public else []
    return render(
        request,
        "events/outcome_detail.html",
        {
            "outcome": outcome,
            "text": text_in(outcome, get_language()),
            "session": session,
            "event": session.event,
            "commitments": commitments,
            "may_link": request.user.has_perm("evidence.link_outcome", outcome),
            **SECTION,
        },
    )


def _translatable_outcome(request, slug: str, number: int) -> OutcomeDocument:
    """The session's outcome document, for its organisers and the secretariat; 404 otherwise."""
    session = _session(slug, number)
    outcome = selectors.outcome_for_session(session)
    if outcome is None or not (
        is_secretariat(request.user) or is_session_organiser(request.user, session)
    ):
        raise Http404
    return outcome


@keeps_typed_across_sign_in
@role_required(is_verified)
@require_http_methods(["GET", "POST"])
@throttle_writes(SubmissionThrottle, keeps_form=True)
def outcome_translation_edit(request, slug: str, number: int):
    """The organisers or the secretariat add or correct a translation of the outcome document
    (`?language=ar` opens the one there is), in any state; it is public with the document."""
    outcome = _translatable_outcome(request, slug, number)
    translations = list(outcome.translations.all())
    chosen = next((t for t in translations if t.language == request.GET.get("language")), None)
    initial = (
        OutcomeTranslationForm.initial_from(chosen)
        if chosen
        else {"translator": request.user.get_full_name() or request.user.email}
    )
    form = OutcomeTranslationForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        original_language=outcome.text_language,
    )
    if request.method == "POST" and form.is_valid() and write_allowed(request, form):
        try:
            services.outcome_translation_save(
                outcome=outcome,
                language=form.cleaned_data["language"],
                title=form.cleaned_data["title"],
                content=form.content(),
                translator=form.cleaned_data["translator"],
                by=request.user,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The translation is saved."))
            return redirect(outcome.session.get_absolute_url())
    return render(
        request,
        "events/outcome_translation_form.html",
        {
            "outcome": outcome,
            "session": outcome.session,
            "event": outcome.session.event,
            "translations": translations,
            "form": form,
            **SECTION,
        },
        status=400 if form.is_bound else 200,
    )


@role_required(is_verified)
@require_http_methods(["POST"])
def outcome_translation_remove(request, slug: str, number: int, language: str):
    outcome = _translatable_outcome(request, slug, number)
    services.outcome_translation_remove(outcome=outcome, language=language, by=request.user)
    messages.success(request, _("The translation is removed."))
    return redirect("events:outcome_translation", slug=slug, number=number)


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
    versions = list(versions)
    return render(
        request,
        "events/forum_outcome.html",
        {
            "event": event,
            "version": version,
            # Each version with the one before it (None for the first): "compare with previous".
            "history": list(zip(versions, [*versions[1:], None], strict=True)),
            "previous": next(
                (v for v in versions if (v.major, v.minor) < (version.major, version.minor)), None
            ),
            **SECTION,
        },
    )


@require_safe
@cache_public_page("events")
def forum_outcome_compare(
    request, slug: str, old_major: int, old_minor: int, major: int, minor: int
):
    """What changed from one version of an event's Forum Outcome Document to another (public,
    as every version is)."""
    event, first, _versions = _version(slug, old_major, old_minor)
    _event, second, _versions = _version(slug, major, minor)
    return render(
        request,
        "wsis/version_compare.html",
        {
            "diff": forum_outcome_versions_diff(first, second),
            "title": _("Forum Outcome Document: %(event)s") % {"event": event.name},
            "back_url": second.get_absolute_url(),
            **SECTION,
        },
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
def event_people(request, slug: str):
    """Everyone named on an event's public agenda: speakers and organisers, each a link to
    their page."""
    event = get_object_or_404(Event, slug=slug)
    speakers, organisers = selectors.event_people(event)
    return render(
        request,
        "events/people.html",
        {"event": event, "speakers": speakers, "organisers": organisers, **SECTION},
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


@require_safe
@cache_public_page("events")
def speaker_detail(request, slug: str, key: str):
    """A speaker's sessions at an event (as the agenda names them: public fields only) with
    the sessions' published outcome documents."""
    event = get_object_or_404(Event, slug=slug)
    name, appearances = selectors.speaker_sessions(event, key)
    if not appearances:
        raise Http404(_("Nobody of that name speaks at this event."))
    outcomes = selectors.outcomes_of_sessions([session for session, _rows in appearances])
    return render(
        request,
        "events/person.html",
        {
            "event": event,
            "name": name,
            "appearances": [
                (session, rows, outcomes.get(session.pk)) for session, rows in appearances
            ],
            **SECTION,
        },
    )


@require_safe
@cache_public_page("events")
def organiser_detail(request, slug: str, organisation: str):
    """The sessions an organisation organises at an event, with their published outcomes."""
    event = get_object_or_404(Event, slug=slug)
    organiser = get_object_or_404(Organisation, slug=organisation)
    sessions = selectors.organiser_sessions(event, organiser)
    if not sessions:
        raise Http404(_("This organisation organises no session of this event."))
    outcomes = selectors.outcomes_of_sessions(sessions)
    return render(
        request,
        "events/person.html",
        {
            "event": event,
            "name": organiser.name,
            "organiser": organiser,
            "appearances": [(session, [], outcomes.get(session.pk)) for session in sessions],
            **SECTION,
        },
    )


@require_safe
@cache_public_page("events")
def event_timetable(request, slug: str):
    """The agenda as a timetable: a grid per day of start times × rooms, as a venue reads it
    (the agenda's filters hold here too, and the links between the views keep them)."""
    event = get_object_or_404(Event, slug=slug)
    sessions = selectors.sessions_public().filter(event=event)
    agenda = AgendaFilter(request.GET or None, queryset=sessions, event=event)
    valid = agenda.is_bound and agenda.is_valid()
    params = agenda.data if valid else QueryDict()
    return render(
        request,
        "events/timetable.html",
        {
            "event": event,
            "days": selectors.event_timetable(event, agenda.qs if valid else sessions),
            "query": query_with(params),
            "chips": filter_chips(params, agenda.form, request.path),
            "clear_url": request.path,
            **SECTION,
        },
    )

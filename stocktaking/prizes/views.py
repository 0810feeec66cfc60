"""Pages of the WSIS Prizes: public contest, nominees, voting and results; stakeholders' entries;
experts' reviews; the secretariat's phase, eligibility, ranking, nominee and winner pages.
Views check permissions and call services; they never write a status themselves."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from stocktaking.prizes import selectors, services
from stocktaking.prizes.enums import EDITABLE_STATES, PUBLIC_STATES, Phase, PrizeEntryStatus
from stocktaking.prizes.forms import (
    ConflictForm,
    DecisionForm,
    NomineeSelectionForm,
    PhaseMoveForm,
    PrizeEntryForm,
    PrizeEntryTranslationForm,
    ReviewForm,
    WinnersForm,
)
from stocktaking.prizes.models import Category, Contest, PrizeEntry
from stocktaking.prizes.throttling import vote_throttled
from stocktaking.prizes.workflow import PRIZE_ENTRY_WORKFLOW
from wsis.access import role_required
from wsis.caching import cache_public_page, public_cache_until
from wsis.charts import columns
from wsis.csv_files import csv_response
from wsis.form_holds import write_allowed
from wsis.kept_forms import keeps_typed_across_sign_in
from wsis.locking import StaleVersion
from wsis.network import client_address
from wsis.rules import is_expert, is_secretariat, is_verified, organisation_memberships
from wsis.selectors import organisations_of_user
from wsis.text_languages import text_in
from wsis.throttling import SubmissionThrottle, throttle_writes, write_not_done
from wsis.views import stale_version_page
from wsis.workflow import TransitionNotAllowed

SECTION = {"section": "prizes"}


def _render(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    return render(request, f"prizes/{template}", {**SECTION, **context}, status=status)


def _contest(year: int) -> Contest:
    return get_object_or_404(Contest, year=year)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for item in errors:
                form.add_error(field if field in form.fields else None, item)
    else:
        for message in error.messages:
            form.add_error(None, message)


# --- Public pages ---


@require_safe
@cache_public_page("prizes")
def index(request):
    return _render(request, "index.html", {"contests": selectors.contests_public()})


def _phase_now(request, contest: Contest) -> str:
    """The contest's phase now; a cached page showing it expires when the next phase starts."""
    now = timezone.now()
    public_cache_until(request, selectors.next_phase_start(contest, now))
    return selectors.phase_at(contest, now)


@require_safe
@cache_public_page("prizes")
def contest_detail(request, year: int):
    contest = _contest(year)
    return _render(
        request,
        "contest.html",
        {
            "contest": contest,
            "phase": Phase(_phase_now(request, contest)),
            "categories": selectors.categories_of_contest(contest),
        },
    )


@require_safe
@cache_public_page("prizes")
def category_detail(request, year: int, slug: str):
    """A category's nominees; while voting is open, where a voter votes (one form a nominee)."""
    category = get_object_or_404(
        Category.objects.select_related("contest", "action_line"), contest__year=year, slug=slug
    )
    contest = category.contest
    voting_open = _phase_now(request, contest) == Phase.VOTING_OPEN
    return _render(
        request,
        "category.html",
        {
            "contest": contest,
            "category": category,
            "nominees": selectors.nominees_for_category(category),
            "voting_open": voting_open,
            "can_vote": voting_open and is_verified(request.user),
            "my_vote": selectors.voted_category_ids(request.user, contest).get(category.pk),
        },
    )


@require_safe
@cache_public_page("prizes")
def vote_page(request, year: int):
    """Where a voter lands: the categories with the number of nominees and the voter's vote in
    each (or not yet), each linking to its page of nominees and vote forms. Its size does not
    grow with the nominees (1,000 in a contest)."""
    contest = _contest(year)
    categories = list(selectors.categories_with_nominee_counts(contest))
    votes = selectors.votes_of_voter(request.user, contest)
    for category in categories:
        category.my_vote_id, category.my_vote_title = votes.get(category.pk, (None, ""))
    return _render(
        request,
        "vote.html",
        {
            "contest": contest,
            "categories": categories,
            "voted_count": len(votes),
            "category_count": len(categories),
            "voting_open": _phase_now(request, contest) == Phase.VOTING_OPEN,
            "can_vote": is_verified(request.user),
        },
    )


@require_POST
def vote_cast(request, year: int, pk: int):
    entry = get_object_or_404(
        PrizeEntry.objects.select_related("contest", "category"),
        pk=pk,
        contest__year=year,
        status__in=PUBLIC_STATES,
    )
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("prizes:vote", kwargs={"year": year}))
    if vote_throttled(request):
        messages.error(request, _("Too many votes in a short time; please wait a minute."))
        return redirect("prizes:vote", year=year)
    now = timezone.now()
    asks = (
        request.POST.get("confirm") != "yes"
        and is_verified(request.user)
        and selectors.phase_at(entry.contest, now) == Phase.VOTING_OPEN
        and entry.category_id not in selectors.votes_of_voter(request.user, entry.contest)
    )
    if asks:
        # A vote is final: the first press asks to confirm, naming the nominee and category.
        return _render(request, "vote_confirm.html", {"entry": entry, "contest": entry.contest})
    try:
        services.vote_cast(
            user=request.user, entry=entry, ip=client_address(request), now=timezone.now()
        )
    except PermissionDenied as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Your vote for “%(title)s” in “%(category)s” is recorded.")
            % {"title": entry.title, "category": entry.category.name},
        )
    return redirect(
        reverse("prizes:vote", kwargs={"year": year}) + f"#category-{entry.category.slug}"
    )


@require_safe
@cache_public_page("prizes")
def results(request, year: int):
    contest = _contest(year)
    return _render(
        request,
        "results.html",
        {"contest": contest, "results": selectors.results_of_contest(contest)},
    )


@require_safe
@cache_public_page("prizes", "stocktaking")
def entry_detail(request, pk: int):
    entry = get_object_or_404(
        PrizeEntry.objects.select_related(
            "contest", "category", "organisation", "stocktaking_entry"
        ).prefetch_related("translations"),
        pk=pk,
    )
    if not request.user.has_perm("prizes.view_prizeentry", entry):
        raise Http404
    secretariat = is_secretariat(request.user)
    deciding = secretariat and entry.status == "submitted"
    return _render(
        request,
        "entry.html",
        {
            "entry": entry,
            "text": text_in(entry, get_language()),
            "is_member": entry.organisation_id in organisation_memberships(request.user),
            "decision_form": DecisionForm() if deciding else None,
            "language_checks": selectors.entry_language_checks(entry) if deciding else None,
            "may_review": request.user.has_perm("prizes.review_prizeentry", entry),
            "moves": PRIZE_ENTRY_WORKFLOW.allowed_moves(entry, request.user),
        },
    )


# --- Stakeholders ---


@role_required()
def my_entries(request):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return _render(request, "my_entries.html", {"entries": selectors.entries_of_user(request.user)})


@keeps_typed_across_sign_in
@throttle_writes(SubmissionThrottle, keeps_form=True)
@role_required(is_verified)
def entry_create(request, year: int):
    contest = _contest(year)
    phase = selectors.phase_at(contest, timezone.now())
    if phase != Phase.ENTRIES_OPEN:
        # Say so before anyone fills eight long fields that the service would then refuse.
        return _render(
            request,
            "entries_closed.html",
            {"contest": contest, "not_yet": phase == Phase.UPCOMING},
            status=403,
        )
    organisations = organisations_of_user(request.user)
    form = PrizeEntryForm(request.POST or None, contest=contest, organisations=organisations)
    if request.method == "POST" and form.is_valid() and write_allowed(request, form):
        try:
            entry = services.prize_entry_create(
                by=request.user,
                contest=contest,
                organisation=form.cleaned_data["organisation"],
                category=form.cleaned_data["category"],
                stocktaking_entry=form.cleaned_data["stocktaking_entry"],
                content=form.content(),
                now=timezone.now(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Your draft entry is saved. Submit it before the deadline.")
            )
            return redirect(entry)
    return _render(request, "entry_form.html", {"form": form, "contest": contest})


def _own_entry(request, pk: int) -> PrizeEntry:
    entry = get_object_or_404(
        PrizeEntry.objects.select_related(
            "contest", "category", "organisation", "stocktaking_entry"
        ),
        pk=pk,
    )
    if entry.organisation_id not in organisation_memberships(request.user):
        raise Http404
    return entry


@keeps_typed_across_sign_in
@role_required(is_verified)
def entry_edit(request, pk: int):
    entry = _own_entry(request, pk)
    if entry.status not in EDITABLE_STATES:
        raise PermissionDenied(_("A submitted entry can no longer be changed."))
    organisations = organisations_of_user(request.user)
    form = PrizeEntryForm(
        request.POST or None, instance=entry, contest=entry.contest, organisations=organisations
    )
    if request.method == "POST" and form.is_valid() and write_allowed(request, form):
        try:
            services.prize_entry_update(
                entry=entry,
                by=request.user,
                lock_version=form.cleaned_data["lock_version"] or 0,
                category=form.cleaned_data["category"],
                stocktaking_entry=form.cleaned_data["stocktaking_entry"],
                content=form.content(),
                now=timezone.now(),
            )
        except StaleVersion as stale:
            return stale_version_page(
                request,
                "prizes/entry_form.html",
                {**SECTION, "form": form, "contest": entry.contest, "entry": entry},
                form=form,
                stale=stale,
            )
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(entry)
    return _render(
        request, "entry_form.html", {"form": form, "contest": entry.contest, "entry": entry}
    )


@require_POST
@throttle_writes(SubmissionThrottle)
@role_required()
def entry_submit(request, pk: int):
    entry = _own_entry(request, pk)
    try:
        services.prize_entry_submit(entry=entry, by=request.user, now=timezone.now())
    except PermissionDenied as error:
        messages.error(request, str(error))
        write_not_done(request)
    except TransitionNotAllowed:
        messages.error(request, _("This entry is already submitted."))
        write_not_done(request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        write_not_done(request)
    else:
        messages.success(request, _("Your entry is submitted. The secretariat will check it."))
    return redirect(entry)


@keeps_typed_across_sign_in
@throttle_writes(SubmissionThrottle, keeps_form=True)
@role_required(is_verified)
def entry_translation_edit(request, pk: int):
    """A member adds or corrects the translation of the entry's title and description for the
    readers of another language (`?language=fr` opens the one there is); the contest still
    judges the English text."""
    entry = _own_entry(request, pk)
    existing = {translation.language: translation for translation in entry.translations.all()}
    chosen = existing.get(request.GET.get("language", ""))
    initial = {"translator": request.user.get_full_name() or request.user.email}
    if chosen is not None:
        initial = {
            "language": chosen.language,
            "title": chosen.title,
            "description": chosen.description,
            "translator": chosen.translator,
        }
    form = PrizeEntryTranslationForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        original_language=entry.text_language,
    )
    if request.method == "POST" and form.is_valid() and write_allowed(request, form):
        try:
            services.prize_entry_translation_save(entry=entry, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The translation is saved."))
            return redirect(entry)
    return _render(
        request,
        "translation_form.html",
        {"form": form, "entry": entry, "translations": entry.translations.all()},
        status=400 if form.is_bound else 200,
    )


@require_POST
@role_required(is_verified)
def entry_translation_remove(request, pk: int, language: str):
    entry = _own_entry(request, pk)
    services.prize_entry_translation_remove(entry=entry, language=language, by=request.user)
    messages.success(request, _("The translation is removed."))
    return redirect("prizes:entry_translation", pk=entry.pk)


# --- Secretariat ---


@require_POST
@role_required(is_secretariat)
def entry_decide(request, pk: int):
    entry = get_object_or_404(
        PrizeEntry.objects.select_related("contest", "organisation", "category"), pk=pk
    )
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.prize_entry_decide(
                entry=entry,
                eligible=form.cleaned_data["decision"] == "eligible",
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The decision is recorded and the submitter told."))
    else:
        messages.error(request, _("Choose a decision."))
    return redirect(entry)


@role_required(is_secretariat)
def manage(request, year: int):
    contest = _contest(year)
    form = PhaseMoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contest_phase_move(
                contest=contest,
                to=form.cleaned_data["phase"],
                by=request.user,
                reason=form.cleaned_data["reason"],
                now=timezone.now(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The phase is moved and the change recorded."))
            return redirect("prizes:manage", year=year)
    return _render(
        request,
        "manage.html",
        {
            "contest": contest,
            "phase": Phase(selectors.phase_at(contest, timezone.now())),
            "form": form,
            "categories": selectors.categories_of_contest(contest),
            "submitted": PrizeEntry.objects.filter(
                contest=contest, status=PrizeEntryStatus.SUBMITTED
            )
            .select_related("organisation", "category")
            .order_by("category__number", "submitted_at"),
        },
    )


@role_required(is_secretariat)
def ranking(request, year: int, slug: str):
    """The category's ranking and the nominee selection: choose, preview, then publish."""
    category = get_object_or_404(
        Category.objects.select_related("contest"), contest__year=year, slug=slug
    )
    form = NomineeSelectionForm(request.POST or None, category=category)
    preview = None
    if request.method == "POST" and form.is_valid():
        selected = list(form.cleaned_data["entries"])
        if "confirm" in request.POST:
            try:
                services.nominees_publish(
                    category=category, entries=selected, by=request.user, now=timezone.now()
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The nominees are published and notified."))
                return redirect("prizes:category", year=year, slug=slug)
        else:
            selected_ids = {e.pk for e in selected}
            preview = {
                "nominees": selected,
                "not_shortlisted": [
                    e for e in form.fields["entries"].queryset if e.pk not in selected_ids
                ],
            }
    return _render(
        request,
        "ranking.html",
        {
            "contest": category.contest,
            "category": category,
            "rows": selectors.category_ranking(category),
            "tally": selectors.vote_tally(category),
            "form": form,
            "preview": preview,
        },
    )


@require_safe
@role_required(is_secretariat)
def coverage(request, year: int):
    contest = _contest(year)
    return _render(
        request, "coverage.html", {"contest": contest, "rows": selectors.coverage_report(contest)}
    )


@require_POST
@role_required(is_secretariat)
def finalists_publish(request, year: int):
    contest = _contest(year)
    try:
        chosen = services.finalists_publish(contest=contest, by=request.user, now=timezone.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        count = sum(len(ids) for ids in chosen.values())
        messages.success(request, _("%(count)d finalists are published.") % {"count": count})
    return redirect("prizes:manage", year=year)


@role_required(is_secretariat)
def winners(request, year: int, slug: str):
    category = get_object_or_404(
        Category.objects.select_related("contest"), contest__year=year, slug=slug
    )
    form = WinnersForm(request.POST or None, category=category)
    if request.method == "POST" and form.is_valid():
        try:
            services.winners_record(
                category=category,
                winners=form.cleaned_data["winners"],
                champions=form.cleaned_data["champions"],
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The winner and champions are recorded."))
            return redirect("prizes:results", year=year)
    return _render(
        request, "winners.html", {"contest": category.contest, "category": category, "form": form}
    )


@role_required(is_secretariat)
def vote_integrity(request, year: int):
    """Bursts and clusters of votes, each flagged group quarantined in one click (one network's
    votes for one nominee here; bursts and new accounts in the two views below)."""
    if request.method == "POST":
        return _quarantine_group(
            request,
            year,
            lambda contest, entry, reason: services.votes_quarantine_network(
                contest=contest,
                network_hash=request.POST.get("network_hash", ""),
                entry=entry,
                reason=reason,
                by=request.user,
            ),
        )
    contest = _contest(year)
    return _render(
        request,
        "vote_integrity.html",
        {
            "contest": contest,
            "report": selectors.vote_integrity_report(contest),
            "totals": selectors.contest_vote_totals(contest),
            "quarantined_tally": selectors.contest_vote_tally(contest).filter(quarantined__gt=0),
            **_votes_chart(contest),
        },
    )


def _votes_chart(contest) -> dict:
    """The counted votes per day as a column chart with its table (wsis.charts)."""
    chart, size = columns(
        [
            (date_format(day, "SHORT_DATE_FORMAT"), votes)
            for day, votes in selectors.contest_votes_per_day(contest)
        ]
    )
    return {"votes_chart": chart, "votes_chart_size": size}


@role_required(is_secretariat)
def _quarantine_group(request, year: int, quarantine) -> HttpResponse:
    """One POST from the integrity report: quarantines one flagged group with the reason given,
    then back to the report with the outcome. `quarantine(contest, entry, reason)` calls the
    service; malformed input is 404, a missing reason an error message."""
    contest = _contest(year)
    entry_id = request.POST.get("entry", "")
    if not entry_id.isdigit():
        raise Http404
    entry = get_object_or_404(PrizeEntry, pk=int(entry_id), contest=contest)
    try:
        count = quarantine(contest, entry, request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if count:
            messages.success(request, _("%(count)d votes quarantined.") % {"count": count})
        else:
            messages.info(request, _("No counted vote is left in this group: nothing changed."))
    return redirect("prizes:vote_integrity", year=year)


@require_POST
def vote_quarantine_burst(request, year: int):
    def quarantine(contest, entry, reason):
        try:
            minute = datetime.fromisoformat(request.POST.get("minute", ""))
        except ValueError:
            raise Http404 from None
        if minute.tzinfo is None:
            raise Http404
        return services.votes_quarantine_burst(
            contest=contest, entry=entry, minute=minute, reason=reason, by=request.user
        )

    return _quarantine_group(request, year, quarantine)


@require_POST
def vote_quarantine_new_accounts(request, year: int):
    return _quarantine_group(
        request,
        year,
        lambda contest, entry, reason: services.votes_quarantine_new_accounts(
            contest=contest, entry=entry, reason=reason, by=request.user
        ),
    )


@require_safe
@cache_public_page("prizes")
def results_csv(request, year: int):
    contest = _contest(year)
    return csv_response(
        f"wsis-prizes-{year}-results.csv",
        ["category_number", "category", "title", "organisation", "country", "result"],
        (
            [
                e.category.number,
                e.category.name,
                e.title,
                e.organisation.name,
                e.organisation.country.code,
                e.status,
            ]
            for e in selectors.results_of_contest(contest)
        ),
    )


@require_safe
@role_required(is_secretariat)
def tally_csv(request, year: int):
    """Counted and quarantined votes per nominee: no voter, time or address."""
    contest = _contest(year)
    return csv_response(
        f"wsis-prizes-{year}-vote-tally.csv",
        [
            "category_number",
            "category",
            "nominee",
            "organisation",
            "status",
            "counted",
            "quarantined",
        ],
        (
            [
                e.category.number,
                e.category.name,
                e.title,
                e.organisation.name,
                e.status,
                e.counted,
                e.quarantined,
            ]
            for e in selectors.contest_vote_tally(contest)
        ),
    )


# --- Experts ---


@role_required(is_expert)
def review_list(request, year: int):
    contest = _contest(year)
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.conflict_declare(
            contest=contest,
            expert=request.user,
            organisation=form.cleaned_data["organisation"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Your conflict of interest is recorded."))
        return redirect("prizes:review_list", year=year)
    return _render(
        request,
        "review_list.html",
        {
            "contest": contest,
            "entries": selectors.entries_for_expert(request.user, contest),
            "form": form,
        },
    )


@role_required(is_expert)
def review(request, pk: int):
    entry = get_object_or_404(
        PrizeEntry.objects.select_related("contest", "category", "organisation"), pk=pk
    )
    own_reviews = selectors.reviews_visible_to(request.user, entry)
    if not own_reviews and not request.user.has_perm("prizes.review_prizeentry", entry):
        raise Http404
    form = ReviewForm(request.POST or None)
    status = 200
    if request.method == "POST" and own_reviews:
        # A second tab's submit: the first review is final and stays as it is.
        form.is_valid()
        form.add_error(None, _("You have already reviewed this entry; a review is final."))
        status = 409
    elif request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.review_submit(
                    entry=entry,
                    expert=request.user,
                    scores={name: form.cleaned_data[name] for name in ReviewForm.Meta.fields[:-1]},
                    comment=form.cleaned_data["comment"],
                    now=timezone.now(),
                )
        except ValidationError as error:
            _add_errors(form, error)
            # A ValidationError of several fields carries no single code.
            if getattr(error, "code", None) == "duplicate":
                # Both tabs passed the check above at once; the database let only one in.
                status = 409
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your review is recorded."))
            return redirect("prizes:review", pk=pk)
    return _render(
        request,
        "review.html",
        {"entry": entry, "form": form, "reviews": own_reviews},
        status=status,
    )

"""Pages of WSIS Stocktaking: the public database and the stakeholders' own entries."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.feedgenerator import Atom1Feed
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from stocktaking import caching, selectors, services
from stocktaking.enums import EDITABLE_STATES, OPEN_STATES, OWNER_WITHDRAWABLE_STATES, EntryStatus
from stocktaking.exports import EXPORT_COLUMNS, entry_export_row
from stocktaking.filters import EntryFilter, entries_result_key, without_invalid
from stocktaking.forms import AttachmentForm, EntryForm
from stocktaking.models import Entry, EntryAttachment
from stocktaking.rules import is_entry_member, is_public_entry
from wsis.access import role_required
from wsis.caching import cache_public_page
from wsis.caching.reference import reference_lists
from wsis.csv_files import csv_response
from wsis.filter_chips import filter_chips, query_with
from wsis.form_holds import write_allowed
from wsis.forms import TextTranslationForm
from wsis.kept_forms import keeps_typed_across_sign_in
from wsis.locking import StaleVersion
from wsis.pagination import KnownCountPaginator
from wsis.selectors import organisation_names
from wsis.spelling import spelling_suggestion
from wsis.throttling import SubmissionThrottle, throttle_writes, write_not_done
from wsis.views import stale_version_page

PAGE_SIZE = 20
# A stakeholder's own entries, per page.
MY_PAGE_SIZE = 50


def _filtered(request, queryset=None) -> tuple[EntryFilter, list[str]]:
    """The FilterSet of the request; unknown values are dropped and reported, never a 500."""
    queryset = selectors.entries_public() if queryset is None else queryset
    filterset = EntryFilter(request.GET, queryset=queryset, request=request)
    problems: list[str] = []
    if not filterset.is_valid():
        for field, errors in filterset.form.errors.items():
            label = filterset.form.fields[field].label if field in filterset.form.fields else field
            problems.append(
                _("%(filter)s: %(errors)s (this filter was ignored)")
                % {"filter": label, "errors": " ".join(errors)}
            )
        filterset = EntryFilter(
            without_invalid(request.GET, filterset.form),
            queryset=queryset,
            request=request,
        )
        filterset.is_valid()
    return filterset, problems


@require_GET
@cache_public_page("stocktaking", "prizes")
def entry_list(request):
    filterset, problems = _filtered(request, selectors.entries_public_listed())
    queryset = filterset.qs
    # Facets, matrix, regions and the total: one grouped query per filter combination and
    # stocktaking generation, then cached; the page itself is one query plus its prefetches.
    # The filter's data: the request's parameters with codes in any case made its choices'.
    params = filterset.data
    result_key = entries_result_key(params)
    summary = caching.entries_summary(queryset, key=result_key)
    page = KnownCountPaginator(queryset, PAGE_SIZE, count=summary.total).get_page(
        request.GET.get("page")
    )
    # One query for the whole page, whatever its length.
    prizes = caching.entries_prize_results(request, [entry.pk for entry in page])
    for entry in page:
        entry.prize_results = prizes.get(entry.pk, [])
    rows = caching.entry_rows(request, list(page))
    # Blank values dropped, so that every address with the same `result_key` draws the same
    # filter panel, which the template caches per result and generation.
    selected = {
        name: [value for value in params.getlist(name) if value.strip()]
        for name in filterset.form.fields
    }
    # Lazy: the template draws these only when its cached filter panel and summary miss.
    matrix = SimpleLazyObject(lambda: selectors.entries_matrix(summary, reference_lists()))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    search_text = filterset.form.cleaned_data.get("q") or ""
    suggestion = spelling_suggestion(search_text) if search_text and not summary.total else None
    return render(
        request,
        "stocktaking/entry_list.html",
        {
            "section": "stocktaking",
            "filterset": filterset,
            "problems": problems,
            "page_obj": page,
            "rows": rows,
            "facets": SimpleLazyObject(
                lambda: selectors.entries_facets(summary, reference_lists())
            ),
            "selected": selected,
            "matrix_sdgs": SimpleLazyObject(lambda: matrix[0]),
            "matrix_rows": SimpleLazyObject(lambda: matrix[1]),
            "regions": SimpleLazyObject(
                lambda: selectors.entries_by_region(summary, reference_lists())
            ),
            "query": query_without_page.urlencode(),
            "chips": filter_chips(
                params,
                filterset.form,
                request.path,
                {"organisation": organisation_names(params.getlist("organisation"))},
            ),
            "clear_url": request.path,
            "suggestion": suggestion,
            "suggestion_query": query_with(params, q=suggestion) if suggestion else "",
            "search_text": search_text,
            "summary_fragment": caching.summary_fragment_key(result_key),
        },
    )


@require_GET
def entry_export_csv(request):
    filterset, _problems = _filtered(request)
    return csv_response(
        "wsis-stocktaking.csv",
        [column for column, _getter in EXPORT_COLUMNS],
        (entry_export_row(entry).values() for entry in filterset.qs.iterator(chunk_size=500)),
        streaming=True,
    )


@require_GET
def entry_export_json(request):
    filterset, _problems = _filtered(request)
    payload = [entry_export_row(entry) for entry in filterset.qs.iterator(chunk_size=500)]
    response = HttpResponse(
        json.dumps({"count": len(payload), "results": payload}, ensure_ascii=False),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'attachment; filename="wsis-stocktaking.json"'
    return response


def _visible_entry(request, pk: int) -> Entry:
    entry = selectors.entry_public_detail(pk, reference_lists())
    if entry is None or not request.user.has_perm("stocktaking.see_entry", entry):
        raise Http404(_("No such entry."))
    return entry


@require_GET
# Its links show roadmap citations, sessions and outcome documents (evidence/).
@cache_public_page("stocktaking", "prizes", "roadmaps", "events")
def entry_detail(request, pk: int, slug: str | None = None):
    entry = _visible_entry(request, pk)
    if slug != entry.slug:
        return redirect(entry.get_absolute_url(), permanent=True)
    return render(
        request,
        "stocktaking/entry_detail.html",
        {
            "section": "stocktaking",
            "entry": entry,
            "is_public": entry.status == EntryStatus.APPROVED,
            "prize_results": caching.entries_prize_results(request, [entry.pk]).get(entry.pk, []),
            "text": selectors.entry_text(entry, get_language()),
        },
    )


@require_GET
def attachment_download(request, pk: int):
    attachment = selectors.attachment_public(pk)
    if attachment is None or not request.user.has_perm("stocktaking.see_entry", attachment.entry):
        raise Http404(_("No such file."))
    # At most ATTACHMENT_MAX_BYTES: read whole, so no file handle outlives the request.
    with attachment.file.open("rb") as stored:
        response = HttpResponse(stored.read(), content_type="application/pdf")
    filename = f"{attachment.entry.slug or 'entry'}-{attachment.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Image types the image service stores (it re-encodes every upload to PNG or JPEG).
IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}
# How long browsers and shared caches may keep a public entry's image: its name is never reused
# (a new upload gets a new name), so only an unpublished entry's image could outlive its page.
PUBLIC_IMAGE_MAX_AGE = 24 * 3600


@require_GET
def entry_image(request, name: str):
    """An entry's image, under its stored name (`/media/stocktaking/images/<name>`, what
    `entry.image.url` gives): public, with caching headers, when a published entry shows it;
    otherwise only to someone who may see one of the entries that have it (a draft's owners, the
    secretariat), never kept by a shared cache; 404 for everyone else."""
    content_type = IMAGE_TYPES.get(name.rsplit(".", 1)[-1].lower()) if "." in name else None
    entries = selectors.entries_with_image(name) if content_type else []
    if any(is_public_entry(request.user, entry) for entry in entries):
        public = True
    elif any(request.user.has_perm("stocktaking.see_entry", entry) for entry in entries):
        public = False
    else:
        raise Http404(_("No such image."))
    # At most IMAGE_MAX_BYTES: read whole, so no file handle outlives the request.
    try:
        with entries[0].image.open("rb") as stored:
            response = HttpResponse(stored.read(), content_type=content_type)
    except FileNotFoundError as missing:
        raise Http404(_("No such image.")) from missing
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_IMAGE_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_cache=True, max_age=0)
        patch_vary_headers(response, ("Cookie",))
    return response


class LatestEntriesFeed(Feed):
    """Atom feed of the 50 entries most recently approved."""

    feed_type = Atom1Feed
    title = gettext_lazy("WSIS Stocktaking: newly approved entries")
    subtitle = gettext_lazy("Entries most recently published in the WSIS Stocktaking database.")

    def link(self):
        return reverse("stocktaking:list")

    def items(self):
        return selectors.entries_public().order_by("-approved_at", "-id")[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.approved_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.organisation.name


# --- Stakeholders: their organisations' entries ---


def _owned_entry(request, pk: int) -> Entry:
    """An entry of one of the user's organisations; 404 for everybody else (drafts never leak)."""
    entry = selectors.entry_for_owner(pk, reference_lists())
    if entry is None or not request.user.has_perm("stocktaking.see_entry", entry):
        raise Http404(_("No such entry."))
    if not is_entry_member(request.user, entry):
        raise Http404(_("No such entry."))
    return entry


@role_required()
@require_GET
def my_entries(request):
    # Paged: an organisation such as ITU has thousands of entries, and the page must cost the
    # same for them as for one (issue 21).
    page = Paginator(selectors.entries_of_user_organisations(request.user), MY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "stocktaking/my_entries.html",
        {
            "section": "stocktaking",
            "entries": page.object_list,
            "page_obj": page,
            "may_add": request.user.has_perm("stocktaking.add_own_entry"),
        },
    )


@keeps_typed_across_sign_in
@role_required()
@throttle_writes(SubmissionThrottle, keeps_form=True)
def entry_create(request):
    if not request.user.has_perm("stocktaking.add_own_entry"):
        raise PermissionDenied(_("Confirm your e-mail address and join an organisation first."))
    organisations = list(selectors.organisations_for_entries(request.user))
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        organisations=selectors.organisations_for_entries(request.user),
    )
    if request.method == "POST" and form.is_valid() and write_allowed(request, form):
        try:
            entry = services.entry_create(
                organisation=form.cleaned_data["organisation"],
                by=request.user,
                content=form.content(),
                image=form.cleaned_data.get("image_upload"),
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The draft is saved. Check the preview, then submit it."))
            return redirect("stocktaking:mine_detail", pk=entry.pk)
    return render(
        request,
        "stocktaking/entry_form.html",
        {"section": "stocktaking", "form": form, "organisations": organisations},
    )


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            for message in messages_:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


@role_required()
@require_GET
def my_entry_detail(request, pk: int):
    """The owner's preview of an entry, with its state, the last reason and the next steps."""
    entry = _owned_entry(request, pk)
    return render(
        request,
        "stocktaking/my_entry_detail.html",
        {
            "section": "stocktaking",
            "entry": entry,
            "may_edit": entry.status in EDITABLE_STATES,
            "may_submit": entry.status in (EntryStatus.DRAFT, EntryStatus.CHANGES_REQUESTED),
            "may_withdraw": entry.status in OWNER_WITHDRAWABLE_STATES,
            "may_revise": entry.status == EntryStatus.APPROVED and not entry.is_revision,
            "open_revision": next(
                (r for r in entry.revisions.all() if r.status in OPEN_STATES), None
            ),
            "attachment_form": AttachmentForm(),
        },
    )


@keeps_typed_across_sign_in
@role_required()
def entry_edit(request, pk: int):
    entry = _owned_entry(request, pk)
    if entry.status not in EDITABLE_STATES:
        messages.error(request, _("This entry cannot be edited in its current state."))
        return redirect("stocktaking:mine_detail", pk=entry.pk)
    form = EntryForm(request.POST or None, request.FILES or None, instance=entry)
    if request.method == "POST" and form.is_valid() and write_allowed(request, form):
        try:
            services.entry_update(
                entry=entry,
                by=request.user,
                content=form.content(),
                lock_version=form.cleaned_data.get("lock_version") or 0,
                image=form.cleaned_data.get("image_upload"),
            )
        except StaleVersion as stale:
            return stale_version_page(
                request,
                "stocktaking/entry_form.html",
                {"section": "stocktaking", "form": form, "entry": entry},
                form=form,
                stale=stale,
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("stocktaking:mine_detail", pk=entry.pk)
    return render(
        request,
        "stocktaking/entry_form.html",
        {"section": "stocktaking", "form": form, "entry": entry},
    )


def _action(request, pk: int, run, done: str):
    entry = _owned_entry(request, pk)
    try:
        result = run(entry)
    except (ValidationError, PermissionDenied) as error:
        message = " ".join(getattr(error, "messages", [str(error)]))
        messages.error(request, message)
        write_not_done(request)
        return redirect("stocktaking:mine_detail", pk=entry.pk)
    messages.success(request, done)
    return redirect("stocktaking:mine_detail", pk=(result or entry).pk)


@role_required()
@require_POST
@throttle_writes(SubmissionThrottle)
def entry_submit(request, pk: int):
    return _action(
        request,
        pk,
        lambda entry: services.entry_submit(entry=entry, by=request.user),
        _("The entry is submitted: the secretariat will review it."),
    )


@role_required()
@require_POST
def entry_withdraw(request, pk: int):
    return _action(
        request,
        pk,
        lambda entry: services.entry_withdraw(entry=entry, by=request.user),
        _("The entry is withdrawn."),
    )


@role_required()
@require_POST
def entry_revise(request, pk: int):
    return _action(
        request,
        pk,
        lambda entry: services.entry_revision_start(entry=entry, by=request.user),
        _("A revision is open: the published version stays public until the revision is approved."),
    )


@role_required()
@require_POST
@throttle_writes(SubmissionThrottle, keeps_form=True)
def attachment_add(request, pk: int):
    entry = _owned_entry(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid() and write_allowed(request, form):
        try:
            services.entry_attachment_add(
                entry=entry,
                by=request.user,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The PDF is attached."))
            return redirect("stocktaking:mine_detail", pk=entry.pk)
    return render(
        request,
        "stocktaking/attachment_form.html",
        {"section": "stocktaking", "form": form, "entry": entry},
        status=400,
    )


@role_required()
@require_POST
def attachment_remove(request, pk: int, attachment_pk: int):
    """The owner removes an attachment of an entry they may still edit (a draft, or one whose
    changes were requested)."""
    entry = _owned_entry(request, pk)
    attachment = get_object_or_404(EntryAttachment, pk=attachment_pk, entry=entry)
    try:
        services.entry_attachment_remove(attachment=attachment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The attachment is removed."))
    return redirect("stocktaking:mine_detail", pk=entry.pk)


# --- Translations of an entry's text ---


@keeps_typed_across_sign_in
@role_required()
@throttle_writes(SubmissionThrottle, keeps_form=True)
def entry_translation_edit(request, pk: int):
    """A member adds or corrects the translation of the entry's title, summary and description
    into another language (`?language=fr` opens the one there is); it is public with the entry."""
    entry = _owned_entry(request, pk)
    existing = {translation.language: translation for translation in entry.translations.all()}
    chosen = existing.get(request.GET.get("language", ""))
    initial = {"translator": request.user.get_full_name() or request.user.email}
    if chosen is not None:
        initial = {
            "language": chosen.language,
            "title": chosen.title,
            "summary": chosen.summary,
            "description": chosen.description,
            "translator": chosen.translator,
        }
    form = TextTranslationForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        original_language=entry.text_language,
    )
    if request.method == "POST" and form.is_valid() and write_allowed(request, form):
        try:
            services.entry_translation_save(entry=entry, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The translation is saved."))
            return redirect("stocktaking:mine_detail", pk=entry.pk)
    return render(
        request,
        "stocktaking/translation_form.html",
        {"section": "stocktaking", "form": form, "entry": entry, "translation": chosen},
        status=400 if form.is_bound else 200,
    )


@role_required()
@require_POST
def entry_translation_remove(request, pk: int, language: str):
    entry = _owned_entry(request, pk)
    services.entry_translation_remove(entry=entry, language=language, by=request.user)
    messages.success(request, _("The translation is removed."))
    return redirect("stocktaking:mine_detail", pk=entry.pk)

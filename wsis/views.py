"""Pages of the shared core: home, profile, organisations, health probes."""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from wsis import selectors, services
from wsis.access import role_required
from wsis.accounts.selectors import invitations_pending_of_organisation
from wsis.accounts.services import InvitationLimitReached, membership_invite
from wsis.celery import app
from wsis.db_router import replica_lag_seconds
from wsis.forms import MemberInviteForm, OrganisationForm, ProfileForm
from wsis.locking import StaleVersion
from wsis.models import Organisation
from wsis.rules import is_organisation_member, is_verified

logger = logging.getLogger(__name__)


@role_required()
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("profile")
    return render(
        request,
        "wsis/profile.html",
        {
            "form": form,
            "memberships": selectors.memberships_of_user(request.user),
            "is_verified": is_verified(request.user),
        },
    )


@role_required()
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    if not is_verified(request.user):
        messages.error(request, _("Confirm your e-mail address before creating an organisation."))
        return redirect("account_email")
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_create(
            name=form.cleaned_data["name"],
            country=form.cleaned_data["country"],
            stakeholder_type=form.cleaned_data["stakeholder_type"],
            website=form.cleaned_data["website"],
            contact=request.user,
        )
        messages.success(request, _("The organisation was created; you are its contact person."))
        return redirect("organisation_detail", slug=organisation.slug)
    return render(request, "wsis/organisation_form.html", {"form": form})


@role_required()
@require_http_methods(["GET", "POST"])
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.select_related("stakeholder_type"), slug=slug
    )
    if not (is_organisation_member(request.user, organisation) or request.user.is_staff):
        raise Http404
    can_invite = request.user.has_perm("wsis.add_membership", organisation)
    form = MemberInviteForm(request.POST or None)
    if request.method == "POST":
        if not can_invite:
            raise Http404
        if form.is_valid():
            email = form.cleaned_data["email"]
            try:
                membership_invite(organisation=organisation, email=email, by=request.user)
            except InvitationLimitReached:
                form.add_error(
                    None,
                    _("This organisation sent many invitations today: try again tomorrow."),
                )
            else:
                # The same words whoever holds the address, and whether anybody does.
                messages.success(
                    request,
                    _(
                        "An invitation was sent to %(email)s, unless that address already "
                        "belongs to a member. They join once they accept it."
                    )
                    % {"email": email},
                )
                return redirect("organisation_detail", slug=slug)
    return render(
        request,
        "wsis/organisation_detail.html",
        {
            "organisation": organisation,
            "members": selectors.members_of_organisation(organisation),
            "invitations": invitations_pending_of_organisation(organisation) if can_invite else (),
            "form": form if can_invite else None,
        },
    )


@require_GET
def bench_floor(request: HttpRequest) -> HttpResponse:
    """The benchmark's floor: no database, no template; only the middleware stack's own cost."""
    return HttpResponse(b"ok", content_type="text/plain")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is alive and answers; nothing else is checked."""
    return JsonResponse({"status": "ok"})


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    if hasattr(cache, "ping"):
        # The fail-open cache answers a miss when Redis is down: ask Redis itself.
        cache.ping()
        return "ok"
    cache.set("readyz", "1", timeout=5)
    if cache.get("readyz") != "1":
        raise RuntimeError("the cache did not return what was written")
    return "ok"


def _check_replica() -> str:
    lag = replica_lag_seconds()
    return f"ok (lag {lag:.1f} s)"


def _check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "ok (eager: tasks run in the web process)"
    with app.connection_for_write(url=settings.CELERY_BROKER_URL) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """The database, the cache and the broker are reachable: 200 if all are, 503 otherwise."""
    checks = {}
    for name, check in (
        ("database", _check_database),
        ("cache", _check_cache),
        ("broker", _check_broker),
        *((("replica", _check_replica),) if "replica" in settings.DATABASES else ()),
    ):
        try:
            checks[name] = {"ok": True, "detail": check()}
        except Exception as exc:  # noqa: BLE001 - any failure of a dependency means not ready
            # The probe is public: the body names the kind of failure, the log holds the rest.
            logger.warning("readyz: %s is not reachable: %s", name, exc)
            checks[name] = {"ok": False, "detail": type(exc).__name__}
    # The replica is reported for operators but does not make a host unready: reads fall back
    # to the primary when it fails (wsis/db_router.py).
    ready = all(check["ok"] for name, check in checks.items() if name != "replica")
    return JsonResponse({"ready": ready, "checks": checks}, status=200 if ready else 503)


def stale_version_page(
    request: HttpRequest, template: str, context: dict, *, form, stale: StaleVersion
) -> HttpResponse:
    """The portal's one answer to a stale write (`wsis.locking`): 409, the same form still holding
    what the person typed, the reason first in its error summary and a link that opens the
    current version in a new tab, so they can compare and apply their changes again."""
    form.add_error(None, str(stale))
    # The edit page itself, read afresh, is the current version (`includes/form.html`).
    form.stale_version_url = request.get_full_path()
    return render(request, template, context, status=409)

"""The pages of the portal's shell."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    QueryDict,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_POST, require_safe

from events.filters import AgendaFilter
from events.selectors import events_public, sessions_public
from portal import calendar, services
from portal.maps import world_map
from portal.selectors import my_wsis as my_wsis_read
from portal.selectors import starred_sessions, stocktaking_figures
from wsis.caching import cache_public_page
from wsis.filter_chips import filter_chips, query_with
from wsis.models import User


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask /favicon.ico whatever the page says: the one icon is the SVG in static/
    (its hashed name in production, so the redirect is resolved per request, not at import)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@require_safe
def design_system(request: HttpRequest) -> HttpResponse:
    """Every component of the portal's design system, as the templates use it."""
    return render(request, "portal/design.html", {"sdg_numbers": range(1, 18)})


@require_safe
@never_cache
@login_required
def my_wsis(request: HttpRequest) -> HttpResponse:
    """My WSIS, where signing in lands: the person's work and what they own, per role."""
    now = timezone.now()
    return render(
        request,
        "portal/my_wsis.html",
        {
            "section": "my_wsis",
            "mine": my_wsis_read(request.user, now=now),
            "starred": list(starred_sessions(request.user)),
            "agenda_feed": request.build_absolute_uri(
                reverse("my_agenda_ics", kwargs={"token": services.agenda_feed_token(request.user)})
            ),
            "now": now,
        },
    )


def _calendar_response(sessions, *, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(
        calendar.calendar_document(sessions, name=name, now=timezone.now()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


@require_safe
def agenda_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """The whole agenda of an event as an iCalendar feed (subscribe or import)."""
    event = get_object_or_404(events_public(), slug=slug)
    sessions = sessions_public().filter(event=event).order_by("starts_at", "number")
    return _calendar_response(sessions, name=event.name, filename=slugify(event.slug))


@require_safe
def session_ics(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One session, to add to a calendar."""
    session = get_object_or_404(sessions_public(), event__slug=slug, number=number)
    return _calendar_response(
        [session], name=session.event.name, filename=f"{slugify(slug)}-session-{number}"
    )


@require_POST
@login_required
def session_star(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Stars or unstars a session for the person's own agenda."""
    session = get_object_or_404(sessions_public(), event__slug=slug, number=number)
    starred = services.session_star_toggle(user=request.user, session=session)
    messages.success(
        request,
        _("The session is in your agenda.")
        if starred
        else _("The session is no longer in your agenda."),
    )
    return redirect(session)


@require_safe
def my_agenda_ics(request: HttpRequest, token: str) -> HttpResponse:
    """A person's starred sessions, at a private address calendar programs can poll."""
    user_id = services.agenda_feed_user_id(token)
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        raise Http404("No such agenda.")
    return _calendar_response(
        starred_sessions(user), name=_("My WSIS agenda"), filename="my-wsis-agenda"
    )


@require_safe
@cache_public_page("stocktaking")
def stocktaking_map(request: HttpRequest) -> HttpResponse:
    """The public entries on a world map (each country a link to its list, a table beside)
    and in charts by start year, Action Line and stakeholder type."""
    figures = stocktaking_figures()
    size, countries = world_map(figures["country"])
    base = reverse("stocktaking:list")
    return render(
        request,
        "portal/stocktaking_map.html",
        {
            "section": "stocktaking",
            "map_size": size,
            "countries": countries,
            "counted": sorted((c for c in countries if c.count), key=lambda c: (-c.count, c.name)),
            "years": [(str(year), count) for year, count in figures["year"]],
            "action_lines": [
                (code, count, f"{base}?action_line={slug}")
                for code, slug, count in figures["action_line"]
            ],
            "types": [
                (name, count, f"{base}?stakeholder_type={code}")
                for name, code, count in figures["type"]
            ],
        },
    )


@require_safe
@cache_public_page("events")
def agenda_by_room(request: HttpRequest, slug: str) -> HttpResponse:
    """An event's agenda room by room, each room's sessions by day (as a venue plan reads)."""
    event = get_object_or_404(events_public(), slug=slug)
    sessions = sessions_public().filter(event=event).order_by("room", "starts_at", "number")
    # The agenda's filters hold here too, and both pages link to each other keeping them.
    agenda = AgendaFilter(request.GET or None, queryset=sessions, event=event)
    valid = agenda.is_bound and agenda.is_valid()
    if valid:
        sessions = agenda.qs.order_by("room", "starts_at", "number")
    params = agenda.data if valid else QueryDict()
    rooms: dict[str, list] = {}
    for session in sessions:
        rooms.setdefault(session.room or "", []).append(session)
    ordered = sorted(rooms.items(), key=lambda item: (item[0] == "", item[0].casefold()))
    return render(
        request,
        "portal/agenda_by_room.html",
        {
            "section": "events",
            "event": event,
            "rooms": ordered,
            "query": query_with(params),
            "chips": filter_chips(params, agenda.form, request.path),
            "clear_url": request.path,
        },
    )

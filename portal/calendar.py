"""iCalendar (RFC 5545) documents of sessions: the whole agenda of an event, one session ("add
to calendar") and a person's starred sessions. Written by hand: a few properties of VEVENTs,
escaped and folded as the RFC says, need no library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings

PRODUCT = "-//ITU WSIS secretariat//WSIS Portal//EN"


def _escape(text: str) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545, 3.1),
    never in the middle of a UTF-8 character."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def session_event_lines(session, *, now: dt.datetime) -> list[str]:
    """The VEVENT of a session (its event must be loaded)."""
    event = session.event
    url = f"{settings.SITE_URL}{session.get_absolute_url()}"
    location = ", ".join(part for part in (session.room, event.location_display) if part)
    description = f"{session.get_session_type_display()} · {event.name}\n{url}"
    return [
        "BEGIN:VEVENT",
        f"UID:wsis-session-{session.pk}@{_host()}",
        f"DTSTAMP:{_utc(now)}",
        f"DTSTART:{_utc(session.starts_at)}",
        f"DTEND:{_utc(session.ends_at)}",
        f"SUMMARY:{_escape(str(session))}",
        f"DESCRIPTION:{_escape(description)}",
        *([f"LOCATION:{_escape(location)}"] if location else []),
        f"URL:{url}",
        "END:VEVENT",
    ]


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]


def calendar_document(sessions: Iterable, *, name: str, now: dt.datetime) -> str:
    """A VCALENDAR of the sessions, CRLF line ends, lines folded."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for session in sessions:
        lines.extend(session_event_lines(session, now=now))
    lines.append("END:VCALENDAR")
    return "".join(f"{_fold(line)}\r\n" for line in lines)

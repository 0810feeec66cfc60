"""Demo content: a past WSIS Forum with ~20 sessions over 3 days (several outcomes published, one
session of the Kenyan ministry still waiting for its outcome) and an upcoming forum. Idempotent."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.db import transaction
from django.utils import timezone

from events import services
from events.enums import EventKind, LocationMode, OutcomeStatus, SessionType, SpeakerRole
from events.models import Event, OutcomeDocument, Session, Speaker
from wsis.models import ActionLine, Organisation, Sdg, User

PAST_SLUG = "wsis-forum-demo-past"
UPCOMING_SLUG = "wsis-forum-demo-upcoming"
ZONE = zoneinfo.ZoneInfo("Europe/Zurich")
ORGANISERS = ("itu", "open-schools-network", "andes-connect", "pacific-ict-lab")
TYPES = (
    SessionType.HIGH_LEVEL_POLICY,
    SessionType.THEMATIC_WORKSHOP,
    SessionType.KNOWLEDGE_CAFE,
    SessionType.COUNTRY_WORKSHOP,
    SessionType.ACTION_LINE_FACILITATION,
    SessionType.ROUNDTABLE,
    SessionType.TALKX,
)
TOPICS = (
    "Meaningful connectivity for small states",
    "Open educational resources in public schools",
    "Digital public infrastructure in the Andes",
    "Cybersecurity capacity in Pacific islands",
    "AI governance and the WSIS Action Lines",
    "E-government services that people use",
    "Gender-responsive digital skills",
)
# Session numbers (past forum) whose outcome document is published in the demo.
PUBLISHED = (101, 102, 103, 105, 108, 110)
KENYA_WAITING = 104


def _demo_outcome(number: int) -> dict:
    return {
        "key_issues": [f"Key issue {i} raised in session {number}." for i in range(1, 6)],
        "views_wsis20": [f"Trend or challenge {i} towards WSIS+20." for i in range(1, 6)],
        "tangible_outcomes": [f"Commitment {i} announced." for i in range(1, 4)],
        "action_plan": [f"Recommendation {i} for the next year." for i in range(1, 3)],
        "thematic_suggestions": "Give meaningful connectivity and digital skills a full track.",
    }


# Two outcome documents written in other languages (each with an English translation), so that
# the language switcher changes what a newcomer reads (docs/i18n.md). The texts are the demo's own.
MULTILINGUAL_OUTCOMES = {
    106: (
        "fr",
        {
            "key_issues": [
                "Les services publics en ligne ne servent que s'ils sont simples à utiliser.",
                "Les usagers âgés ont besoin d'un accompagnement de proximité.",
                "Les formulaires doivent être disponibles dans les langues locales.",
                "L'identité numérique doit protéger les données personnelles.",
                "Les administrations partagent encore trop peu leurs données.",
            ],
            "views_wsis20": [
                "Le SMSI+20 doit placer l'usager au centre des services publics.",
                "La fracture numérique se déplace de l'accès vers les usages.",
                "Les collectivités locales deviennent des acteurs clés.",
                "Les logiciels libres réduisent la dépendance envers les fournisseurs.",
                "La mesure de la satisfaction des usagers reste rare.",
            ],
            "tangible_outcomes": [
                "Trois ministères publient un guide commun de conception des services.",
                "Un réseau de médiateurs numériques est lancé dans dix régions.",
                "Un tableau de bord public de la satisfaction des usagers est annoncé.",
            ],
            "action_plan": [
                "Tester chaque nouveau service avec des usagers avant sa mise en ligne.",
                "Former les agents d'accueil à l'accompagnement numérique.",
            ],
            "thematic_suggestions": (
                "Consacrer une séance du prochain Forum aux services publics de proximité."
            ),
        },
        {
            "title": "E-government services that people use",
            "key_issues": [
                "Online public services only help when they are simple to use.",
                "Older users need support close to where they live.",
                "Forms must be available in local languages.",
            ],
        },
    ),
    107: (
        "ar",
        {
            "key_issues": [
                "لا تزال المرأة أقل حظاً في الحصول على المهارات الرقمية.",
                "ينبغي أن تراعي برامج التدريب أوقات عمل النساء ومسؤولياتهن.",
                "السلامة على الإنترنت شرط لمشاركة النساء.",
                "تحتاج الفتيات إلى قدوات في مهن التكنولوجيا.",
                "البيانات المصنفة حسب الجنس ما زالت نادرة.",
            ],
            "views_wsis20": [
                (
                    "ينبغي أن يجعل استعراض القمة بعد عشرين عاماً المساواة بين الجنسين"
                    " هدفاً قابلاً للقياس."
                ),
                "تتحول الفجوة الرقمية من النفاذ إلى المهارات.",
                "للمجتمعات المحلية دور أساسي في التدريب.",
                "يمكن للهواتف المحمولة أن تكون أداة التعلم الأولى.",
                "الشراكات بين القطاعين العام والخاص توسع نطاق البرامج.",
            ],
            "tangible_outcomes": [
                "إطلاق برنامج تدريبي لعشرة آلاف امرأة في خمسة بلدان.",
                "التزام ثلاث شركات اتصالات بتوفير باقات بيانات ميسورة للمتدربات.",
                "نشر دليل مفتوح لتصميم دورات تراعي المنظور الجنساني.",
            ],
            "action_plan": [
                "جمع بيانات مصنفة حسب الجنس في كل برنامج تدريبي.",
                "إشراك منظمات النساء في تصميم الدورات.",
            ],
            "thematic_suggestions": "تخصيص جلسة في المنتدى القادم لقياس المهارات الرقمية للنساء.",
        },
        {
            "title": "Gender-responsive digital skills",
            "key_issues": [
                "Women still have less access to digital skills.",
                "Training should fit women's working hours and responsibilities.",
                "Safety online is a condition of women's participation.",
            ],
        },
    ),
}


def _multilingual_outcomes(past: Event, secretariat) -> int:
    """The two outcome documents written in French and in Arabic, published, each translated
    into English; returns how many were created."""
    created = 0
    for number, (language, content, english) in MULTILINGUAL_OUTCOMES.items():
        session = Session.objects.get(event=past, number=number)
        if OutcomeDocument.objects.filter(session=session).exists():
            continue
        services.outcome_save(
            session=session,
            by=secretariat,
            content=content,
            lock_version=None,
            check_permission=False,
            text_language=language,
        )
        outcome = services.outcome_submit(session=session, by=secretariat)
        services.outcome_publish(outcome=outcome, by=secretariat)
        services.outcome_translation_save(
            outcome=outcome,
            language="en",
            title=english["title"],
            content={"key_issues": english["key_issues"]},
            translator="WSIS secretariat (demo)",
            by=secretariat,
        )
        created += 1
    return created


def _forum(slug: str, name: str, first_day: dt.date, deadline: dt.date | None, organisations):
    event, _created = Event.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "kind": EventKind.FORUM,
            "dates_text": f"{first_day:%-d} to {first_day + dt.timedelta(days=2):%-d %B %Y}",
            "start_date": first_day,
            "end_date": first_day + dt.timedelta(days=2),
            "time_zone": "Europe/Zurich",
            "location_mode": LocationMode.HYBRID,
            "city": "Geneva",
            "country": "CH",
            "description": "The yearly multistakeholder forum of the WSIS process (demo data).",
            "website": "https://www.itu.int/net4/wsis/forum/",
            "outcome_deadline": deadline,
        },
    )
    event.sdgs.set(Sdg.objects.filter(number__in=(4, 5, 9, 17)))
    event.organisers.set([organisations["itu"]])
    return event


def _sessions(event: Event, first_number: int, count: int, organisations) -> None:
    action_lines = list(ActionLine.objects.order_by("position"))
    sdgs = list(Sdg.objects.order_by("number"))
    for index in range(count):
        number = first_number + index
        day = event.start_date + dt.timedelta(days=index // 7)
        hour = 9 + (index % 7) * 1
        starts = dt.datetime.combine(day, dt.time(hour, 0), tzinfo=ZONE)
        session, created = Session.objects.get_or_create(
            event=event,
            number=number,
            defaults={
                "title": TOPICS[index % len(TOPICS)],
                "session_type": TYPES[index % len(TYPES)],
                "starts_at": starts,
                "ends_at": starts + dt.timedelta(minutes=45),
                "room": f"Room {1 + index % 4}",
                "description": "A demo session of the WSIS Forum.",
            },
        )
        if not created:
            continue
        slug = "ministry-digital-kenya" if number == KENYA_WAITING else ORGANISERS[index % 4]
        session.organisers.set([organisations[slug]])
        session.action_lines.set([action_lines[index % len(action_lines)]])
        session.sdgs.set([sdgs[index % 17], sdgs[16]])
        Speaker.objects.create(
            session=session, name="Dr. Ada Moderator", role=SpeakerRole.MODERATOR, position=0
        )
        Speaker.objects.create(
            session=session, name="Ms. Ben Speaker", title="Director", position=1
        )


def seed_demo_content(stdout) -> None:
    organisations = {
        o.slug: o
        for o in Organisation.objects.filter(slug__in=(*ORGANISERS, "ministry-digital-kenya"))
    }
    if len(organisations) < 5:
        stdout.write("events: demo organisations missing; skipped")
        return
    secretariat = User.objects.filter(email="secretariat@demo.wsis.test").first()
    today = timezone.localdate()
    with transaction.atomic():
        past = _forum(
            PAST_SLUG,
            "WSIS Forum (demo, past edition)",
            today - dt.timedelta(days=12),
            today + dt.timedelta(days=20),
            organisations,
        )
        _sessions(past, 101, 20, organisations)
        upcoming = _forum(
            UPCOMING_SLUG,
            "WSIS Forum (demo, upcoming edition)",
            today + dt.timedelta(days=60),
            None,
            organisations,
        )
        _sessions(upcoming, 201, 7, organisations)
        for number in PUBLISHED:
            session = Session.objects.get(event=past, number=number)
            outcome = OutcomeDocument.objects.filter(session=session).first()
            if outcome is None:
                services.outcome_save(
                    session=session,
                    by=secretariat,
                    content=_demo_outcome(number),
                    lock_version=None,
                    check_permission=False,
                )
                outcome = services.outcome_submit(session=session, by=secretariat)
            if outcome.status != OutcomeStatus.PUBLISHED:
                services.outcome_publish(outcome=outcome, by=secretariat)
        in_other_languages = _multilingual_outcomes(past, secretariat)
        if not past.outcome_introduction:
            past.outcome_introduction = (
                "The Forum brought together governments, the private sector, civil society, "
                "academia and international organisations to take stock of the WSIS Action "
                "Lines (demo text)."
            )
            past.outcome_high_level_track = (
                "Ministers and heads of agencies spoke of meaningful connectivity, digital "
                "skills and trust as the conditions of an inclusive information society (demo "
                "text)."
            )
            past.outcome_disclaimer = (
                "The session outcomes are the organisers' own and do not necessarily reflect "
                "the views of ITU or of the co-organising agencies (demo text)."
            )
            past.save(
                update_fields=[
                    "outcome_introduction", "outcome_high_level_track", "outcome_disclaimer"
                ]
            )  # fmt: skip
        if not past.outcome_versions.exists():
            services.forum_outcome_compile(event=past, by=secretariat)
    stdout.write(
        f"events: '{past.name}' ({past.sessions.count()} sessions) and '{upcoming.name}'"
        + (f"; {in_other_languages} outcomes in French and Arabic" if in_other_languages else "")
    )

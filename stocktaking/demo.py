"""Demo content of WSIS Stocktaking (idempotent): 60 approved entries spread over Action Lines,
SDGs, countries, regions, kinds and years, plus drafts and submissions of the demo organisations
waiting in the secretariat's queue. Everything goes through the services, so the audit log and
the search vectors are as in real use."""

from __future__ import annotations

import random
from datetime import date

from django.db import transaction

from stocktaking import services
from stocktaking.enums import ActivityStatus, Coverage, EntryKind, EntryStatus
from stocktaking.models import Entry
from wsis.enums import Role
from wsis.models import ActionLine, CountryRegion, ItuRegion, Organisation, Sdg, User

TOPICS = (
    ("Rural broadband for schools", "connects rural schools to affordable broadband internet"),
    ("Digital skills for women", "trains women and girls in basic and advanced digital skills"),
    ("E-health records", "introduces interoperable electronic health records in clinics"),
    ("Cybersecurity awareness", "raises awareness of online safety among citizens and SMEs"),
    ("Open government data", "publishes government data sets under open licences"),
    ("Mobile agriculture advice", "sends weather and market prices to farmers by SMS"),
    ("Community radio online", "brings community radio stations online with local content"),
    ("Digital identity", "gives every citizen a secure, privacy-respecting digital identity"),
    ("E-learning for teachers", "offers online courses that train teachers in ICT use"),
    ("Climate data platform", "monitors climate and environment with open sensor networks"),
    ("Local language content", "creates Wikipedia and software content in local languages"),
    ("E-commerce for SMEs", "helps small businesses sell online and accept mobile payments"),
)
# (name in the title and summary, the country the entry covers): a title "… in Kenya" covers
# Kenya, never another country.
PLACES = (
    ("Kenya", "KE"),
    ("Peru", "PE"),
    ("Fiji", "FJ"),
    ("Brazil", "BR"),
    ("Egypt", "EG"),
    ("Viet Nam", "VN"),
    ("Uzbekistan", "UZ"),
    ("Estonia", "EE"),
    ("Ghana", "GH"),
)
DEMO_ORGANISATION_SLUGS = (
    "ministry-digital-kenya",
    "open-schools-network",
    "andes-connect",
    "pacific-ict-lab",
    "itu",
)
APPROVED_COUNT = 60


def _submitter(organisation: Organisation) -> User | None:
    return (
        User.objects.filter(memberships__organisation=organisation, is_staff=False)
        .order_by("email")
        .first()
        or User.objects.filter(memberships__organisation=organisation).order_by("email").first()
    )


def _content(number: int, rng: random.Random) -> dict:
    topic, what = TOPICS[number % len(TOPICS)]
    place, country = PLACES[number % len(PLACES)]
    action_lines = list(ActionLine.objects.order_by("position"))
    sdgs = list(Sdg.objects.all())
    chosen_lines = rng.sample(action_lines, k=rng.randint(1, 3))
    coverage = (Coverage.NATIONAL,) * 6 + (Coverage.REGIONAL, Coverage.GLOBAL)
    coverage = coverage[number % len(coverage)]
    regions = (
        rng.sample(list(ItuRegion.objects.order_by("code")), k=2)
        if coverage == Coverage.REGIONAL
        else []
    )
    if coverage == Coverage.REGIONAL:
        place = " and ".join(region.name for region in regions)
    elif coverage == Coverage.GLOBAL:
        place = "countries worldwide"
    start_year = 2016 + number % 10
    completed = number % 4 == 0
    return {
        "kind": list(EntryKind.values)[number % len(EntryKind.values)],
        "title": f"{topic} in {place} ({number + 1})",
        "summary": (
            f"The initiative {what} in {place}. It works with local partners and reports its "
            "results every year to the WSIS Stocktaking."
        ),
        "description": (
            f"{topic}: the project {what}. It started in {start_year} with public and private "
            "partners, and publishes its methods so that other countries can reuse them."
        ),
        "coverage": coverage,
        "countries": list(CountryRegion.objects.filter(country=country))
        if coverage == Coverage.NATIONAL
        else [],
        "regions": regions,
        "action_lines": chosen_lines,
        "primary_action_line": chosen_lines[0],
        "sdgs": rng.sample(sdgs, k=rng.randint(1, 3)),
        "gdc_objectives": [],
        "start_date": date(start_year, 1 + number % 12, 1),
        "end_date": date(start_year + 2, 12, 31) if completed else None,
        "activity_status": ActivityStatus.COMPLETED if completed else ActivityStatus.ONGOING,
        "partners": "UNESCO, local universities, the national telecom regulator",
        "target_beneficiaries": "Citizens, schools and small businesses",
        "languages": "English, French",
        "website": f"https://example.org/demo/{number + 1}",
        "other_links": [],
        "contact_name": "Demo contact",
        "contact_email": "contact@example.org",
    }


@transaction.atomic
def seed_demo_content(stdout) -> None:
    organisations = list(
        Organisation.objects.filter(slug__in=DEMO_ORGANISATION_SLUGS).order_by("slug")
    )
    secretariat = User.objects.filter(groups__name=Role.SECRETARIAT, is_staff=True).first()
    if not organisations or secretariat is None:
        stdout.write("Stocktaking demo: no demo organisations or secretariat user; skipped.")
        return
    rng = random.Random(2026)  # noqa: S311 - demo data only needs to be the same every time
    created = 0
    for number in range(APPROVED_COUNT + 4):
        organisation = organisations[number % len(organisations)]
        content = _content(number, rng)
        if Entry.objects.filter(organisation=organisation, title=content["title"]).exists():
            continue
        submitter = _submitter(organisation)
        if submitter is None:
            continue
        entry = services.entry_create(organisation=organisation, by=submitter, content=content)
        created += 1
        if number >= APPROVED_COUNT + 2:
            continue  # two drafts
        services.entry_submit(entry=entry, by=submitter)
        if number >= APPROVED_COUNT:
            continue  # two submissions waiting in the queue
        services.entry_approve(entry=entry, by=secretariat)
    public = Entry.objects.filter(status=EntryStatus.APPROVED, revision_of__isnull=True).count()
    stdout.write(f"Stocktaking demo: {created} entries created; {public} public entries in all.")
    seed_multilingual_content(stdout)


# Entries written in the other five languages, some with translations, so that the language
# switcher changes what a newcomer reads (docs/i18n.md). The texts are the demo's own.
MULTILINGUAL = (
    (
        "fr",
        "Points d'accès numériques communautaires en zone rurale",
        (
            "Des points d'accès publics à l'internet dans vingt communes rurales, avec une"
            " formation aux compétences numériques de base."
        ),
        {
            "en": (
                "Community digital access points in rural areas",
                (
                    "Public internet access points in twenty rural municipalities, with training in"
                    " basic digital skills."
                ),
            ),
            "ar": (
                "نقاط النفاذ الرقمي المجتمعية في المناطق الريفية",
                (
                    "نقاط عامة للنفاذ إلى الإنترنت في عشرين بلدية ريفية، مع تدريب على المهارات"
                    " الرقمية الأساسية."
                ),
            ),
        },
    ),
    (
        "es",
        "Telemedicina para centros de salud rurales",
        "Consultas médicas a distancia entre hospitales regionales y centros de salud rurales.",
        {
            "en": (
                "Telemedicine for rural health centres",
                "Remote medical consultations between regional hospitals and rural health centres.",
            ),
            "zh-hans": ("农村卫生中心远程医疗", "地区医院与农村卫生中心之间的远程医疗会诊。"),
        },
    ),
    (
        "ru",
        "Цифровая грамотность для людей старшего возраста",
        (
            "Бесплатные курсы по безопасному использованию интернета для людей старшего возраста"
            " в библиотеках."
        ),
        {
            "en": (
                "Digital literacy for older people",
                "Free courses in libraries on using the internet safely, for older people.",
            ),
            "es": (
                "Alfabetización digital para personas mayores",
                (
                    "Cursos gratuitos en bibliotecas sobre el uso seguro de internet para personas"
                    " mayores."
                ),
            ),
        },
    ),
    (
        "ar",
        "منصة الخدمات الحكومية الإلكترونية الموحدة",
        "بوابة واحدة تتيح للمواطنين إنجاز المعاملات الحكومية عبر الإنترنت.",
        {
            "en": (
                "One platform for e-government services",
                "A single portal where citizens complete government procedures online.",
            ),
            "fr": (
                "Une plateforme unique pour les services de l'administration électronique",
                (
                    "Un portail unique où les citoyens accomplissent leurs démarches"
                    " administratives en ligne."
                ),
            ),
        },
    ),
    (
        "zh-hans",
        "农村学校宽带接入计划",
        "为偏远地区的农村学校提供宽带互联网接入和数字教学资源。",
        {
            "en": (
                "Broadband for rural schools",
                (
                    "Broadband internet access and digital teaching resources for rural schools in"
                    " remote areas."
                ),
            ),
            "ru": (
                "Широкополосный доступ для сельских школ",
                (
                    "Широкополосный доступ в интернет и цифровые учебные материалы"
                    " для сельских школ в отдалённых районах."
                ),
            ),
        },
    ),
)


@transaction.atomic
def seed_multilingual_content(stdout) -> None:
    """One approved entry written in each of the other five languages, each translated into
    English and one more language (every language has some)."""
    organisations = list(
        Organisation.objects.filter(slug__in=DEMO_ORGANISATION_SLUGS).order_by("slug")
    )
    secretariat = User.objects.filter(groups__name=Role.SECRETARIAT, is_staff=True).first()
    if not organisations or secretariat is None:
        return
    rng = random.Random(16)  # noqa: S311 - demo data only needs to be the same every time
    created = 0
    for number, (language, title, summary, translations) in enumerate(MULTILINGUAL):
        organisation = organisations[number % len(organisations)]
        submitter = _submitter(organisation)
        if submitter is None or Entry.objects.filter(title=title).exists():
            continue
        content = {
            **_content(number, rng),
            "title": title,
            "summary": summary,
            "description": "",
            "text_language": language,
        }
        entry = services.entry_create(organisation=organisation, by=submitter, content=content)
        services.entry_submit(entry=entry, by=submitter)
        services.entry_approve(entry=entry, by=secretariat)
        for target, (translated_title, translated_summary) in translations.items():
            services.entry_translation_save(
                entry=entry,
                language=target,
                title=translated_title,
                summary=translated_summary,
                translator="WSIS secretariat (demo)",
                by=secretariat,
            )
        created += 1
    stdout.write(f"Stocktaking demo: {created} entries in other languages created.")

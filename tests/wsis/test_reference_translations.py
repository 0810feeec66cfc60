"""The reference lists in the six languages: stored translations read in the active language,
edited by the secretariat in the admin, served by the API per Accept-Language; countries named
as the UN names them and sorted as each language sorts (wsis/collation.py)."""

import pytest
from django.utils import translation
from django_countries.fields import Country

from tests.factories import UserFactory
from wsis import collation
from wsis.caching import public_cache_bump_now
from wsis.caching.reference import country_choices, reference_memo_clear
from wsis.models import ActionLine, GdcObjective, ItuRegion, Sdg, StakeholderType
from wsis.reference_translations import TRANSLATED_LANGUAGES

pytestmark = pytest.mark.django_db

SUFFIXES = [language.replace("-", "_") for language in TRANSLATED_LANGUAGES]


@pytest.mark.parametrize(
    ("model", "count"),
    [(ActionLine, 18), (Sdg, 17), (GdcObjective, 5), (ItuRegion, 6), (StakeholderType, 6)],
)
def test_every_reference_row_is_named_in_every_language(model, count):
    rows = list(model.objects.all())
    assert len(rows) == count
    missing = [
        (str(row.pk), suffix)
        for row in rows
        for suffix in SUFFIXES
        if not getattr(row, f"name_{suffix}")
    ]
    assert missing == []


def test_a_name_reads_in_the_active_language():
    sdg = Sdg.objects.get(number=4)
    expected = {
        "en": "Quality education",
        "fr": "Éducation de qualité",
        "es": "Educación de calidad",
        "ru": "Качественное образование",
        "ar": "التعليم الجيد",
        "zh-hans": "优质教育",
    }
    for language, name in expected.items():
        with translation.override(language):
            assert sdg.name == name
            assert str(sdg) == f"SDG 4: {name}"
    c7 = ActionLine.objects.get(code="C7.4")
    with translation.override("fr"):
        assert c7.name == "Applications TIC : télésanté"


def test_an_empty_translation_shows_the_english_name():
    ItuRegion.objects.filter(code="cis").update(name_fr="")
    with translation.override("fr"):
        assert ItuRegion.objects.get(code="cis").name == "CIS"


def test_saving_in_another_language_keeps_the_english_name():
    region = ItuRegion.objects.get(code="europe")
    with translation.override("ru"):
        assert region.name == "Европа"
        region.save()
    assert ItuRegion.objects.values_list("name", flat=True).get(code="europe") == "Europe"
    assert region.name_en == "Europe"


def test_refreshing_and_cleaning_in_another_language_keep_the_english_name():
    region = ItuRegion.objects.get(code="africa")
    with translation.override("zh-hans"):
        region.refresh_from_db()
        region.full_clean()
        region.save()
        assert region.name == "非洲"
    assert ItuRegion.objects.values_list("name", flat=True).get(code="africa") == "Africa"


def test_the_secretariat_edits_a_translation_in_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    sdg = Sdg.objects.get(number=14)
    page = client.get(f"/admin/wsis/sdg/{sdg.pk}/change/", headers={"Accept-Language": "fr"})
    html = page.content.decode()
    # The English field shows the English name, whatever the admin's language.
    assert 'name="name" value="Life below water"' in html
    assert 'name="name_fr" value="Vie aquatique"' in html
    response = client.post(
        f"/admin/wsis/sdg/{sdg.pk}/change/",
        {
            "number": "14",
            "name": "Life below water",
            "name_ar": sdg.name_ar,
            "name_zh_hans": sdg.name_zh_hans,
            "name_fr": "Vie aquatique (révisé)",
            "name_ru": sdg.name_ru,
            "name_es": sdg.name_es,
        },
        headers={"Accept-Language": "fr"},
    )
    assert response.status_code == 302
    sdg.refresh_from_db()
    assert (sdg.name_en, sdg.name_fr) == ("Life below water", "Vie aquatique (révisé)")


def test_the_api_names_reference_rows_in_the_clients_language(client):
    english = client.get("/api/v1/reference/regions/").json()
    arabic = client.get("/api/v1/reference/regions/", headers={"Accept-Language": "ar"}).json()
    assert [row["name"] for row in english][:2] == ["Africa", "Americas"]
    assert {row["code"]: row["name"] for row in arabic}["arab_states"] == "الدول العربية"


def test_pages_name_reference_rows_in_the_pages_language(client):
    html = client.get("/es/").content.decode()
    assert "Creación de capacidad" in html
    assert "Capacity building" not in html


def test_a_translation_edited_in_the_admin_shows_at_once(client):
    client.get("/fr/")
    ActionLine.objects.filter(code="C4").update(name_fr="Renforcement des capacités humaines")
    public_cache_bump_now("core")  # update() sends no save signal; the admin's save does
    reference_memo_clear()
    assert "Renforcement des capacités humaines" in client.get("/fr/").content.decode()


@pytest.mark.parametrize(
    ("code", "language", "name"),
    [
        ("VN", "en", "Viet Nam"),
        ("TR", "en", "Türkiye"),
        ("KR", "en", "Republic of Korea"),
        ("KR", "fr", "République de Corée"),
        ("RU", "es", "Federación de Rusia"),
        ("TZ", "ru", "Объединенная Республика Танзания"),
        ("SY", "ar", "الجمهورية العربية السورية"),
        ("GB", "zh-hans", "大不列颠及北爱尔兰联合王国"),
        ("FR", "ru", "Франция"),  # not overridden: django-countries' own translation
    ],
)
def test_countries_are_named_as_the_un_names_them(code, language, name):
    with translation.override(language):
        assert Country(code).name == name


def test_country_choices_follow_the_languages_order():
    with translation.override("fr"):
        names = [name for _code, name in country_choices()]
    assert names.index("Égypte") < names.index("Érythrée") < names.index("Fidji")
    assert names == collation.collated(names, language="fr")
    with translation.override("en"):
        english = [name for _code, name in country_choices()]
    assert english[:3] == ["Afghanistan", "Albania", "Algeria"]
    assert english.index("Viet Nam") > english.index("Venezuela (Bolivarian Republic of)")


def test_the_fallback_collation_ignores_case_and_accents_first():
    key = collation._fallback_key
    assert sorted(["Zambie", "Égypte", "Espagne", "égalité"], key=key) == [
        "égalité",
        "Égypte",
        "Espagne",
        "Zambie",
    ]


@pytest.mark.skipif(not collation.using_icu(), reason="PyICU is not installed (optional)")
def test_chinese_sorts_by_pinyin_with_icu():
    # 阿 (ā), 巴 (bā), 中 (zhōng): pinyin order, not code point order (中 < 巴 < 阿 by code).
    assert collation.collated(["中国", "阿富汗", "巴西"], language="zh-hans") == [
        "阿富汗",
        "巴西",
        "中国",
    ]
    assert collation.collated(["ñu", "nz", "oa"], language="es") == ["nz", "ñu", "oa"]

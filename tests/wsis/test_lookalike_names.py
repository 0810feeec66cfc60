"""Organisation names that look like existing ones (homoglyphs) are flagged for the
secretariat, not silently accepted (issue 13, item 7)."""

import pytest
from django.core import mail

from tests.factories import OrganisationFactory, secretariat_user
from wsis.confusables import name_skeleton, names_look_alike
from wsis.models import AuditEntry, Organisation

pytestmark = pytest.mark.django_db

CYRILLIC_O = "\u043e"
CYRILLIC_A = "\u0430"
CYRILLIC_I = "\u0456"


@pytest.mark.parametrize(
    ("first", "second", "alike"),
    [
        ("Digital Villages", f"Digit{CYRILLIC_A}l Vill{CYRILLIC_A}ges", True),
        ("Digital Villages", "DigitaI ViIIages", True),  # capital I for l
        ("ITU", f"{CYRILLIC_I.upper()}TU", True),
        ("Pacific ICT Lab", f"Pacific ICT L{CYRILLIC_A}b", True),
        ("Org", f"{CYRILLIC_O.upper()}rg", True),
        ("Digital Villages", "digital  villages", False),  # the same name, not a look-alike
        ("Digital Villages", "Digital Villagers", False),
        ("UNESCO", "UNICEF", False),
        ("Owner Org", "Other Org", False),
    ],
)
def test_names_look_alike(first, second, alike):
    assert names_look_alike(first, second) is alike


def test_name_skeleton_is_kept_with_the_name():
    organisation = OrganisationFactory(name=f"P{CYRILLIC_A}cific Lab")
    assert organisation.name_skeleton == name_skeleton("Pacific Lab") == "pac1f1c 1ab"
    organisation.name = "Atlantic Lab"
    organisation.save(update_fields=["name"])
    organisation.refresh_from_db()
    assert organisation.name_skeleton == name_skeleton("Atlantic Lab")


def test_a_lookalike_name_is_flagged_for_the_secretariat(
    client, verified_user, settings, django_capture_on_commit_callbacks
):
    original = OrganisationFactory(name="Digital Villages", country="SN")
    client.force_login(verified_user)
    spoof = f"Digit{CYRILLIC_A}l Villages"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/organisations/new/", {"name": spoof, "country": "FR", "stakeholder_type": 3}
        )
    assert response.status_code == 302
    created = Organisation.objects.get(name=spoof)
    assert created.looks_like == original
    assert [message.to for message in mail.outbox] == [[settings.SECRETARIAT_EMAIL]]
    assert mail.outbox[0].subject == (
        f"[WSIS] Organisation name to check: “{spoof}” looks like “Digital Villages”"
    )
    assert "U+0430" in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="organisation.lookalike_flag")
    assert entry.after == {
        "name": spoof,
        "looks_like": "Digital Villages",
        "looks_like_id": original.pk,
    }


def test_a_plain_new_name_is_not_flagged(client, verified_user, django_capture_on_commit_callbacks):
    OrganisationFactory(name="Digital Villages", country="SN")
    client.force_login(verified_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/organisations/new/",
            {"name": "Digital Villages", "country": "FR", "stakeholder_type": 3},
        )
        client.post(
            "/organisations/new/", {"name": "Rural Links", "country": "FR", "stakeholder_type": 3}
        )
    assert list(Organisation.objects.filter(looks_like__isnull=False)) == []
    assert mail.outbox == []


def test_the_secretariat_sees_and_clears_the_flag_in_the_admin(client):
    original = OrganisationFactory(name="Digital Villages")
    spoof = OrganisationFactory(name=f"Digit{CYRILLIC_A}l Villages", looks_like=original)
    OrganisationFactory(name="Rural Links")
    secretariat = secretariat_user()
    client.force_login(secretariat)
    listing = client.get("/admin/wsis/organisation/?looks_like=yes")
    assert [o.pk for o in listing.context["cl"].result_list] == [spoof.pk]
    response = client.post(
        "/admin/wsis/organisation/",
        {"action": "clear_looks_like", "_selected_action": [spoof.pk]},
    )
    assert response.status_code == 302
    spoof.refresh_from_db()
    assert spoof.looks_like is None
    assert AuditEntry.objects.get(action="organisation.lookalike_clear").actor == secretariat

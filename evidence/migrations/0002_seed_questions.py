"""The Questions of the ITU-D study groups for the 2022-2025 study period (WTDC-22), so that
entries and prize entries can be linked to them from the start; the secretariat edits them in
the admin."""

from django.db import migrations

PERIOD = "2022-2025"
QUESTIONS = (
    (1, 1, "Strategies and policies for the deployment of broadband in developing countries"),
    (
        1,
        2,
        (
            "Strategies, policies, regulations and methods of migration and adoption of digital "
            "broadcasting and implementation of new services"
        ),
    ),
    (
        1,
        3,
        (
            "The use of telecommunications/ICTs for the development of emerging technologies, "
            "including cloud computing, m-services and OTTs"
        ),
    ),
    (
        1,
        4,
        (
            "Economic policies and methods of determining the costs of services related to "
            "national telecommunication/ICT networks"
        ),
    ),
    (1, 5, "Telecommunications/ICTs for rural and remote areas"),
    (1, 6, "Consumer information, protection and rights"),
    (
        1,
        7,
        (
            "Telecommunication/ICT accessibility to enable inclusive communication, especially "
            "for persons with disabilities"
        ),
    ),
    (2, 1, "Enabling smart cities and communities for sustainable development"),
    (2, 2, "Enabling technologies for e-services and applications, including e-health"),
    (
        2,
        3,
        (
            "Securing information and communication networks: best practices for developing a "
            "culture of cybersecurity"
        ),
    ),
    (
        2,
        4,
        (
            "Assistance to developing countries for implementing conformance and interoperability "
            "programmes and combating counterfeit ICT equipment and theft of mobile devices"
        ),
    ),
    (2, 5, "Adopting telecommunications/ICTs and improving digital skills"),
    (2, 6, "ICTs and the environment"),
    (
        2,
        7,
        "Strategies and policies concerning human exposure to electromagnetic fields",
    ),
)
RAPPORTEURS = "Rapporteur and Vice-Rapporteurs appointed by ITU-D Study Group {group} at its first meeting of the period."


def seed(apps, schema_editor):
    Question = apps.get_model("evidence", "StudyGroupQuestion")
    for group, number, title in QUESTIONS:
        Question.objects.get_or_create(
            study_period=PERIOD,
            study_group=group,
            number=number,
            defaults={"title": title, "rapporteur_group": RAPPORTEURS.format(group=group)},
        )


def unseed(apps, schema_editor):
    apps.get_model("evidence", "StudyGroupQuestion").objects.filter(
        study_period=PERIOD, entries=None, prize_entries=None
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]

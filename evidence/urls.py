from django.urls import path, register_converter

from evidence import views


class StudyPeriodConverter:
    regex = "[0-9]{4}-[0-9]{4}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(StudyPeriodConverter, "period")

app_name = "evidence"

urlpatterns = [
    path("study-groups/", views.question_index, name="question_index"),
    path(
        "study-groups/<period:period>/sg<int:group>.csv",
        views.study_group_csv,
        name="study_group_csv",
    ),
    path(
        "study-groups/<period:period>/sg<int:group>/q<int:number>/",
        views.question_detail,
        name="question_detail",
    ),
    path("repositories/", views.repository_index, name="repository_index"),
    path("repositories/<slug:slug>/", views.repository_detail, name="repository_detail"),
    path("evidence/entries/<int:pk>/", views.entry_links, name="entry_links"),
    path(
        "evidence/entries/<int:pk>/repositories/",
        views.entry_repositories,
        name="entry_repositories",
    ),
    path(
        "evidence/entries/<int:pk>/repositories/<int:proposal_id>/withdraw/",
        views.entry_proposal_withdraw,
        name="entry_proposal_withdraw",
    ),
    path("evidence/entries/<int:pk>/sessions/", views.entry_session_add, name="entry_session_add"),
    path(
        "evidence/entries/<int:pk>/sessions/<int:link_id>/remove/",
        views.entry_session_remove,
        name="entry_session_remove",
    ),
    path("evidence/entries/<int:pk>/questions/", views.entry_questions, name="entry_questions"),
    path("evidence/outcomes/<int:pk>/", views.outcome_links, name="outcome_links"),
    path("evidence/outcomes/<int:pk>/entries/", views.outcome_entry_add, name="outcome_entry_add"),
    path(
        "evidence/outcomes/<int:pk>/clauses/", views.outcome_clause_add, name="outcome_clause_add"
    ),
    path(
        "evidence/outcomes/<int:pk>/<slug:kind>/<int:link_id>/remove/",
        views.outcome_link_remove,
        name="outcome_link_remove",
    ),
    path(
        "evidence/prize-entries/<int:pk>/questions/",
        views.prize_entry_questions,
        name="prize_entry_questions",
    ),
]

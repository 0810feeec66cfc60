from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("outcomes/", views.outcome_list, name="outcome_list"),
    path("outcomes/<int:pk>/", views.outcome_detail, name="outcome_detail"),
    path("commitments/", views.commitment_list, name="commitment_list"),
    path("commitments/mine/", views.commitment_mine, name="commitment_mine"),
    path("commitments/follow-up/", views.commitment_followup, name="commitment_followup"),
    path(
        "commitments/unsubscribe/<str:token>/",
        views.commitment_unsubscribe,
        name="commitment_unsubscribe",
    ),
    path("commitments/<int:pk>/", views.commitment_detail, name="commitment_detail"),
    path("commitments/<int:pk>/answer/", views.commitment_answer, name="commitment_answer"),
    path("<slug:slug>/", views.event_detail, name="event_detail"),
    path("<slug:slug>/sessions/<int:number>/", views.session_detail, name="session_detail"),
    path("<slug:slug>/people/", views.event_people, name="event_people"),
    path("<slug:slug>/timetable/", views.event_timetable, name="event_timetable"),
    path("<slug:slug>/speakers/<slug:key>/", views.speaker_detail, name="speaker_detail"),
    path(
        "<slug:slug>/organisers/<slug:organisation>/",
        views.organiser_detail,
        name="organiser_detail",
    ),
    path("<slug:slug>/sessions/<int:number>/outcome/", views.outcome_edit, name="outcome_edit"),
    path(
        "<slug:slug>/sessions/<int:number>/outcome/translation/",
        views.outcome_translation_edit,
        name="outcome_translation",
    ),
    path(
        "<slug:slug>/sessions/<int:number>/outcome/translation/<str:language>/remove/",
        views.outcome_translation_remove,
        name="outcome_translation_remove",
    ),
    path("<slug:slug>/outcome-document/", views.forum_outcome, name="forum_outcome"),
    path(
        "<slug:slug>/outcome-document/v<int:major>.<int:minor>/",
        views.forum_outcome,
        name="forum_outcome_version",
    ),
    path(
        "<slug:slug>/outcome-document/v<int:old_major>.<int:old_minor>/compare/v<int:major>.<int:minor>/",
        views.forum_outcome_compare,
        name="forum_outcome_compare",
    ),
    path(
        "<slug:slug>/outcome-document/v<int:major>.<int:minor>/download.docx",
        views.forum_outcome_download,
        name="forum_outcome_docx",
    ),
    path(
        "<slug:slug>/outcome-document/v<int:major>.<int:minor>/download.pdf",
        views.forum_outcome_download_pdf,
        name="forum_outcome_pdf",
    ),
]

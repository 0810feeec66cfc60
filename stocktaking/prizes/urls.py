from django.urls import path

from stocktaking.prizes import views

app_name = "prizes"

urlpatterns = [
    path("", views.index, name="index"),
    path("my-entries/", views.my_entries, name="my_entries"),
    path("entries/<int:pk>/", views.entry_detail, name="entry"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/submit/", views.entry_submit, name="entry_submit"),
    path("entries/<int:pk>/translation/", views.entry_translation_edit, name="entry_translation"),
    path(
        "entries/<int:pk>/translation/<str:language>/remove/",
        views.entry_translation_remove,
        name="entry_translation_remove",
    ),
    path("entries/<int:pk>/decide/", views.entry_decide, name="entry_decide"),
    path("entries/<int:pk>/review/", views.review, name="review"),
    path("<int:year>/", views.contest_detail, name="contest"),
    path("<int:year>/enter/", views.entry_create, name="entry_create"),
    path("<int:year>/vote/", views.vote_page, name="vote"),
    path("<int:year>/vote/<int:pk>/", views.vote_cast, name="vote_cast"),
    path("<int:year>/results/", views.results, name="results"),
    path("<int:year>/results.csv", views.results_csv, name="results_csv"),
    path("<int:year>/review/", views.review_list, name="review_list"),
    path("<int:year>/manage/", views.manage, name="manage"),
    path("<int:year>/manage/coverage/", views.coverage, name="coverage"),
    path("<int:year>/manage/votes/", views.vote_integrity, name="vote_integrity"),
    path(
        "<int:year>/manage/votes/quarantine-burst/",
        views.vote_quarantine_burst,
        name="vote_quarantine_burst",
    ),
    path(
        "<int:year>/manage/votes/quarantine-new-accounts/",
        views.vote_quarantine_new_accounts,
        name="vote_quarantine_new_accounts",
    ),
    path("<int:year>/manage/tally.csv", views.tally_csv, name="tally_csv"),
    path("<int:year>/manage/finalists/", views.finalists_publish, name="finalists_publish"),
    path("<int:year>/manage/<slug:slug>/ranking/", views.ranking, name="ranking"),
    path("<int:year>/manage/<slug:slug>/winners/", views.winners, name="winners"),
    path("<int:year>/<slug:slug>/", views.category_detail, name="category"),
]

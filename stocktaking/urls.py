from django.urls import path
from django.views.decorators.http import require_GET

from stocktaking import views
from wsis.caching import cache_public_page

app_name = "stocktaking"

urlpatterns = [
    path("", views.entry_list, name="list"),
    path("export.csv", views.entry_export_csv, name="export_csv"),
    path("export.json", views.entry_export_json, name="export_json"),
    path(
        "feed/",
        require_GET(cache_public_page("stocktaking")(views.LatestEntriesFeed())),
        name="feed",
    ),
    path("entries/<int:pk>/", views.entry_detail, name="detail_short"),
    path("entries/<int:pk>-<slug:slug>/", views.entry_detail, name="detail"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("mine/", views.my_entries, name="mine"),
    path("mine/new/", views.entry_create, name="create"),
    path("mine/<int:pk>/", views.my_entry_detail, name="mine_detail"),
    path("mine/<int:pk>/edit/", views.entry_edit, name="edit"),
    path("mine/<int:pk>/submit/", views.entry_submit, name="submit"),
    path("mine/<int:pk>/withdraw/", views.entry_withdraw, name="withdraw"),
    path("mine/<int:pk>/revise/", views.entry_revise, name="revise"),
    path("mine/<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("mine/<int:pk>/translation/", views.entry_translation_edit, name="translation_edit"),
    path(
        "mine/<int:pk>/translation/<str:language>/remove/",
        views.entry_translation_remove,
        name="translation_remove",
    ),
    path(
        "mine/<int:pk>/attachments/<int:attachment_pk>/remove/",
        views.attachment_remove,
        name="attachment_remove",
    ),
]

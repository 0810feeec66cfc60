from django.urls import path
from django.views.decorators.http import require_safe

from portal import feeds, views

urlpatterns = [
    path("favicon.ico", views.favicon, name="favicon"),
    path("design/", views.design_system, name="design_system"),
    path("my/", views.my_wsis, name="my_wsis"),
    path("stocktaking/map/", views.stocktaking_map, name="stocktaking_map"),
    path("my/agenda/<str:token>.ics", views.my_agenda_ics, name="my_agenda_ics"),
    path("events/feed/", require_safe(feeds.EventsFeed()), name="events_feed"),
    path("events/outcomes/feed/", require_safe(feeds.LatestOutcomesFeed()), name="outcomes_feed"),
    path("events/outcomes/export.csv", feeds.outcomes_export_csv, name="outcomes_export_csv"),
    path("events/outcomes/export.json", feeds.outcomes_export_json, name="outcomes_export_json"),
    path("events/<slug:slug>/rooms/", views.agenda_by_room, name="agenda_by_room"),
    path("events/<slug:slug>/agenda.ics", views.agenda_ics, name="agenda_ics"),
    path(
        "events/<slug:slug>/sessions/<int:number>/session.ics",
        views.session_ics,
        name="session_ics",
    ),
    path("events/<slug:slug>/sessions/<int:number>/star/", views.session_star, name="session_star"),
]

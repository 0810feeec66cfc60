from django.urls import path

from roadmaps import views

app_name = "roadmaps"

urlpatterns = [
    path("", views.roadmap_index, name="roadmap_index"),
    path("review/", views.review_queue, name="review_queue"),
    path("sdgs/<int:number>/", views.sdg_detail, name="sdg_detail"),
    path("clauses/<int:pk>/edit/", views.clause_edit, name="clause_edit"),
    path("clauses/<int:pk>/remove/", views.clause_remove, name="clause_remove"),
    path("clauses/<int:pk>/move/", views.clause_move, name="clause_move"),
    path("clauses/<int:pk>/citations/", views.clause_citations, name="clause_citations"),
    path("clauses/<int:pk>/citations/add/", views.clause_cite, name="clause_cite"),
    path(
        "clauses/<int:pk>/citations/<int:citation_id>/remove/",
        views.clause_uncite,
        name="clause_uncite",
    ),
    path("<slug:slug>/", views.roadmap_detail, name="roadmap_detail"),
    path("<slug:slug>/versions/", views.version_list, name="version_list"),
    path("<slug:slug>/compare/", views.version_compare, name="version_compare"),
    path("<slug:slug>/drafts/", views.draft_start, name="draft_start"),
    path("<slug:slug>/versions/<int:number>/", views.version_detail, name="version_detail"),
    path("<slug:slug>/versions/<int:number>/print/", views.version_print, name="version_print"),
    path(
        "<slug:slug>/versions/<int:number>/download.<str:fmt>",
        views.version_download,
        name="version_download",
    ),
    path("<slug:slug>/versions/<int:number>/edit/", views.version_edit, name="version_edit"),
    path(
        "<slug:slug>/versions/<int:number>/transition/",
        views.version_transition,
        name="version_transition",
    ),
    path(
        "<slug:slug>/versions/<int:number>/groups/<int:group_id>/clauses/new/",
        views.clause_add,
        name="clause_add",
    ),
]

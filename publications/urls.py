from django.urls import path

from publications import views

app_name = "publications"

urlpatterns = [
    path("stocktaking-reports/", views.report_list, name="report_list"),
    path("stocktaking-reports/<int:year>/", views.report_detail, name="report"),
    path("stocktaking-reports/<int:year>/report.docx", views.report_docx, name="report_docx"),
    path("stocktaking-reports/<int:year>/report.pdf", views.report_pdf, name="report_pdf"),
    path(
        "stocktaking-reports/<int:year>/versions/<int:number>/",
        views.report_version_preview,
        name="report_version",
    ),
    path(
        "stocktaking-reports/<int:year>/versions/<int:old>/compare/<int:new>/",
        views.report_version_compare,
        name="report_compare",
    ),
    path("success-stories/", views.stories_list, name="stories_list"),
    path("success-stories/<int:year>/", views.stories_detail, name="stories"),
    path("success-stories/<int:year>/stories.docx", views.stories_docx, name="stories_docx"),
    path("success-stories/<int:year>/stories.pdf", views.stories_pdf, name="stories_pdf"),
    path(
        "success-stories/<int:year>/versions/<int:number>/",
        views.stories_version_preview,
        name="stories_version",
    ),
    path(
        "success-stories/<int:year>/versions/<int:old>/compare/<int:new>/",
        views.stories_version_compare,
        name="stories_compare",
    ),
    path(
        "success-stories/<int:year>/versions/<int:number>/images/<int:story>/",
        views.stories_image,
        name="stories_image",
    ),
    path("certificates/", views.certificate_list, name="certificate_list"),
    path("certificates/<int:pk>.pdf", views.certificate_download, name="certificate"),
    path("roadmaps/", views.roadmaps_detail, name="roadmaps"),
    path("roadmaps/v<int:number>/", views.roadmaps_detail, name="roadmaps_version"),
    path(
        "roadmaps/v<int:old>/compare/v<int:new>/", views.roadmaps_compare, name="roadmaps_compare"
    ),
    path("roadmaps/v<int:number>/roadmaps.docx", views.roadmaps_docx, name="roadmaps_docx"),
    path("roadmaps/v<int:number>/roadmaps.pdf", views.roadmaps_pdf, name="roadmaps_pdf"),
]

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
]

from django.urls import path

from hubs import views

app_name = "hubs"

urlpatterns = [
    path("", views.hub_index, name="index"),
    path("matrix/", views.matrix, name="matrix"),
    path("action-lines/<slug:slug>/", views.action_line_hub, name="action_line"),
    path("sdgs/<int:number>/", views.sdg_hub, name="sdg"),
    path("gdc/<int:number>/", views.gdc_hub, name="gdc"),
]

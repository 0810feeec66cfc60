from django.urls import path

from portal import views

urlpatterns = [
    path("favicon.ico", views.favicon, name="favicon"),
    path("design/", views.design_system, name="design_system"),
    path("my/", views.my_wsis, name="my_wsis"),
]

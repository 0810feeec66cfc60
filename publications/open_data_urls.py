"""/open-data/: the yearly open-data archives (routed from the root URLconf by name, so the core
does not import the app)."""

from django.urls import path

from publications import views

app_name = "open_data"

urlpatterns = [path("", views.open_data, name="index")]

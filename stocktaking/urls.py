from django.urls import path  # noqa: F401 - the app adds its pages here

app_name = "stocktaking"

urlpatterns: list = []

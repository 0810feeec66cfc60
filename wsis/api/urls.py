"""The API under /api/v1/: each app adds its own router here."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from wsis.api import views

router = DefaultRouter()
router.register("reference/action-lines", views.ActionLineViewSet, basename="action-line")
router.register("reference/sdgs", views.SdgViewSet, basename="sdg")
router.register("reference/gdc-objectives", views.GdcObjectiveViewSet, basename="gdc-objective")
router.register(
    "reference/stakeholder-types", views.StakeholderTypeViewSet, basename="stakeholder-type"
)
router.register("reference/regions", views.ItuRegionViewSet, basename="region")
router.register("reference/countries", views.CountryViewSet, basename="country")

urlpatterns = [
    path("", include(router.urls)),
]

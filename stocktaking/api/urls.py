from rest_framework.routers import DefaultRouter

from stocktaking.api.views import EntryViewSet

# The API's one root view is the core's, at /api/v1/.
router = DefaultRouter()
router.include_root_view = False
router.register("entries", EntryViewSet, basename="stocktaking-entry")

urlpatterns = router.urls

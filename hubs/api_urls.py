from rest_framework.routers import SimpleRouter

from hubs.api import HubViewSet

router = SimpleRouter()
router.register("", HubViewSet, basename="hub-api")

urlpatterns = router.urls

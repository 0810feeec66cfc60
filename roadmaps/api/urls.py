from rest_framework.routers import SimpleRouter

from roadmaps.api import views

router = SimpleRouter()
router.register("clauses", views.ClauseViewSet, basename="roadmap-clause")
router.register("", views.RoadmapViewSet, basename="roadmap")

urlpatterns = router.urls

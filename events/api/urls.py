"""/api/v1/events/: events ("" and {id}/sessions/) and sessions/; /api/v1/outcomes/: published
outcome documents (mounted by wsis/urls.py from `outcome_urlpatterns`)."""

from rest_framework.routers import SimpleRouter

from events.api import views

router = SimpleRouter()
router.register("sessions", views.SessionViewSet, basename="event-session")
router.register("", views.EventViewSet, basename="event")

urlpatterns = router.urls

outcome_router = SimpleRouter()
outcome_router.register("", views.OutcomeViewSet, basename="event-outcome")

outcome_urlpatterns = outcome_router.urls

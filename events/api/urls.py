"""/api/v1/events/: events ("" and {id}/sessions/), sessions/, outcomes/."""

from rest_framework.routers import SimpleRouter

from events.api import views

router = SimpleRouter()
router.register("sessions", views.SessionViewSet, basename="event-session")
router.register("outcomes", views.OutcomeViewSet, basename="event-outcome")
router.register("", views.EventViewSet, basename="event")

urlpatterns = router.urls
